/**
 * A delivery's CSV file, read as it streams out of the archive (docs/import-archive.md, "CSV"):
 * its encoding told from its first bytes (a UTF-8 BOM, valid UTF-8, else GB18030, which reads
 * GBK), decoded chunk by chunk whatever the chunk boundaries (TextDecoder, strict: bytes that are
 * no character refuse the file), and parsed by csv-parse (quotes, CRLF or LF). Records go to the
 * caller one by one with their line number; nothing is kept.
 */
import { parse, type Parser } from 'csv-parse';
import { fail } from '../errors';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

/** Bytes looked at before the encoding is decided: the header and many rows. */
const SNIFF_BYTES = 64 * 1024;
const BOM = [0xef, 0xbb, 0xbf];

/** The encoding the first bytes say; `complete` when they are the whole file. */
export function detectEncoding(head: Uint8Array, complete: boolean): CsvEncoding {
  if (BOM.every((b, i) => head[i] === b)) return 'utf-8-bom';
  try {
    // A multi-byte character cut at the end of a partial head is not a reason to doubt it.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export interface CsvRecord {
  cells: string[];
  /** Its place among the records, the header being 1: the row a spreadsheet shows it on. */
  row: number;
}

/**
 * Feed it the file's bytes with `write`, then `end`; `onRecord` gets each record, the header
 * first. A byte that isn't text in the detected encoding refuses the file
 * (`import.file.encoding`), as does a quote left open (`import.file.csv`, naming the line).
 */
export class CsvReader {
  private readonly head: Uint8Array[] = [];
  private headBytes = 0;
  private decode: ((chunk: Uint8Array) => string) | null = null;
  private flush: (() => string) | null = null;
  private readonly parser: Parser;
  private failure: unknown = null;
  private rows = 0;
  encoding: CsvEncoding | null = null;

  constructor(private readonly onRecord: (record: CsvRecord) => void) {
    this.parser = parse({ relax_column_count: true, skip_empty_lines: true });
    this.parser.on('readable', () => {
      for (let r = this.parser.read() as string[] | null; r !== null; r = this.parser.read() as string[] | null) {
        if (this.failure !== null) continue;
        try {
          this.onRecord({ cells: r, row: ++this.rows });
        } catch (err) {
          this.failure = err;
        }
      }
    });
    this.parser.on('error', (err) => {
      this.failure ??= err;
    });
  }

  write(chunk: Uint8Array): void {
    this.rethrow();
    if (this.decode) return this.push(this.decode(chunk));
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes >= SNIFF_BYTES) this.start(false);
  }

  /** Ends the file; resolves once every record was handed over. */
  async end(): Promise<void> {
    this.rethrow();
    if (!this.decode) this.start(true);
    this.push(this.flush!());
    await new Promise<void>((resolve) => {
      this.parser.on('end', resolve);
      this.parser.on('error', () => resolve());
      this.parser.end();
    });
    this.rethrow();
  }

  private start(complete: boolean): void {
    const head = Buffer.concat(this.head);
    this.head.length = 0;
    this.encoding = detectEncoding(head, complete);
    // WHATWG's gb18030 decoder (native) reads GBK too; bytes that are no character refuse the
    // file in either encoding.
    const decoder = new TextDecoder(this.encoding === 'gb18030' ? 'gb18030' : 'utf-8', { fatal: true });
    this.decode = (chunk) => {
      try {
        return decoder.decode(chunk, { stream: true });
      } catch {
        fail('INPUT_REJECTED', 'import.file.encoding');
      }
    };
    this.flush = () => {
      try {
        return decoder.decode();
      } catch {
        fail('INPUT_REJECTED', 'import.file.encoding');
      }
    };
    this.push(this.decode(head));
  }

  private push(text: string): void {
    if (text.length > 0) this.parser.write(text);
    this.rethrow();
  }

  private rethrow(): void {
    if (this.failure === null) return;
    const err = this.failure;
    if (err instanceof Error && 'code' in err && String((err as { code: unknown }).code).startsWith('CSV_'))
      fail('INPUT_REJECTED', 'import.file.csv', { line: (err as { lines?: number }).lines ?? 0 });
    throw err instanceof Error ? err : new Error('csv reader failed');
  }
}
