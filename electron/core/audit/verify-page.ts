/**
 * verify's reading of the log: a page of events as bytes, with no JS object per row (building
 * those costs the driver about four times what the MAC does). Each entry is a span of the page
 * holding the stored hash and a span holding the chained JSON; verify MACs the JSON span as it
 * is and checks any entry that doesn't match from its row (audit-log.ts).
 */
import { sql } from '../store/sql';
import type { Queryable } from '../store/store';

/** A page: entry i's hash is bytes[spans[4i], spans[4i+1]), its JSON bytes[spans[4i+2], spans[4i+3]). */
export interface VerifyPage {
  bytes: Buffer;
  spans: Uint32Array;
  count: number;
}

/** Events [from, to) in seq order, or null when there are none. */
export async function verifyPage(db: Queryable, from: number, to: number): Promise<VerifyPage | null> {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) throw new RangeError('seq bounds must be integers');
  if (db.dialect.kind === 'postgres') return floorPage(db, from, to);
  return stationPage(db, from, to);
}

/**
 * SQLite: one blob, per event its stored hash (32 bytes; any other length is sent as zeros,
 * which no MAC matches), then json_array of the chained fields, which SQLite writes byte for
 * byte as canonicalEvent's JSON.stringify does, then '\n' (JSON text never holds a raw control
 * character, so the newline can't occur inside it).
 */
async function stationPage(db: Queryable, from: number, to: number): Promise<VerifyPage | null> {
  const row = await db.get<{ page: Buffer | null }>(
    sql`SELECT CAST(group_concat(
               iif(length(hash) = 32, hash, zeroblob(32))
               || json_array(seq, at, actor, actor_id, seat, action, object, outcome, detail),
               char(10)) AS BLOB) AS page
        FROM audit_events WHERE seq >= ${from} AND seq < ${to}`,
  );
  const bytes = row?.page;
  if (!bytes) return null;
  const spans: number[] = [];
  for (let pos = 0; pos < bytes.length;) {
    const json = Math.min(pos + HASH_BYTES, bytes.length);
    let stop = bytes.indexOf(NEWLINE, json);
    if (stop < 0) stop = bytes.length;
    spans.push(pos, json, json, stop);
    pos = stop + 1;
  }
  return { bytes, spans: Uint32Array.from(spans), count: spans.length / 4 };
}

/**
 * PostgreSQL: each row holds its chained bytes (schema 9), sent as they are stored through
 * `COPY … TO STDOUT (FORMAT binary)`: raw hash and text with a length before each, so nothing
 * is escaped, hex-encoded or turned into a JS string on either side. A COPY takes no
 * parameters; the bounds are checked integers.
 */
async function floorPage(db: Queryable, from: number, to: number): Promise<VerifyPage | null> {
  if (!db.copyOut) throw new Error('this store cannot COPY');
  const bytes = await db.copyOut(
    `COPY (SELECT hash, chained FROM audit_log WHERE seq >= ${from} AND seq < ${to} ORDER BY seq)
       TO STDOUT (FORMAT binary)`,
  );
  const page = binaryTuples(bytes);
  return page.count === 0 ? null : page;
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** The spans of a binary COPY of (hash bytea, chained text) rows (PostgreSQL's documented format). */
export function binaryTuples(bytes: Buffer): VerifyPage {
  if (bytes.length < SIGNATURE.length + 8 || !bytes.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw malformed();
  const first = SIGNATURE.length + 8 + bytes.readUInt32BE(SIGNATURE.length + 4); // flags, header extension
  // Two passes: the first checks every length and counts, so the spans fit one exact array.
  const count = walkTuples(bytes, first, null);
  const spans = new Uint32Array(count * 4);
  walkTuples(bytes, first, spans);
  return { bytes, spans, count };
}

/** Walks the tuples from `pos` to the trailer, filling `spans` if given; returns how many. */
function walkTuples(bytes: Buffer, start: number, spans: Uint32Array | null): number {
  let pos = start;
  let n = 0;
  for (;;) {
    if (pos + 2 > bytes.length) throw malformed();
    const fields = bytes.readInt16BE(pos);
    pos += 2;
    if (fields === -1) return n / 4; // the trailer
    if (fields !== 2) throw malformed();
    for (let f = 0; f < 2; f += 1) {
      if (pos + 4 > bytes.length) throw malformed();
      const length = bytes.readInt32BE(pos);
      pos += 4;
      // NULL (-1) is an empty span: no MAC matches it, so verify checks that row by itself.
      const end = pos + Math.max(length, 0);
      if (end > bytes.length) throw malformed();
      if (spans) {
        spans[n] = pos;
        spans[n + 1] = end;
      }
      n += 2;
      pos = end;
    }
  }
}

const malformed = () => new Error('malformed COPY data');

/** The seq a JSON entry starts with ("[123,"), or -1 if it doesn't start like that. */
export function leadingSeq(page: Buffer, start: number, stop: number): number {
  if (page[start] !== 0x5b) return -1;
  let seq = 0;
  let i = start + 1;
  for (; i < stop && i < start + 17; i += 1) {
    const c = page[i]!;
    if (c < 0x30 || c > 0x39) break;
    seq = seq * 10 + (c - 0x30);
  }
  return i > start + 1 && page[i] === 0x2c ? seq : -1;
}

const HASH_BYTES = 32;
const NEWLINE = 0x0a;
