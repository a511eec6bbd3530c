/**
 * The cases the check pass accepted so far, kept for the commit so it need not read and check the
 * delivery a second time: each one line of JSON in large buffers (not an object per case), with
 * its row's key beside it. Wiped with the ceremony's secrets (it is plaintext, in memory only).
 * A delivery too large for `limit` is not kept: past it everything is wiped and the commit walks
 * the archive again instead (delivery-walk.ts), so memory stays bounded however many rows come.
 */
import type { NewCase } from '../cases/case-rows';

const BLOCK = 1024 * 1024;
const NEWLINE = 0x0a;

export class CheckedCases {
  private blocks: Buffer[] = [];
  private used = 0;
  private bytes = 0;
  /** Per case: its row key, its block and where its line starts and ends. */
  private keys: string[] = [];
  private places: number[] = [];
  overflowed = false;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.keys.length;
  }

  add(key: string, c: NewCase): void {
    if (this.overflowed) return;
    const line = JSON.stringify(c);
    // A UTF-8 byte is at most 3 per UTF-16 unit; +1 for the newline.
    const room = line.length * 3 + 1;
    if (this.bytes + room > this.limit) {
      this.wipe();
      this.overflowed = true;
      return;
    }
    let block = this.blocks.at(-1);
    if (!block || block.length - this.used < room) {
      block = Buffer.alloc(Math.max(BLOCK, room));
      this.blocks.push(block);
      this.used = 0;
      this.bytes += block.length;
    }
    const start = this.used;
    this.used += block.write(line, start, 'utf8');
    block[this.used++] = NEWLINE;
    this.keys.push(key);
    this.places.push(this.blocks.length - 1, start, this.used);
  }

  /**
   * The kept cases but those left out, `size` at a time, as JSON lines in a fresh buffer each
   * (to hand to a seal worker): `count` cases in `lines`.
   */
  *chunks(leaveOut: ReadonlySet<string>, size: number): Generator<{ lines: Uint8Array; count: number }> {
    let parts: Buffer[] = [];
    let length = 0;
    const cut = (): { lines: Uint8Array; count: number } => {
      const lines = new Uint8Array(length);
      let at = 0;
      for (const part of parts) {
        lines.set(part, at);
        at += part.length;
      }
      const chunk = { lines, count: parts.length };
      parts = [];
      length = 0;
      return chunk;
    };
    for (let i = 0; i < this.keys.length; i += 1) {
      if (leaveOut.has(this.keys[i]!)) continue;
      const [block, start, end] = [this.places[3 * i]!, this.places[3 * i + 1]!, this.places[3 * i + 2]!];
      const part = this.blocks[block]!.subarray(start, end);
      parts.push(part);
      length += part.length;
      if (parts.length === size) yield cut();
    }
    if (parts.length > 0) yield cut();
  }

  /** Zeroes every buffer and forgets the cases. */
  wipe(): void {
    for (const block of this.blocks) block.fill(0);
    this.blocks = [];
    this.keys = [];
    this.places = [];
    this.used = 0;
    this.bytes = 0;
  }
}
