/**
 * A revealed value copied from a case: written by the main process (the renderer never gets
 * clipboard access) and cleared after a delay, unless something else was copied since.
 * What the OS may keep anyway (clipboard history, managers) is in docs/case-workspace.md.
 */
import { clipboard } from 'electron';

let pending: ReturnType<typeof setTimeout> | null = null;

export function copyForAWhile(text: string, seconds: number): void {
  if (pending) clearTimeout(pending);
  clipboard.writeText(text);
  pending = setTimeout(() => {
    pending = null;
    if (clipboard.readText() === text) clipboard.clear();
  }, seconds * 1000);
}
