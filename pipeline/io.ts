/**
 * File input and output shared by every stage: strict text decoding and atomic writes.
 * Errors are `BitextError`s that name the file (and line where one applies) and carry the
 * exit code the command line should use (2 = bad usage or unreadable input, 1 = failed checks; see the README's "Command line").
 */
import { accessSync, closeSync, constants, existsSync, fchmodSync, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
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
 * Largest text file `readText` reads, in bytes (16 MiB): far above any article (the corpus's
 * largest source is a few dozen kilobytes), low enough that reading, segmenting and aligning a
 * file of this size stays within memory. Larger files are refused with one line naming the file.
 */
export const MAX_TEXT_BYTES = 16 * 1024 * 1024;

/**
 * Decode bytes as text for the pipeline: UTF-8, or UTF-16LE/BE when the bytes start with that
 * byte-order mark; the mark is dropped, CRLF and lone CR become LF. Decoding is strict: UTF-8 as
 * the Unicode standard defines it (overlong forms, UTF-16 surrogates and code points above
 * U+10FFFF are refused), UTF-16 with every surrogate paired, an even number of bytes and no NUL.
 * Throws `BitextError` (exit 2) naming `file` when the bytes are empty (or only whitespace), contain
 * a NUL byte (binary, or UTF-16 without a byte-order mark), or do not decode; a fault is placed at
 * its line (LF, CRLF or CR counted as line ends), byte offset and column (characters from the
 * line's start, 1-based): `file:line: invalid UTF-8 at byte N, column C (why)`.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new BitextError(located(file, undefined, 'file is empty'), { file });
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (utf16) return normalise(decodeUtf16(bytes, utf16, file), file);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    if (looksLikeUtf16(bytes)) throw utf16WithoutMark(file);
    const { line, column } = positionOfByte(bytes, nul);
    throw new BitextError(located(file, line, `binary file (NUL byte at byte ${nul}, column ${column}): expected UTF-8 text`), { file, line });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    if (looksLikeUtf16(bytes)) throw utf16WithoutMark(file);
    // TextDecoder follows the standard too (WHATWG Encoding), so the fault is always found here.
    const fault = firstInvalidUtf8(bytes) ?? { at: bytes.length, why: 'not UTF-8' };
    const { line, column } = positionOfByte(bytes, fault.at);
    throw new BitextError(located(file, line, `invalid UTF-8 at byte ${fault.at}, column ${column} (${fault.why})`), { file, line });
  }
  return normalise(text, file);
}

function normalise(text: string, file: string): string {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new BitextError(located(file, undefined, 'file has no text'), { file });
  return text;
}

/**
 * `bytes` (starting with the byte-order mark) decoded as UTF-16, fatally: an unpaired surrogate,
 * a NUL character or an odd byte left over (a file cut short, or UTF-8 appended to UTF-16) is a
 * `BitextError` at its line and column.
 */
function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', file: string): string {
  const le = encoding === 'utf-16le';
  const unit = (i: number) => (le ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
  const fail = (line: number, column: number, at: number, why: string) =>
    new BitextError(located(file, line, `invalid ${encoding.toUpperCase()} at byte ${at}, column ${column} (${why})`), { file, line });
  let line = 1;
  let column = 1;
  for (let i = 2; i < bytes.length; i += 2) {
    if (i + 1 === bytes.length) throw fail(line, column, i, 'an odd number of bytes: the last character is cut');
    const u = unit(i);
    if (u === 0) throw fail(line, column, i, 'NUL character');
    if (u >= 0xdc00 && u <= 0xdfff) throw fail(line, column, i, `unpaired low surrogate U+${u.toString(16).toUpperCase()}`);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 3 < bytes.length ? unit(i + 2) : -1;
      if (next < 0xdc00 || next > 0xdfff) throw fail(line, column, i, `unpaired high surrogate U+${u.toString(16).toUpperCase()}`);
      i += 2;
    }
    const crlf = u === 0x0d && i + 3 < bytes.length && unit(i + 2) === 0x0a;
    if (u === 0x0a || (u === 0x0d && !crlf)) {
      line++;
      column = 1;
    } else if (!crlf) column++;
  }
  return new TextDecoder(encoding, { fatal: true }).decode(bytes);
}

function utf16WithoutMark(file: string): BitextError {
  return new BitextError(located(file, undefined, 'looks like UTF-16 without a byte-order mark: save it as UTF-8'), { file });
}

/**
 * Whether bytes without a byte-order mark read as UTF-16 text: at least 16 bytes, not UTF-8 with
 * a few stray NUL bytes (fewer than a quarter of the bytes NUL and the rest valid UTF-8 — UTF-16
 * of Latin text is half NULs, UTF-16 of Han text is not UTF-8), and decoded as UTF-16LE or BE at
 * least 90% letters, digits, punctuation or white space of the Latin and Han scripts (no
 * controls, no lone surrogates).
 */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, Math.min(bytes.length, 8192) & ~1);
  // Under 8 characters the guess is a coin toss: such a file is reported as it decodes as UTF-8.
  if (sample.length < 16) return false;
  const rest = sample.filter((b) => b !== 0);
  if (rest.length * 4 > sample.length * 3) {
    try {
      // `stream`: the sample may end inside a character.
      new TextDecoder('utf-8', { fatal: true }).decode(rest, { stream: true });
      return false;
    } catch {
      // not UTF-8: may be UTF-16
    }
  }
  const plausible = /[\p{Script=Latin}\p{Script=Han}\p{N}\p{P}\s\u3000-\u303f\uff00-\uffef]/u;
  return (['utf-16le', 'utf-16be'] as const).some((encoding) => {
    const text = new TextDecoder(encoding).decode(sample);
    const chars = [...text];
    const good = chars.filter((c) => plausible.test(c)).length;
    return good / chars.length >= 0.9;
  });
}

/**
 * Line (1-based; LF, CRLF and a lone CR each end one) and column (1-based, in characters: bytes
 * that do not continue a UTF-8 sequence) of byte `offset` in UTF-8 `bytes`.
 */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      column = 1;
    } else if (b !== 0x0d && (b & 0xc0) !== 0x80) column++;
  }
  return { line, column };
}

/**
 * The first byte where `bytes` stop being UTF-8 as the Unicode standard defines it (table 3-7 of
 * chapter 3: well-formed byte sequences), with the reason, or `undefined` when they are UTF-8.
 * The offset is that of the sequence's first byte.
 */
function firstInvalidUtf8(bytes: Uint8Array): { at: number; why: string } | undefined {
  const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b < 0xc0) return { at: i, why: `continuation byte ${hex(b)} without a lead byte` };
    if (b < 0xc2) return { at: i, why: `overlong form (lead byte ${hex(b)})` };
    if (b > 0xf4) return { at: i, why: b < 0xf8 ? `code point above U+10FFFF (lead byte ${hex(b)})` : `byte ${hex(b)} never occurs in UTF-8` };
    const need = b < 0xe0 ? 1 : b < 0xf0 ? 2 : 3;
    // The second byte's range is narrower after E0, ED, F0 and F4 (table 3-7).
    const [low, high] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    const second = bytes[i + 1];
    if (second !== undefined && second >= 0x80 && second <= 0xbf && (second < low || second > high)) {
      return { at: i, why: b === 0xed ? 'UTF-16 surrogate encoded as UTF-8' : b === 0xf4 ? 'code point above U+10FFFF' : 'overlong form' };
    }
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return { at: i, why: `truncated sequence (lead byte ${hex(b)} needs ${need} continuation byte${need > 1 ? 's' : ''})` };
    }
    i += need + 1;
  }
  return undefined;
}

/**
 * Read and decode a text file (see `decodeText`). Only a regular file of at most `maxBytes` bytes
 * (default `MAX_TEXT_BYTES`) is read: the kind and size are checked on the open file before any
 * byte is read (opened non-blocking, so a FIFO refuses rather than hangs), and reading stops at
 * `maxBytes` + 1 bytes whatever the file reports. Throws `BitextError` (exit 2) naming the file
 * when it is missing (or a broken symbolic link), a folder, a FIFO, socket or device, too large,
 * unreadable or not text.
 */
export function readText(file: string, options: { maxBytes?: number } = {}): string {
  return decodeText(readBytes(file, options.maxBytes ?? MAX_TEXT_BYTES), file);
}

function readBytes(file: string, maxBytes: number): Buffer {
  const refuse = (why: string, cause?: unknown) => new BitextError(located(file, undefined, why), { file, cause });
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && isSymbolicLink(file)) throw refuse('broken symbolic link (its target does not exist)', error);
    throw refuse(code === 'ENOENT' ? 'no such file' : `cannot read (${systemErrorReason(error)})`, error);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw refuse('is a directory, expected a file');
    if (!stat.isFile()) {
      const kind = stat.isFIFO() ? 'a named pipe (FIFO)' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : stat.isSocket() ? 'a socket' : 'not a regular file';
      throw refuse(`is ${kind}, expected a regular text file`);
    }
    const tooLarge = () => refuse(`too large (over ${maxBytes / (1024 * 1024)} MiB, the limit for a text file)`);
    if (stat.size > maxBytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw tooLarge();
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof BitextError) throw error;
    throw refuse(`cannot read (${systemErrorReason(error)})`, error);
  } finally {
    closeSync(fd);
  }
}

function isSymbolicLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
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

/** Bytes, a string, or string chunks written as they come (a large file never has to fit in memory). */
export type FileData = string | Uint8Array | Iterable<string>;

/**
 * Write `data` to `file` atomically (see `Staging`): a temporary file beside it, every byte
 * written and synced, then renamed over the target and the folder synced, so a reader never sees
 * a half-written file and a failure — a full disk, a thrown error in a streaming generator —
 * leaves the old file and no temporary one. Creates missing parent folders (removed again on
 * failure). Throws `BitextError` (exit 2) naming `file` (never the temporary name) when it cannot
 * be written; an error thrown by `data`'s iterator propagates unchanged.
 */
export function writeFileAtomic(file: string, data: FileData): void {
  const staging = new Staging();
  try {
    staging.write(file, data);
    staging.commit();
  } catch (error) {
    staging.discard();
    throw error;
  }
}

/**
 * A set of files written first to temporary files beside their targets and put in place together
 * by `commit` — how a command that writes several files (pipeline/build.ts) changes nothing until
 * every byte of every file is on disk. Temporary files are named `.<name>.<pid>.bitext-tmp`
 * (`.<hash>.<pid>.bitext-tmp` when that would pass the 255-byte name limit), so a later run
 * recognises and removes those whose process is gone (`removeStaleTemporaries`) — what a killed
 * process leaves. Use: `write`/`remove` in order, then `commit`, or `discard` on any failure.
 */
export class Staging {
  private readonly steps: ({ file: string; temp: string } | { file: string; temp?: undefined })[] = [];
  private readonly madeFolders: { dir: string; first: string }[] = [];
  private readonly cleaned = new Set<string>();

  /**
   * Write `data` to a new temporary file beside `file`: every byte (looping on short writes),
   * synced to disk, with `file`'s permissions when it exists. Makes missing folders and removes
   * stale temporary files from the folder first. Throws `BitextError` (exit 2) naming `file` when
   * it cannot be written (this write's temporary file removed); an error thrown by `data`'s
   * iterator propagates unchanged (the iterator is closed). Call `discard` after any failure.
   */
  write(file: string, data: FileData): void {
    const dir = dirname(file);
    const temp = join(dir, temporaryName(basename(file)));
    let fd: number | undefined;
    try {
      const existing = statOrNull(file);
      if (existing?.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR', syscall: 'open' });
      const first = mkdirSync(dir, { recursive: true });
      if (first !== undefined) this.madeFolders.push({ dir, first });
      if (!this.cleaned.has(dir)) {
        removeStaleTemporaries(dir);
        this.cleaned.add(dir);
      }
      rmSync(temp, { force: true }); // ours by its pid: left by an earlier process that had our pid
      fd = openSync(temp, 'wx');
      if (existing) fchmodSync(fd, existing.mode & 0o7777);
      if (typeof data === 'string') writeAll(fd, Buffer.from(data));
      else if (data instanceof Uint8Array) writeAll(fd, data);
      else {
        let pending = '';
        for (const chunk of data) {
          pending += chunk;
          if (pending.length >= 1 << 20) {
            writeAll(fd, Buffer.from(pending));
            pending = '';
          }
        }
        writeAll(fd, Buffer.from(pending));
      }
      fsyncSync(fd);
      closeSync(fd);
      fd = undefined;
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      rmSync(temp, { force: true });
      throw asWriteError(error, file, temp);
    }
    this.forget(file);
    this.steps.push({ file, temp });
  }

  /** Remove `file` (if it exists) at its place in the order of `commit`. */
  remove(file: string): void {
    this.forget(file);
    this.steps.push({ file });
  }

  /**
   * Put every staged file in place in the order staged (renames, which need no space), then sync
   * each folder touched so the new names survive a power cut. Throws `BitextError` (exit 2)
   * naming the target that failed; files already renamed stay, the rest are left for `discard`.
   */
  commit(): void {
    const folders = new Set<string>();
    while (this.steps.length > 0) {
      const step = this.steps[0];
      try {
        if (step.temp === undefined) rmSync(step.file, { force: true });
        else renameSync(step.temp, step.file);
      } catch (error) {
        throw asWriteError(error, step.file, step.temp);
      }
      this.steps.shift();
      folders.add(dirname(step.file));
    }
    for (const dir of folders) {
      try {
        syncFolder(dir);
      } catch (error) {
        throw asWriteError(error, dir);
      }
    }
    this.madeFolders.length = 0;
  }

  /** Remove every temporary file not yet committed and the folders `write` made (when empty). Never throws. */
  discard(): void {
    for (const step of this.steps.splice(0)) if (step.temp !== undefined) rmSync(step.temp, { force: true });
    for (const { dir, first } of this.madeFolders.splice(0).reverse()) {
      // mkdirSync made `first` and everything below it down to `dir`: remove them deepest first.
      for (let place = dir; ; place = dirname(place)) {
        try {
          rmdirSync(place);
        } catch {
          break; // not empty (something else lives there) or already gone
        }
        if (place === first || dirname(place) === place) break;
      }
    }
  }

  private forget(file: string): void {
    const at = this.steps.findIndex((step) => step.file === file);
    if (at >= 0) this.steps.splice(at, 1);
  }
}

const TEMPORARY = /^\..+\.(\d+)\.bitext-tmp$/;
const NAME_MAX = 255;

/** `.<name>.<pid>.bitext-tmp`, or with a hash of the name when that would pass NAME_MAX bytes. */
function temporaryName(name: string): string {
  const plain = `.${name}.${process.pid}.bitext-tmp`;
  if (Buffer.byteLength(plain) <= NAME_MAX) return plain;
  return `.${createHash('sha256').update(name).digest('hex').slice(0, 32)}.${process.pid}.bitext-tmp`;
}

/**
 * Remove from folder `dir` the temporary files (`Staging`) of processes that are gone — what a
 * killed write leaves. Another live process's files, and names that are not Bitext's, are left
 * alone; a missing or unreadable folder is skipped. Never throws.
 */
export function removeStaleTemporaries(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    if (!match || Number(match[1]) === process.pid || processAlive(Number(match[1]))) continue;
    try {
      rmSync(join(dir, name), { force: true });
    } catch {
      // a folder or a permission problem: not ours to force
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/** Write every byte of `bytes`: `writeSync` may write fewer than asked (a nearly full disk). */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) {
    const written = writeSync(fd, bytes, at, bytes.length - at);
    if (written <= 0) throw Object.assign(new Error('the device accepted no more bytes'), { code: 'ENOSPC', syscall: 'write' });
    at += written;
  }
}

/**
 * Sync folder `dir` so that names just created or renamed in it survive a crash; file systems
 * that cannot sync a folder are skipped. Throws the system error otherwise.
 */
function syncFolder(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } catch (error) {
    if (!['EINVAL', 'ENOTSUP', 'EPERM', 'EISDIR', 'EBADF'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    closeSync(fd);
  }
}

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * The error of a failed write of `file`: a `BitextError` passes, a system error becomes one naming
 * `file` (the temporary name, when the system's message holds it, replaced by `file`), any other
 * error — thrown by the data's iterator — is returned unchanged.
 */
function asWriteError(error: unknown, file: string, temp?: string): unknown {
  if (error instanceof BitextError || typeof (error as NodeJS.ErrnoException)?.syscall !== 'string') return error;
  let reason = systemErrorReason(error);
  if (temp !== undefined) reason = reason.split(temp).join(file);
  return new BitextError(located(file, undefined, `cannot write: ${reason}`), { file, cause: error });
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EEXIST: 'a file is in the way (expected a folder)',
  ENOTDIR: 'a file is in the way (expected a folder)',
  EISDIR: 'is a folder, expected a file',
  ENOENT: 'no such file or folder',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  ENAMETOOLONG: 'name too long',
  EIO: 'input/output error',
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
