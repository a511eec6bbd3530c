/** Decides whether an IPC message comes from our window's top frame on our own origin. */
import type { IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { isTrustedRendererUrl } from '../app-origin';

/** The parts of a WebFrameMain the check reads (only whether `parent` is null matters). */
type FrameLike = Pick<WebFrameMain, 'url' | 'processId' | 'routingId'> & { parent: object | null };

export interface SenderLike {
  sender: Pick<WebContents, 'id'> & { mainFrame: FrameLike };
  senderFrame: FrameLike | null;
}

export interface TrustPolicy {
  /** The web contents of our window, or null before it exists / after it closed. */
  windowContents(): Pick<WebContents, 'id'> | null;
  dev: URL | null;
}

function sameFrame(a: FrameLike, b: FrameLike): boolean {
  // WebFrameMain objects are usually reused, but compare the ids too rather than trust identity.
  return a === b || (a.processId === b.processId && a.routingId === b.routingId);
}

/**
 * All four must hold: the frame still exists, it is the top frame of its contents, those
 * contents are our window's, and the frame's URL is on app://strongroom (or the dev server).
 */
export function isTrustedSender(event: SenderLike | IpcMainInvokeEvent, policy: TrustPolicy): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null || !sameFrame(frame, event.sender.mainFrame)) return false;
  const ours = policy.windowContents();
  if (!ours || ours.id !== event.sender.id) return false;
  return isTrustedRendererUrl(frame.url, policy.dev);
}
