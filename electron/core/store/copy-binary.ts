/**
 * Rows in PostgreSQL's binary COPY format (its manual: COPY, "Binary Format"), for
 * Queryable.copyIn with `(FORMAT binary)`: the signature and two zero words, then each row as its
 * field count and each field as its length (-1 for NULL) and bytes: text as UTF-8, bytea as it
 * is, integer and bigint big-endian; -1 at the end. A sealed value goes to the server as its
 * bytes: no hex to write or read, no escaping.
 */
import type { SqlValue } from './sql';

export type CopyType = 'text' | 'bytea' | 'integer' | 'bigint';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

export class CopyBinary {
  private bytes = Buffer.alloc(64 * 1024);
  private used = 0;

  constructor(private readonly types: readonly CopyType[]) {
    SIGNATURE.copy(this.bytes);
    // Flags and the header extension's length: both zero.
    this.used = SIGNATURE.length + 8;
  }

  row(values: readonly SqlValue[]): void {
    if (values.length !== this.types.length) throw new Error('a COPY row of another width');
    this.room(2);
    this.bytes.writeInt16BE(values.length, this.used);
    this.used += 2;
    values.forEach((value, i) => this.field(value, this.types[i]!));
  }

  private field(value: SqlValue, type: CopyType): void {
    if (value === null) {
      this.room(4);
      this.used = this.bytes.writeInt32BE(-1, this.used);
    } else if (type === 'text' && typeof value === 'string') {
      this.room(4 + 3 * value.length);
      const length = this.bytes.write(value, this.used + 4, 'utf8');
      this.bytes.writeInt32BE(length, this.used);
      this.used += 4 + length;
    } else if (type === 'bytea' && Buffer.isBuffer(value)) {
      this.room(4 + value.length);
      this.used = this.bytes.writeInt32BE(value.length, this.used);
      this.used += value.copy(this.bytes, this.used);
    } else if (type === 'integer' && Number.isSafeInteger(value)) {
      this.room(8);
      this.used = this.bytes.writeInt32BE(4, this.used);
      this.used = this.bytes.writeInt32BE(value as number, this.used);
    } else if (type === 'bigint' && Number.isSafeInteger(value)) {
      this.room(12);
      this.used = this.bytes.writeInt32BE(8, this.used);
      this.used = this.bytes.writeBigInt64BE(BigInt(value as number), this.used);
    } else throw new Error(`a ${typeof value} for a ${type} column`);
  }

  private room(length: number): void {
    if (this.used + length <= this.bytes.length) return;
    const grown = Buffer.alloc(Math.max(2 * this.bytes.length, this.used + length));
    this.bytes.copy(grown, 0, 0, this.used);
    this.bytes = grown;
  }

  /** The rows with the trailer: a buffer of its own, transferable whole. */
  finish(): Uint8Array {
    this.room(2);
    this.used = this.bytes.writeInt16BE(-1, this.used);
    return new Uint8Array(this.bytes.subarray(0, this.used));
  }
}
