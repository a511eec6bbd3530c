/**
 * A bank's delivery archive (委案包), opened in memory with the custodians' joined password
 * (docs/import-archive.md). Everything is checked before any content is read: the archive must be
 * a whole ZIP whose every file is encrypted (AES, or ZipCrypto flagged as weak), with plain
 * relative names, no links, no archives inside, a bounded number of entries, bounded sizes and
 * compression ratios. Content is then streamed entry by entry, never written anywhere, and held
 * to the sizes the archive declared. Each refusal has its own error key.
 */
import {
  configure,
  ERR_BAD_FORMAT,
  ERR_ENCRYPTED,
  ERR_EOCDR_NOT_FOUND,
  ERR_INVALID_PASSWORD,
  Reader,
  ZipReader,
  type Entry,
  type FileEntry,
} from '@zip.js/zip.js';
import iconv from 'iconv-lite';
import { fail, VaultError } from '../errors';

// In-process: no web workers (there are none in Node), and nothing loaded from elsewhere.
configure({ useWebWorkers: false });

export interface ArchiveLimits {
  /** Files and folders together. */
  maxEntries: number;
  /** The declared size of all files, uncompressed. */
  maxTotalBytes: number;
  /** Uncompressed to compressed, per file: a higher ratio is a compression bomb. */
  maxRatio: number;
}

/** A delivery is a few files of tens of MB: generous for that, small for an attack. */
export const ARCHIVE_LIMITS: ArchiveLimits = { maxEntries: 64, maxTotalBytes: 2 * 1024 ** 3, maxRatio: 200 };

/** Names that are archives themselves; an XLSX is a ZIP too, but it is what a delivery holds. */
const NESTED = /\.(zip|zipx|rar|7z|tar|tgz|gz|bz2|xz|zst|cab|arj|lzh|lha|jar|war|iso|z)$/i;

export interface DeliveryFile {
  /** Its path inside the archive, `/`-separated, decoded (GBK when not flagged UTF-8). */
  name: string;
  size: number;
  compressedSize: number;
  /** ZipCrypto: accepted, and the ceremony's transcript says it is weak. */
  weak: boolean;
}

export interface DeliveryArchive {
  files: readonly DeliveryFile[];
  /** `aes` when every file is AES-encrypted, else `zipcrypto` (at least one is). */
  encryption: 'aes' | 'zipcrypto';
  /** Streams one file's content to `onChunk`, chunk by chunk; refuses damage and lies about sizes. */
  read(name: string, onChunk: (chunk: Uint8Array) => void | Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** Where the encrypted archive's bytes come from: a file handle's positioned reads, or memory. */
export interface ArchiveBytes {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

class SourceReader extends Reader<ArchiveBytes> {
  constructor(private readonly source: ArchiveBytes) {
    super(source);
    this.size = source.size;
  }

  override readUint8Array(index: number, length: number): Promise<Uint8Array> {
    return this.source.read(index, Math.max(0, Math.min(length, this.size - index)));
  }
}

/**
 * Entry names from Windows tools come in GBK without the UTF-8 flag; GB18030 reads GBK. A name
 * flagged UTF-8, or valid UTF-8 without the flag (as macOS tools write), zip.js decodes itself.
 */
function decodeName(value: Uint8Array, encoding: string): string | undefined {
  return encoding.toLowerCase() === 'utf-8' ? undefined : iconv.decode(Buffer.from(value), 'gb18030');
}

/** A plain relative path: no absolute path, drive, backslash, `.` or `..` segment, or control character. */
function safeName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (name.length === 0 || /[\u0000-\u001f\u007f\\]/.test(name) || /^[A-Za-z]:/.test(name)) return false;
  const parts = name.replace(/\/$/, '').split('/');
  return parts.every((p) => p !== '' && p !== '.' && p !== '..');
}

function refuse(reason: 'path' | 'link' | 'nested' | 'entries' | 'size' | 'bomb' | 'plain', name?: string): never {
  const params = name === undefined ? undefined : { name };
  switch (reason) {
    case 'path':
      return fail('INPUT_REJECTED', 'import.archive.unsafePath', params);
    case 'link':
      return fail('INPUT_REJECTED', 'import.archive.link', params);
    case 'nested':
      return fail('INPUT_REJECTED', 'import.archive.nested', params);
    case 'entries':
      return fail('INPUT_REJECTED', 'import.archive.tooManyEntries');
    case 'size':
      return fail('INPUT_REJECTED', 'import.archive.tooLarge');
    case 'bomb':
      return fail('INPUT_REJECTED', 'import.archive.bomb', params);
    case 'plain':
      return fail('INPUT_REJECTED', 'import.archive.unencrypted', params);
  }
}

/** zip.js's errors as ours: a wrong password, or an archive that is not whole. */
function mapZipError(err: unknown): VaultError {
  if (err instanceof VaultError) return err;
  // By message: zip.js's errors are plain Errors, possibly from another realm (its streams').
  const message = (err as { message?: unknown } | null)?.message;
  // An entry that needs a password and got none says so differently from a wrong one.
  if (message === ERR_INVALID_PASSWORD || message === ERR_ENCRYPTED)
    return new VaultError('INPUT_REJECTED', 'import.archive.wrongPassword');
  if (message === ERR_EOCDR_NOT_FOUND || message === ERR_BAD_FORMAT)
    return new VaultError('INPUT_REJECTED', 'import.archive.notZip');
  return new VaultError('INPUT_REJECTED', 'import.archive.damaged');
}

/**
 * Opens the archive and checks it whole, including the password against every file (AES keeps
 * a check value per file; a ZipCrypto file is tried on its first bytes). Nothing is decrypted
 * beyond that until `read`.
 */
export async function openDelivery(
  bytes: ArchiveBytes,
  password: string | Uint8Array,
  limits: ArchiveLimits = ARCHIVE_LIMITS,
): Promise<DeliveryArchive> {
  const zip = new ZipReader(new SourceReader(bytes), {
    // Bytes (the ceremony's joined halves) stay a buffer that is wiped, never a string.
    ...(typeof password === 'string' ? { password } : { rawPassword: password }),
    checkPasswordOnly: false,
    decodeText: (value: Uint8Array, encoding: string) => decodeName(value, encoding),
    // Names are judged here, each refusal with its own reason and the name.
    filenameValidation: 'tolerant',
  });
  try {
    const entries = await zip.getEntries().catch((err: unknown) => {
      throw mapZipError(err);
    });
    const files = checkEntries(entries, limits);
    for (const entry of files)
      await entry.getData(new WritableStream(), { checkPasswordOnly: true }).catch((err: unknown) => {
        throw mapZipError(err);
      });
    const byName = new Map(files.map((e) => [e.filename, e]));
    return {
      files: files.map((e) => ({
        name: e.filename,
        size: e.uncompressedSize,
        compressedSize: e.compressedSize,
        weak: e.zipCrypto,
      })),
      encryption: files.some((e) => e.zipCrypto) ? 'zipcrypto' : 'aes',
      read: (name, onChunk) => readFile(byName.get(name), onChunk),
      close: () => zip.close(),
    };
  } catch (err) {
    await zip.close().catch(() => undefined);
    throw err;
  }
}

function checkEntries(entries: readonly Entry[], limits: ArchiveLimits): FileEntry[] {
  if (entries.length > limits.maxEntries) refuse('entries');
  const files: FileEntry[] = [];
  let total = 0;
  for (const entry of entries) {
    const name = entry.filename;
    if (!safeName(name)) refuse('path', name);
    if (entry.symlink) refuse('link', name);
    if (entry.directory) continue;
    if (NESTED.test(name)) refuse('nested', name);
    if (!entry.encrypted) refuse('plain', name);
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes) refuse('size');
    if (entry.uncompressedSize > Math.max(entry.compressedSize, 1) * limits.maxRatio) refuse('bomb', name);
    files.push(entry);
  }
  return files;
}

async function readFile(
  entry: FileEntry | undefined,
  onChunk: (chunk: Uint8Array) => void | Promise<void>,
): Promise<void> {
  if (!entry) throw new RangeError('no such file in the archive');
  let seen = 0;
  const sink = new WritableStream<Uint8Array>({
    async write(chunk) {
      seen += chunk.length;
      // zip.js stops an entry at its declared size too; this is the check of our own.
      if (seen > entry.uncompressedSize) refuse('bomb', entry.filename);
      await onChunk(chunk);
    },
  });
  await entry.getData(sink, { checkSignature: true, checkAuthenticationCode: true }).catch((err: unknown) => {
    throw mapZipError(err);
  });
  if (seen !== entry.uncompressedSize) throw new VaultError('INPUT_REJECTED', 'import.archive.damaged');
}
