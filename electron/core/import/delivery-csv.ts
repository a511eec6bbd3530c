/**
 * A delivery's CSV file, read as it streams out of the archive (docs/import-archive.md, "CSV"):
 * its encoding told from its first bytes (a UTF-8 BOM, valid UTF-8, else GB18030, which reads
 * GBK), decoded chunk by chunk whatever the chunk boundaries (TextDecoder, strict: bytes that are
 * no character refuse the file), cut after its last whole record and parsed by papaparse (quotes,
 * CRLF or LF). Records go to the caller one by one with their line number; nothing is kept.
 */
import Papa from 'papaparse';
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

/** A record longer than this is no bank's case row: a quote left open, most likely. */
export const MAX_RECORD_CHARS = 1024 * 1024;

/**
 * Feed it the file's bytes with `write`, then `end`; `onRecord` gets each record, the header
 * first. A byte that isn't text in the detected encoding refuses the file
 * (`import.file.encoding`), as does a quote left open or text after a closing quote
 * (`import.file.csv`, naming the line).
 *
 * Text is parsed up to its last line end outside quotes (an even count of quotes before it: RFC
 * 4180 writes quotes only in pairs), so a record is never cut; the rest waits for the next chunk.
 */
export class CsvReader {
  private readonly head: Uint8Array[] = [];
  private headBytes = 0;
  private decode: ((chunk: Uint8Array) => string) | null = null;
  private flush: (() => string) | null = null;
  /** Decoded text not yet parsed (the start of a record), in pieces; how long; its quotes. */
  private pending: string[] = [];
  private pendingLength = 0;
  private quotes = 0;
  /** The line `pending` starts on; the file's line break, once the first text says. */
  private line = 1;
  private newline: '\r\n' | '\n' | '\r' | undefined;
  private rows = 0;
  encoding: CsvEncoding | null = null;

  constructor(private readonly onRecord: (record: CsvRecord) => void) {}

  write(chunk: Uint8Array): void {
    if (this.decode) return this.push(this.decode(chunk));
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes >= SNIFF_BYTES) this.start(false);
  }

  /** Ends the file, handing over its last records. */
  end(): Promise<void> {
    if (!this.decode) this.start(true);
    this.push(this.flush!());
    const rest = this.pending.join('');
    this.pending = [];
    if (rest !== '') this.parse(rest);
    return Promise.resolve();
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

  /** Adds decoded text; parses what ends in a line end outside quotes. */
  private push(text: string): void {
    // A line ends at an LF (CRLF or LF files), or at a CR in a file that has no LF.
    const end = this.newline === '\r' || (!this.newline && !text.includes('\n')) ? 0x0d : 0x0a;
    let cut = -1;
    let quotesAfterCut = 0;
    for (let at = 0; at < text.length; at += 1) {
      const c = text.charCodeAt(at);
      if (c === 0x22) {
        this.quotes += 1;
        quotesAfterCut += 1;
      } else if (c === end && this.quotes % 2 === 0) {
        cut = at;
        quotesAfterCut = 0;
      }
    }
    if (cut < 0) {
      this.pending.push(text);
      this.pendingLength += text.length;
      if (this.pendingLength > MAX_RECORD_CHARS) fail('INPUT_REJECTED', 'import.file.csv', { line: this.line });
      return;
    }
    const whole = this.pending.join('') + text.slice(0, cut + 1);
    const rest = text.slice(cut + 1);
    this.pending = [rest];
    this.pendingLength = rest.length;
    this.quotes = quotesAfterCut;
    this.parse(whole);
  }

  /**
   * Parses whole records, refusing the file at the first malformed quote. Each record goes on as
   * it is read (`step`), so none outlives its turn.
   */
  private parse(text: string): void {
    let error: Papa.ParseError | undefined;
    Papa.parse<string[]>(text, {
      delimiter: ',',
      newline: this.newline,
      quoteChar: '"',
      escapeChar: '"',
      skipEmptyLines: true,
      step: (result, parser) => {
        if (result.errors.length > 0) {
          error = result.errors[0];
          parser.abort();
          return;
        }
        this.newline ??= result.meta.linebreak as '\r\n' | '\n' | '\r';
        this.onRecord({ cells: result.data, row: ++this.rows });
      },
    });
    if (error) {
      const at = error.index ?? text.length;
      fail('INPUT_REJECTED', 'import.file.csv', { line: this.line + lineBreaks(text.slice(0, at)) });
    }
    this.line += lineBreaks(text);
  }
}

/** Line breaks in `text`: CRLF, LF or CR each one. */
function lineBreaks(text: string): number {
  return text.match(/\r\n|\n|\r/g)?.length ?? 0;
}
