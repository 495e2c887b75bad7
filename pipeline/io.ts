/**
 * File input and output shared by every stage: strict text decoding and atomic writes.
 * Errors are `BitextError`s that name the file (and line where one applies) and carry the
 * exit code the command line should use (2 = bad usage or unreadable input, 1 = failed checks; see the README's "Command line").
 */
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { languageOfFileName } from './text/index.ts';

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
    if (looksLikeUtf16(bytes)) throw utf16WithoutMark(file);
    throw new BitextError(located(file, lineAt(bytes, nul), 'binary file (NUL byte): expected UTF-8 text'), { file, line: lineAt(bytes, nul) });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    if (looksLikeUtf16(bytes)) throw utf16WithoutMark(file);
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

function utf16WithoutMark(file: string): BitextError {
  return new BitextError(located(file, undefined, 'looks like UTF-16 without a byte-order mark: save it as UTF-8'), { file });
}

/**
 * Whether bytes without a byte-order mark read as UTF-16 text: of an even length, and decoded as
 * UTF-16LE or BE at least 90% letters, digits, punctuation or white space of the Latin and
 * Han scripts (no controls, no lone surrogates).
 */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, Math.min(bytes.length, 8192) & ~1);
  if (sample.length < 4) return false;
  const plausible = /[\p{Script=Latin}\p{Script=Han}\p{N}\p{P}\s\u3000-\u303f\uff00-\uffef]/u;
  return (['utf-16le', 'utf-16be'] as const).some((encoding) => {
    const text = new TextDecoder(encoding).decode(sample);
    const chars = [...text];
    const good = chars.filter((c) => plausible.test(c)).length;
    return good / chars.length >= 0.9;
  });
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
 * over the target, so a reader never sees a half-written file and a failure leaves the old file.
 * `data` may be an iterable of string chunks, written as they come (a large file never has to fit
 * in memory). Creates missing parent folders. Throws `BitextError` (exit 2) naming `file` when it
 * cannot be written.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array | Iterable<string>): void {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    if (existsSync(file) && statSync(file).isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR', path: file });
    mkdirSync(dir, { recursive: true });
    fd = openSync(temp, 'w');
    if (typeof data === 'string') writeSync(fd, data);
    else if (data instanceof Uint8Array) writeSync(fd, data);
    else {
      let pending = '';
      for (const chunk of data) {
        pending += chunk;
        if (pending.length >= 1 << 20) {
          writeSync(fd, pending);
          pending = '';
        }
      }
      writeSync(fd, pending);
    }
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    if (error instanceof BitextError) throw error;
    throw new BitextError(located(file, undefined, `cannot write: ${systemErrorReason(error)}`), { file, cause: error });
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EEXIST: 'a file is in the way (expected a folder)',
  ENOTDIR: 'a file is in the way (expected a folder)',
  EISDIR: 'is a folder, expected a file',
  ENOENT: 'no such file or folder',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  SQLITE_READONLY: 'permission denied (read-only translation memory or folder)',
  SQLITE_CANTOPEN: 'cannot open the database file',
};

/** A short reason for a system error (`EACCES` → "permission denied"), else the error's first line. */
export function systemErrorReason(error: unknown): string {
  const code = (error as { code?: string })?.code;
  if (code && REASONS[code]) return REASONS[code];
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}

/**
 * Check, without writing, that `file` may be written by a command: it is none of the command's
 * `inputs` (compared after resolving symbolic links), not named as a source document (a name
 * `languageOfFileName` reads: `zh.md`, `en.md`…), not a folder, and — when it already exists —
 * its extension is one of `extensions` (the kind of file the command writes), and its folder can
 * be made and written. Throws `BitextError` (exit 2) naming the file.
 */
export function checkOutputFile(file: string, inputs: readonly string[], extensions: readonly string[]): void {
  const real = realPath(file);
  for (const input of inputs) {
    if (real === realPath(input)) throw new BitextError(located(file, undefined, 'is an input of this command: refusing to overwrite it'), { file });
  }
  if (languageOfFileName(file) !== null) {
    throw new BitextError(located(file, undefined, 'looks like a source document (zh.md, en.md…): refusing to overwrite it'), { file });
  }
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) throw new BitextError(located(file, undefined, 'is a folder, expected a file'), { file });
    if (!extensions.some((ext) => file.toLowerCase().endsWith(ext))) {
      throw new BitextError(located(file, undefined, `exists and is not a ${extensions.join(' or ')} file: refusing to overwrite it`), { file });
    }
  }
  checkWritableFolder(dirname(file));
}

/**
 * Check that folder `dir` exists or can be made: no file in the way and the nearest existing
 * folder writable. Throws `BitextError` (exit 2) naming the place.
 */
export function checkWritableFolder(dir: string): void {
  let place = resolve(dir);
  while (!existsSync(place)) place = dirname(place);
  if (!statSync(place).isDirectory()) throw new BitextError(located(place, undefined, `is a file, but a folder is needed here (${dir})`), { file: place });
  try {
    accessSync(place, constants.W_OK);
  } catch {
    throw new BitextError(located(place, undefined, 'permission denied (folder not writable)'), { file: place });
  }
}

/** `path` with symbolic links resolved in its existing part (the rest appended), absolute. */
export function realPath(path: string): string {
  let head = resolve(path);
  const tail: string[] = [];
  while (!existsSync(head) && dirname(head) !== head) {
    tail.unshift(basename(head));
    head = dirname(head);
  }
  return join(realpathSync(head), ...tail);
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
