/**
 * The translation memory store: an embedded SQLite database (better-sqlite3) holding translation
 * units and an n-gram index over both sides of every unit.
 *
 * Schema (version 2):
 * - `units`: one row per distinct pair. Texts are plain (`source`, `target`, inline codes removed);
 *   `source_markup`/`target_markup` hold the TMX `<seg>` content with its inline elements when the
 *   text had any (NULL otherwise), so export restores them. Tags are stored as given (canonical
 *   case); `source_key`/`target_key` are their match keys (`zh-Hans`/`zh-Hant` for Chinese).
 *   `*_tokens` are content-token counts (`matchTokens`). `pair_hash` finds identical pairs.
 * - `grams`: the inverted index. Each row is a chunk of the posting list of one index key
 *   (`indexKeys`: n-grams and single CJK characters), `ids` a little-endian int32 array of unit ids, `n` their number. Chunks are
 *   appended per batch, so adding units never rewrites older postings.
 * - `meta`: schema version, the next chunk number, and `character_keys` = `1` once every unit is
 *   indexed under the `characterKey` of each of its CJK characters (one-character concordance);
 *   a memory made before that gets them on its first opening for `write` or `create`
 *   (`indexCharacters`, one pass over its units), in the schema version it has (2).
 * - `builds`: one row per build that added units (`id`, date `at`, the `source` folder it read);
 *   a unit its document's alignment no longer has is superseded by such a build: `superseded`
 *   (date) and `superseded_by` (build id) are set (NULL while current; pipeline/memory/supersede.ts).
 * Version 1 had no `builds` table nor `superseded*` columns: a write or create opening migrates it
 * in one transaction (`migrate`); a read-only opening reads it as if no unit were superseded.
 * Opening (`openMemory`) looks at the file before changing anything: only a missing or empty file
 * becomes a new memory, only for the verbs that create one; anything but a Bitext TM is refused
 * untouched. Memories use SQLite's default rollback journal, so nothing lies beside them at rest
 * and a read-only connection creates no file; a killed writer's journal is rolled back by the next
 * opening. (Memories made before this used WAL: read-only verbs on them leave SQLite's `-wal` and
 * `-shm` files beside them.)
 * Identity: two units are the same when both texts (and markups) are equal and the languages have
 * the same match keys, in either direction; the first one stored is kept (FR-10).
 */
import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, existsSync, linkSync, mkdirSync, openSync, readSync, renameSync, rmdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { BitextError, located } from '../io.ts';
import type { LanguageTag, TranslationUnit } from '../types.ts';
import { boundedCache, canonicalTag, fnv1a, fnv1aStep, FNV_OFFSET_BASIS, languageFamily, matchKey } from '../text/index.ts';
import { characterKey, matchTokens, indexKeys } from './text.ts';

/**
 * An open translation memory: a better-sqlite3 handle, the path it was opened from, and what
 * opening it created (`new`: the file did not exist, `folder` the first folder made for it;
 * `empty`: the file was empty), which `abandonMemory` removes after a failed command.
 */
export interface Memory {
  readonly db: Database.Database;
  readonly path: string;
  readonly created?: { file: 'new' | 'empty'; folder?: string };
}

/** Counts from adding units: new units stored, units already present (identical pairs). */
export interface AddResult {
  added: number;
  existing: number;
}

const SCHEMA_VERSION = '2';
/** The version before supersession (no `builds`, no `superseded*` columns), still opened (`migrate`). */
const SCHEMA_VERSION_1 = '1';
/** Posting-buffer size (unit ids) after which the index buffer is written to `grams`. */
const FLUSH_POSTINGS = 8_000_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS units (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  source_markup TEXT,
  target_markup TEXT,
  source_lang TEXT NOT NULL,
  target_lang TEXT NOT NULL,
  source_key TEXT NOT NULL,
  target_key TEXT NOT NULL,
  source_tokens INTEGER NOT NULL,
  target_tokens INTEGER NOT NULL,
  origin_doc TEXT,
  origin_link TEXT,
  score REAL,
  created TEXT NOT NULL,
  changed TEXT NOT NULL,
  creation_tool TEXT,
  change_tool TEXT,
  usage INTEGER NOT NULL DEFAULT 0,
  pair_hash INTEGER NOT NULL,
  superseded TEXT,
  superseded_by INTEGER
);
CREATE INDEX IF NOT EXISTS units_pair_hash ON units (pair_hash);
CREATE INDEX IF NOT EXISTS units_origin_doc ON units (origin_doc);
CREATE TABLE IF NOT EXISTS builds (id INTEGER PRIMARY KEY, at TEXT NOT NULL, source TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS grams (
  gram INTEGER NOT NULL,
  chunk INTEGER NOT NULL,
  n INTEGER NOT NULL,
  ids BLOB NOT NULL,
  PRIMARY KEY (gram, chunk)
) WITHOUT ROWID;
`;

/** Version 1 → 2: what `SCHEMA` has beyond version 1 (run by `migrate` in one transaction). */
const MIGRATE_1_TO_2 = `
ALTER TABLE units ADD COLUMN superseded TEXT;
ALTER TABLE units ADD COLUMN superseded_by INTEGER;
CREATE INDEX IF NOT EXISTS units_origin_doc ON units (origin_doc);
CREATE TABLE IF NOT EXISTS builds (id INTEGER PRIMARY KEY, at TEXT NOT NULL, source TEXT NOT NULL);
`;

/**
 * How a command uses the memory. `read`: never written (`tm lookup|stats|export`), opened with
 * SQLite's `readonly` flag, so a read-only file can still be read. `write`: an existing memory that
 * the command changes (`pretranslate` raises usage counts). `create`: like `write`, but a missing
 * or empty file becomes a new memory (`build`, `tm import`).
 */
export type MemoryAccess = 'read' | 'write' | 'create';

/**
 * How long a command waits for another process's lock (SQLite busy timeout), in milliseconds:
 * a second `tm import` or `build` waits for the first one's transaction instead of failing.
 */
export const BUSY_TIMEOUT_MS = 120_000;

/** The first 16 bytes of every SQLite 3 database file (https://www.sqlite.org/fileformat.html). */
const SQLITE_HEADER = Buffer.from('SQLite format 3\u0000', 'latin1');

/** SQLite's files beside a database: rollback journal, write-ahead log and its index. */
const SIDE_FILES = ['-journal', '-wal', '-shm'];

/** What a file at a memory path is, as `inspectMemoryFile` found it. */
type FileState = 'missing' | 'empty' | 'memory';

function refuse(path: string, message: string, cause?: unknown): BitextError {
  return new BitextError(located(path, undefined, message), { file: path, cause });
}

function errnoMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied: cannot read the translation memory';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  return `cannot read the translation memory (${code ?? (error as Error).message})`;
}

/**
 * SQLite's side files of `path` (`-journal`, `-wal`, `-shm`) that do not exist now, so that
 * `removeSideFiles` can delete what a look at the file created (a read-only connection to a
 * database in WAL mode creates `-wal` and `-shm` and cannot remove them).
 */
function absentSideFiles(path: string): string[] {
  return SIDE_FILES.map((s) => path + s).filter((p) => !existsSync(p));
}

function removeSideFiles(files: string[]): void {
  for (const f of files) rmSync(f, { force: true });
}

/**
 * Look at the file at `path` without changing it: `missing`, `empty` (zero bytes), or `memory`
 * (an SQLite database with Bitext's `meta` table at schema version `SCHEMA_VERSION` or
 * `SCHEMA_VERSION_1`). Throws
 * `BitextError` naming `path` for anything else (a folder, a device or pipe, a text file, another
 * program's database, another schema version) and when it cannot be read.
 */
function inspectMemoryFile(path: string): FileState {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw refuse(path, errnoMessage(error), error);
  }
  if (stat.isDirectory()) throw refuse(path, 'is a folder, not a translation memory');
  if (!stat.isFile()) throw refuse(path, 'not a regular file (a device, pipe or socket), not a translation memory');
  if (stat.size === 0) return 'empty';
  const head = Buffer.alloc(SQLITE_HEADER.length);
  try {
    const fd = openSync(path, 'r');
    try {
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw refuse(path, errnoMessage(error), error);
  }
  if (!head.equals(SQLITE_HEADER)) throw refuse(path, 'not a Bitext translation memory (not an SQLite database)');
  const created = absentSideFiles(path);
  try {
    try {
      checkSchema(path);
    } catch (error) {
      // A journal left by a killed writer must be rolled back (SQLite does so on the first read
      // of a read-write connection) before a read-only connection can read the database.
      if ((error as { code?: unknown }).code !== 'SQLITE_READONLY_ROLLBACK') throw error;
      const db = new Database(path, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
      try {
        db.prepare('SELECT count(*) FROM sqlite_master').get();
      } finally {
        db.close();
      }
      checkSchema(path);
    }
  } catch (error) {
    // Side files this check made beside a file it refuses go again. Never those beside a Bitext
    // memory: another command may be writing it right now, and its journal must not be touched.
    removeSideFiles(created);
    if (error instanceof BitextError) throw error;
    throw memoryError(path, error);
  }
  return 'memory';
}

/** Throw `BitextError` naming `path` unless the SQLite database there has Bitext's `meta` table at `SCHEMA_VERSION` or `SCHEMA_VERSION_1`. */
function checkSchema(path: string): void {
  const db = new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    const hasMeta = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'").pluck().get() === 1;
    if (!hasMeta) throw refuse(path, "not a Bitext translation memory (an SQLite database without Bitext's tables, left untouched)");
    const version = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get('schema');
    if (version !== SCHEMA_VERSION && version !== SCHEMA_VERSION_1) throw refuse(path, `not a Bitext translation memory of this version (schema ${String(version)}, expected ${SCHEMA_VERSION})`);
  } finally {
    db.close();
  }
}

/**
 * Check that the memory at `path` (a Bitext TM, or a file `access` may create) can be used as
 * `access` needs: read, or write the file and create SQLite's journal beside it. Throws
 * `BitextError` (exit 2) "permission denied" naming `path`.
 */
function checkPermission(path: string, access: MemoryAccess, state: FileState): void {
  try {
    if (state !== 'missing') accessSync(path, access === 'read' ? constants.R_OK : constants.R_OK | constants.W_OK);
  } catch (error) {
    throw refuse(path, access === 'read' ? 'permission denied: cannot read the translation memory' : 'permission denied: the translation memory is not writable', error);
  }
  if (access === 'read') return;
  const folder = dirname(path);
  if (existsSync(folder)) {
    try {
      accessSync(folder, constants.W_OK);
    } catch (error) {
      throw refuse(path, `permission denied: the folder ${folder} is not writable (SQLite writes its journal beside the translation memory)`, error);
    }
  }
}

/**
 * Open the translation memory at `path` (`:memory:` for a temporary one) for `access` (default
 * `create`). The file is looked at before anything is changed: a missing or empty file becomes a
 * new memory only for `create`; an SQLite file with Bitext's schema is opened; anything else is
 * refused untouched; a memory of schema version 1 is migrated (`migrate`). Writes wait up to
 * `BUSY_TIMEOUT_MS` for another process's lock. Throws
 * `BitextError` (exit 2) naming `path`: no such memory, not a Bitext TM (what it is), permission
 * denied, locked, disk full.
 */
export function openMemory(path: string, access: MemoryAccess = 'create'): Memory {
  if (path === ':memory:') {
    const db = new Database(path);
    initialise(db);
    return { db, path };
  }
  const state = inspectMemoryFile(path);
  if (state !== 'memory' && access !== 'create') {
    throw refuse(path, state === 'missing' ? 'no such translation memory (run build or tm import first, or give --memory PATH)' : 'empty file, not a Bitext translation memory');
  }
  checkPermission(path, access, state);
  let created: Memory['created'];
  if (state === 'missing') {
    let folder: string | undefined;
    try {
      folder = mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw refuse(path, `cannot create the translation memory's folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, error);
    }
    // Of two commands creating the same memory at once, only the one whose file is put in place
    // owns it (and may remove it); the other opens it as an existing memory.
    if (putNewMemory(path, false)) created = { file: 'new', folder };
  } else if (state === 'empty') {
    putNewMemory(path, true);
    created = { file: 'empty' };
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: access === 'read', fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    db.pragma('cache_size = -65536');
    migrate(db, access);
    if (access !== 'read') indexCharacters({ db, path });
  } catch (error) {
    db?.close();
    const failure = memoryError(path, error);
    if (created) discard(path, created);
    throw failure;
  }
  return { db, path, created };
}

/**
 * Make a new memory at `path` whole or not at all: its schema is written to a temporary file
 * beside it (`<path>.<pid>.<random>.new`), which then replaces the empty file (`replace`) or is
 * linked to `path` only if nothing is there yet. Returns false when another process put a file
 * there first. Throws `BitextError` naming `path`.
 */
function putNewMemory(path: string, replace: boolean): boolean {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.new`;
  try {
    const db = new Database(temporary);
    try {
      initialise(db);
    } finally {
      db.close();
    }
    if (replace) renameSync(temporary, path);
    else linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error instanceof Database.SqliteError ? memoryError(path, error) : refuse(path, `cannot create the translation memory (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, error);
  } finally {
    removeSideFiles([temporary, ...SIDE_FILES.map((s) => temporary + s)]);
  }
}

/**
 * Bring a version-1 memory to `SCHEMA_VERSION`. For `write` and `create`: in one IMMEDIATE
 * transaction, so a second process opening it at once waits and then finds it migrated (the
 * version is read again inside) and a failure leaves it at version 1. For `read` (the file is not
 * changed): a temporary view `units` (connection-local; it hides `main.units` for unqualified
 * names) adds the `superseded*` columns as NULL, so readers see every unit current.
 */
function migrate(db: Database.Database, access: MemoryAccess): void {
  const version = () => db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get('schema');
  if (version() !== SCHEMA_VERSION_1) return;
  if (access === 'read') {
    db.exec('CREATE TEMP VIEW units AS SELECT *, NULL AS superseded, NULL AS superseded_by FROM main.units');
    return;
  }
  db.transaction(() => {
    if (version() !== SCHEMA_VERSION_1) return;
    db.exec(MIGRATE_1_TO_2);
    db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(SCHEMA_VERSION, 'schema');
  }).immediate();
}

/** Create the schema of a new memory (rollback journal, the default: nothing beside the file at rest). */
function initialise(db: Database.Database): void {
  db.transaction(() => {
    db.exec(SCHEMA);
    db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('schema', SCHEMA_VERSION);
    db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(CHARACTER_KEYS, '1');
  }).immediate();
}

/** The `meta` key saying every unit is indexed under its CJK characters' `characterKey`s. */
const CHARACTER_KEYS = 'character_keys';

/** Whether every unit of `memory` is indexed under the `characterKey` of each CJK character it holds (module comment). */
export function hasCharacterKeys(memory: Memory): boolean {
  return memory.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(CHARACTER_KEYS) === '1';
}

/**
 * Index every unit of a memory made before `characterKey`s under those keys, as appended posting
 * chunks, and record it (`CHARACTER_KEYS`), in one IMMEDIATE transaction (a second process waits,
 * then finds it done). One pass over the units; nothing else changes.
 */
function indexCharacters(memory: Memory): void {
  const db = memory.db;
  if (hasCharacterKeys(memory)) return;
  inUnitTransaction(memory, () => {
    if (hasCharacterKeys(memory)) return;
    const w = writerFor(memory);
    // Read a page of units at a time: the index cannot be written while a query is still reading.
    const page = db.prepare('SELECT id, source, target, source_lang, target_lang FROM units WHERE id > ? ORDER BY id LIMIT 10000');
    for (let rows = page.all(0) as Record<string, string | number>[]; rows.length > 0; rows = page.all(rows[rows.length - 1].id) as Record<string, string | number>[]) {
      for (const row of rows) {
        const keys = new Set<number>();
        for (const [text, lang] of [[row.source, row.source_lang], [row.target, row.target_lang]] as [string, string][]) {
          const tokens = matchTokens(text);
          for (let i = 0; i < tokens.length; i++) if (tokens[i] > 0) keys.add(characterKey(tokens[i], familyHash(lang)));
        }
        bufferPostings(w, [...keys], row.id as number);
      }
      if (w.buffered >= FLUSH_POSTINGS) flushIndex(memory, w);
    }
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(CHARACTER_KEYS, '1');
  });
}

/**
 * A `BitextError` naming the memory `path` for an SQLite error (what it means for the user: locked,
 * disk full, not writable, damaged); any other error is returned as it is.
 */
export function memoryError(path: string, error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const code = error.code;
  const why = code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
    ? `locked by another process for more than ${BUSY_TIMEOUT_MS / 1000} s (another build or tm import is writing it): try again when it has finished`
    : code === 'SQLITE_FULL'
      ? 'disk full: the translation memory could not be written (it is left as it was)'
      : code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM') || code === 'SQLITE_AUTH'
        ? 'permission denied: the translation memory or its folder is not writable'
        : code.startsWith('SQLITE_CANTOPEN')
          ? `cannot open the translation memory (${error.message})`
          : code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')
            ? `damaged, or not a Bitext translation memory (${error.message})`
            : `SQLite error ${code} (${error.message})`;
  return refuse(path, why.replace(/\s*\n\s*/g, ' '), error);
}

/** Remove what opening created: the new file (or empty it again), its side files, the new folders. */
function discard(path: string, created: NonNullable<Memory['created']>): void {
  removeSideFiles(SIDE_FILES.map((s) => path + s));
  if (created.file === 'empty') {
    truncateSync(path, 0);
    return;
  }
  rmSync(path, { force: true });
  if (created.folder === undefined) return;
  // Only the folders made for the memory, innermost first, and only while empty.
  for (let dir = dirname(path); dir.length >= created.folder.length; dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
  }
}

/** Close the memory. Safe to call twice. */
export function closeMemory(memory: Memory): void {
  if (memory.db.open) memory.db.close();
}

/**
 * Close the memory after a failed command, removing what opening it created (a new file and its
 * folders, or the schema written into an empty file), so the command leaves nothing behind.
 */
export function abandonMemory(memory: Memory): void {
  if (memory.db.open) memory.db.close();
  if (memory.created) discard(memory.path, memory.created);
}

/** ISO 8601 UTC to the second (`2026-11-29T13:19:47Z`), the form every stored date takes. */
export function isoNow(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Index postings (gram key, unit id) buffered in insertion order (ids ascending) until a writer
 * writes them as chunks — SQLite's `flushIndex` and PostgreSQL's (pipeline/memory/postgres.ts).
 */
export interface PostingBuffer {
  keys: Int32Array;
  ids: Int32Array;
  buffered: number;
}

/** An empty `PostingBuffer`. */
export function postingBuffer(): PostingBuffer {
  return { keys: new Int32Array(1024), ids: new Int32Array(1024), buffered: 0 };
}

interface Writer extends PostingBuffer {
  findPair: Database.Statement;
  insert: Database.Statement;
  insertChunk: Database.Statement;
}

const writers = new WeakMap<Database.Database, Writer>();

function writerFor(memory: Memory): Writer {
  let w = writers.get(memory.db);
  if (!w) {
    w = {
      findPair: memory.db.prepare('SELECT id, source, target, source_markup, target_markup, source_key, target_key FROM units WHERE pair_hash = ?'),
      insert: memory.db.prepare(`INSERT INTO units (${UNIT_VALUE_COLUMNS.join(', ')}) VALUES (${UNIT_VALUE_COLUMNS.map(() => '?').join(', ')})`),
      insertChunk: memory.db.prepare('INSERT INTO grams (gram, chunk, n, ids) VALUES (?, ?, ?, ?)'),
      ...postingBuffer(),
    };
    writers.set(memory.db, w);
  }
  return w;
}

/** One side of a unit as its identity compares it: match key, text and markup. */
export function sideKey(key: string, text: string, markup: string | null): string {
  return `${key}\u0000${text}\u0000${markup ?? ''}`;
}

/** 53-bit hash of an unordered pair of sides (`sideKey`; two FNV-1a seeds): the identity key of every back end. */
export function pairHash(a: string, b: string): number {
  const [x, y] = a < b ? [a, b] : [b, a];
  // `fnv1a` of `${x}\u0001${y}` under both seeds in one pass, without building the joined string.
  let hi = FNV_OFFSET_BASIS | 0;
  let lo = 0x050c5d1f;
  for (let i = 0; i < x.length; i++) { const c = x.charCodeAt(i); hi = fnv1aStep(hi, c); lo = fnv1aStep(lo, c); }
  hi = fnv1aStep(hi, 1);
  lo = fnv1aStep(lo, 1);
  for (let i = 0; i < y.length; i++) { const c = y.charCodeAt(i); hi = fnv1aStep(hi, c); lo = fnv1aStep(lo, c); }
  return (hi >>> 11) * 0x100000000 + (lo >>> 0);
}

/** Hash of an index family (`languageFamily`), the seed of every gram key of that side. */
export const familyHash: (tag: LanguageTag) => number = boundedCache((tag) => fnv1a(languageFamily(tag)));

/** Append the postings of unit `id` under each of `keys` to `w`, growing it as needed. */
export function bufferPostings(w: PostingBuffer, keys: readonly number[], id: number): void {
  if (w.buffered + keys.length > w.keys.length) {
    const size = Math.max(w.keys.length * 2, w.buffered + keys.length);
    const k = new Int32Array(size);
    k.set(w.keys.subarray(0, w.buffered));
    const i = new Int32Array(size);
    i.set(w.ids.subarray(0, w.buffered));
    w.keys = k;
    w.ids = i;
  }
  for (const key of keys) {
    w.keys[w.buffered] = key;
    w.ids[w.buffered++] = id;
  }
}

/**
 * Each gram key's run in postings sorted by key (`sortPostings`): `f(key, start, end)` for the
 * postings at [start, end), keys in ascending order.
 */
export function forEachKeyRun(keys: Int32Array, f: (key: number, start: number, end: number) => void): void {
  let start = 0;
  while (start < keys.length) {
    let end = start + 1;
    while (end < keys.length && keys[end] === keys[start]) end++;
    f(keys[start], start, end);
    start = end;
  }
}

/**
 * Stable LSD radix sort (4 passes of 8 bits) of `n` (key, id) pairs by key as unsigned 32-bit,
 * so each key's ids stay in insertion (ascending) order. Returns the sorted arrays.
 */
export function sortPostings(keys: Int32Array, ids: Int32Array, n: number): { keys: Int32Array; ids: Int32Array } {
  let k: Int32Array = keys.subarray(0, n);
  let v: Int32Array = ids.subarray(0, n);
  let k2: Int32Array = new Int32Array(n);
  let v2: Int32Array = new Int32Array(n);
  const count = new Int32Array(256);
  for (let shift = 0; shift < 32; shift += 8) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(k[i] >>> shift) & 0xff]++;
    let sum = 0;
    for (let b = 0; b < 256; b++) { const c = count[b]; count[b] = sum; sum += c; }
    for (let i = 0; i < n; i++) {
      const at = count[(k[i] >>> shift) & 0xff]++;
      k2[at] = k[i];
      v2[at] = v[i];
    }
    [k, k2] = [k2, k];
    [v, v2] = [v2, v];
  }
  return { keys: k, ids: v };
}

/** Write buffered postings to `grams` as new chunks, in key order (call inside the caller's transaction). */
function flushIndex(memory: Memory, w: Writer): void {
  if (w.buffered === 0) return;
  const db = memory.db;
  const chunk = Number(db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get('next_chunk') ?? 0);
  const { keys, ids } = sortPostings(w.keys, w.ids, w.buffered);
  const bytes = Buffer.from(ids.buffer, ids.byteOffset, ids.length * 4);
  forEachKeyRun(keys, (key, start, end) => { w.insertChunk.run(key, chunk, end - start, bytes.subarray(start * 4, end * 4)); });
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('next_chunk', String(chunk + 1));
  w.buffered = 0;
  if (w.keys.length > FLUSH_POSTINGS * 2) { w.keys = new Int32Array(1024); w.ids = new Int32Array(1024); }
}

/**
 * Store one unit unless an identical pair is present (no transaction of its own; index postings
 * are buffered until `finishUnits`). Returns true when it was added. Throws `Error` for a bad tag.
 */
export function storeUnit(memory: Memory, unit: TranslationUnit): boolean {
  return putUnit(memory, unit).added;
}

/**
 * `storeUnit`, also saying which unit holds the pair: `id` of the new unit (`added`) or of the
 * identical one already stored.
 */
export function putUnit(memory: Memory, unit: TranslationUnit): { id: number; added: boolean } {
  const w = writerFor(memory);
  const p = prepareUnit(unit);
  for (const row of w.findPair.all(p.hash) as Record<string, string | number | null>[]) {
    if (samePair(p, row)) return { id: row.id as number, added: false };
  }
  const id = Number(w.insert.run(...p.values).lastInsertRowid);
  bufferPostings(w, p.keys, id);
  if (w.buffered >= FLUSH_POSTINGS) flushIndex(memory, w);
  return { id, added: true };
}

/**
 * A unit as every back end stores it: `values` the `units` columns from `source` to `pair_hash`
 * (`UNIT_VALUE_COLUMNS` order: tags canonical, match keys, content-token counts, origin, dates,
 * tools, usage, pair hash); `a`/`b` its sides as identity compares them (`sideKey`), `hash` their
 * `pairHash`; `keys` its gram keys (`unitGramKeys`). Throws `Error` for an invalid language tag.
 */
export interface PreparedUnit {
  values: (string | number | null)[];
  a: string;
  b: string;
  hash: number;
  keys: number[];
}

/** The `units` columns of `PreparedUnit.values`, in order (every column but `id` and supersession). */
export const UNIT_VALUE_COLUMNS = ['source', 'target', 'source_markup', 'target_markup', 'source_lang', 'target_lang', 'source_key', 'target_key',
  'source_tokens', 'target_tokens', 'origin_doc', 'origin_link', 'score', 'created', 'changed', 'creation_tool', 'change_tool', 'usage', 'pair_hash'] as const;

/** Prepare `unit` for storing (`PreparedUnit`): the one preparation of the SQLite and PostgreSQL writers. */
export function prepareUnit(unit: TranslationUnit): PreparedUnit {
  const sourceLang = canonicalTag(unit.sourceLang);
  const targetLang = canonicalTag(unit.targetLang);
  const sourceKey = matchKey(sourceLang);
  const targetKey = matchKey(targetLang);
  const sourceMarkup = unit.sourceMarkup ?? null;
  const targetMarkup = unit.targetMarkup ?? null;
  const a = sideKey(sourceKey, unit.source, sourceMarkup);
  const b = sideKey(targetKey, unit.target, targetMarkup);
  const hash = pairHash(a, b);
  const sourceTokens = matchTokens(unit.source);
  const targetTokens = matchTokens(unit.target);
  return {
    a, b, hash,
    keys: unitGramKeys(sourceTokens, sourceLang, targetTokens, targetLang),
    values: [unit.source, unit.target, sourceMarkup, targetMarkup, sourceLang, targetLang, sourceKey, targetKey, sourceTokens.length, targetTokens.length,
      unit.origin?.doc ?? null, unit.origin?.link ?? null, unit.score, unit.created, unit.changed, unit.creationTool ?? null, unit.changeTool ?? null, unit.usage, hash],
  };
}

/**
 * Is the stored `row` (columns `source`, `target`, `*_markup`, `*_key`) the same pair as `p`, in
 * either direction (module comment: identity)?
 */
export function samePair(p: PreparedUnit, row: Record<string, unknown>): boolean {
  const x = sideKey(row.source_key as string, row.source as string, (row.source_markup as string | null) ?? null);
  const y = sideKey(row.target_key as string, row.target as string, (row.target_markup as string | null) ?? null);
  return (x === p.a && y === p.b) || (x === p.b && y === p.a);
}

/**
 * The distinct keys a unit is indexed under (`grams`): `indexKeys` of both sides' content tokens
 * (`matchTokens`: n-grams and single CJK characters), each side seeded by its language family
 * (`familyHash`).
 */
export function unitGramKeys(sourceTokens: Int32Array, sourceLang: LanguageTag, targetTokens: Int32Array, targetLang: LanguageTag): number[] {
  const keys = indexKeys(sourceTokens, familyHash(sourceLang));
  if (familyHash(sourceLang) !== familyHash(targetLang)) keys.push(...indexKeys(targetTokens, familyHash(targetLang)));
  else for (const k of indexKeys(targetTokens, familyHash(targetLang))) if (!keys.includes(k)) keys.push(k);
  return keys;
}

/** Write what `storeUnit` buffered for the index (call before the transaction commits). */
export function finishUnits(memory: Memory): void {
  flushIndex(memory, writerFor(memory));
}

/** Drop buffered index postings (after a rolled-back transaction). */
export function discardBuffered(memory: Memory): void {
  writerFor(memory).buffered = 0;
}

/**
 * Add units in one transaction; identical pairs already present (or repeated in `units`) are
 * counted as `existing` and not stored again, so building the same pair twice adds nothing.
 * Throws `Error` for a unit with an invalid language tag (and nothing is added).
 */
export function addUnits(memory: Memory, units: Iterable<TranslationUnit>): AddResult {
  const result: AddResult = { added: 0, existing: 0 };
  inUnitTransaction(memory, () => {
    for (const unit of units) {
      if (storeUnit(memory, unit)) result.added++;
      else result.existing++;
    }
  });
  return result;
}

/**
 * Run `work` (which calls `storeUnit`) as one SQLite transaction, flushing the buffered n-gram
 * index at the end; on any error the transaction is rolled back, the buffer discarded and the
 * error rethrown (SQLite errors as `memoryError` names them), so the TM is left as it was.
 */
export function inUnitTransaction(memory: Memory, work: () => void): void {
  const run = memory.db.transaction(() => {
    work();
    finishUnits(memory);
  });
  try {
    // IMMEDIATE takes the write lock first, so a second writer waits (busy timeout) rather than
    // failing when it upgrades a read lock.
    run.immediate();
  } catch (error) {
    discardBuffered(memory);
    throw memoryError(memory.path, error);
  }
}

/** Remove every unit and the index (used by `tm import --replace`, inside its transaction). */
export function clearUnits(memory: Memory): void {
  discardBuffered(memory);
  memory.db.exec("DELETE FROM units; DELETE FROM grams; DELETE FROM meta WHERE key = 'next_chunk';");
}

/** Which units to read: language tags matched with `tagMatches`, origin document exactly. */
export interface UnitFilter {
  sourceLang?: LanguageTag;
  targetLang?: LanguageTag;
  doc?: string;
}

/** A unit row as `rowToUnit` reads it. */
export type UnitRow = Record<string, unknown>;

/** Turn a `units` row into a `TranslationUnit`. */
export function rowToUnit(row: UnitRow): TranslationUnit {
  return {
    id: row.id as number,
    source: row.source as string,
    target: row.target as string,
    sourceMarkup: (row.source_markup as string | null) ?? null,
    targetMarkup: (row.target_markup as string | null) ?? null,
    sourceLang: row.source_lang as string,
    targetLang: row.target_lang as string,
    origin: row.origin_doc === null || row.origin_doc === undefined ? null : { doc: row.origin_doc as string, link: (row.origin_link as string | null) ?? '' },
    score: (row.score as number | null) ?? null,
    created: row.created as string,
    changed: row.changed as string,
    creationTool: (row.creation_tool as string | null) ?? null,
    changeTool: (row.change_tool as string | null) ?? null,
    usage: row.usage as number,
  };
}

/**
 * Every current unit (superseded ones left out: they are history, not translations to reuse) in
 * id (insertion) order, read lazily; `doc` filters by origin document.
 */
export function* iterateUnits(memory: Memory, doc?: string): Generator<TranslationUnit> {
  const stmt = doc === undefined
    ? memory.db.prepare('SELECT * FROM units WHERE superseded IS NULL ORDER BY id')
    : memory.db.prepare('SELECT * FROM units WHERE origin_doc = ? AND superseded IS NULL ORDER BY id');
  const rows = (doc === undefined ? stmt.iterate() : stmt.iterate(doc)) as IterableIterator<UnitRow>;
  for (const row of rows) yield rowToUnit(row);
}

/** Number of units stored. */
export function unitCount(memory: Memory): number {
  return memory.db.prepare('SELECT count(*) FROM units').pluck().get() as number;
}

/**
 * Units per language pair and per origin document, for `tm stats`: `units` counts every stored
 * unit, `current` those lookups offer, `superseded` those a rebuild superseded
 * (pipeline/memory/supersede.ts; stored until `tm prune`), so `units = current + superseded`.
 */
export interface MemoryStats {
  units: number;
  current: number;
  superseded: number;
  pairs: { sourceLang: LanguageTag; targetLang: LanguageTag; units: number }[];
  origins: { doc: string | null; units: number }[];
}

/** Count units (`MemoryStats`), per (source, target) tag pair and per origin document (`null` = imported from TMX); pairs and origins count superseded units too (they are stored until `tm prune`). */
export function memoryStats(memory: Memory): MemoryStats {
  const pairs = memory.db
    .prepare('SELECT source_lang AS sourceLang, target_lang AS targetLang, count(*) AS units FROM units GROUP BY source_lang, target_lang ORDER BY units DESC, sourceLang, targetLang')
    .all() as MemoryStats['pairs'];
  const origins = memory.db
    .prepare('SELECT origin_doc AS doc, count(*) AS units FROM units GROUP BY origin_doc ORDER BY units DESC, doc')
    .all() as MemoryStats['origins'];
  const superseded = memory.db.prepare('SELECT count(*) FROM units WHERE superseded IS NOT NULL').pluck().get() as number;
  const units = unitCount(memory);
  return { units, current: units - superseded, superseded, pairs, origins };
}
