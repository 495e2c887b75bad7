/**
 * File input and output shared by every stage: strict text decoding and atomic writes.
 * Errors are `BitextError`s that name the file (and line where one applies) and carry the
 * exit code the command line should use (2 = bad usage or unreadable input, per DESIGN.md).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * An error a user can act on: `message` already names the file and line.
 * `exitCode` is 2 for bad usage or unreadable input, 1 for failed checks.
 */
export class BitextError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly exitCode: number;
  constructor(message: string, options: { file?: string; line?: number; exitCode?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'BitextError';
    this.file = options.file;
    this.line = options.line;
    this.exitCode = options.exitCode ?? 2;
  }
}

/** `file:line: message` (or `file: message`), the form every error line takes. */
export function located(file: string, line: number | undefined, message: string): string {
  return line ? `${file}:${line}: ${message}` : `${file}: ${message}`;
}

/**
 * Decode bytes as text for the pipeline: UTF-8, or UTF-16LE/BE when the bytes start with that
 * byte-order mark; the mark is dropped, CRLF and lone CR become LF. Throws `BitextError` (exit 2)
 * naming `file` and the line of the fault when the bytes are empty (or only whitespace), contain
 * a NUL byte (binary, or UTF-16 without a byte-order mark), or are not valid UTF-8.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new BitextError(located(file, undefined, 'file is empty'), { file });
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (utf16) return normalise(new TextDecoder(utf16).decode(bytes), file);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    if (looksLikeUtf16(bytes)) throw new BitextError(located(file, undefined, 'looks like UTF-16 without a byte-order mark: save it as UTF-8'), { file });
    throw new BitextError(located(file, lineAt(bytes, nul), 'binary file (NUL byte): expected UTF-8 text'), { file, line: lineAt(bytes, nul) });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = lineAt(bytes, at);
    throw new BitextError(located(file, line, `invalid UTF-8 at byte ${at}`), { file, line });
  }
  return normalise(text, file);
}

function normalise(text: string, file: string): string {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new BitextError(located(file, undefined, 'file has no text'), { file });
  return text;
}

/** Many NULs, nearly all at even (or nearly all at odd) offsets: ASCII-heavy UTF-16 text. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let even = 0;
  let odd = 0;
  sample.forEach((b, i) => {
    if (b === 0) (i % 2 === 0 ? even++ : odd++);
  });
  return Math.max(even, odd) > sample.length / 4 && Math.min(even, odd) < Math.max(even, odd) / 10;
}

/** Read and decode a text file (see `decodeText`); a missing or unreadable path is a `BitextError` (exit 2). */
export function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a file' : `cannot read (${code ?? String(error)})`;
    throw new BitextError(located(file, undefined, why), { file, cause: error });
  }
  return decodeText(bytes, file);
}

/**
 * The lines of a one-sentence-per-line file: every line is a sentence (line k has id k − 1);
 * a final newline does not start another. Throws `BitextError` (exit 2) naming the file when it
 * cannot be read or decoded (see `readText`).
 */
export function readLines(file: string): string[] {
  const text = readText(file);
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Write `data` to `file` atomically: write a temporary file in the same folder, then rename it
 * over the target, so a reader never sees a half-written file. Creates missing parent folders.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return bytes.length;
}
