/**
 * The translation memory store: an embedded SQLite database (better-sqlite3) holding translation
 * units and an n-gram index over both sides of every unit.
 *
 * Schema (version 1):
 * - `units`: one row per distinct pair. Texts are plain (`source`, `target`, inline codes removed);
 *   `source_markup`/`target_markup` hold the TMX `<seg>` content with its inline elements when the
 *   text had any (NULL otherwise), so export restores them. Tags are stored as given (canonical
 *   case); `source_key`/`target_key` are their match keys (`zh-Hans`/`zh-Hant` for Chinese).
 *   `*_tokens` are content-token counts (`matchTokens`). `pair_hash` finds identical pairs.
 * - `grams`: the inverted index. Each row is a chunk of the posting list of one n-gram key
 *   (`gramKeys`), `ids` a little-endian int32 array of unit ids, `n` their number. Chunks are
 *   appended per batch, so adding units never rewrites older postings.
 * - `meta`: schema version and the next chunk number.
 * Identity: two units are the same when both texts (and markups) are equal and the languages have
 * the same match keys, in either direction; the first one stored is kept (FR-10).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { BitextError } from '../io.ts';
import type { LanguageTag, TranslationUnit } from '../types.ts';
import { boundedCache, canonicalTag, fnv1a, FNV_OFFSET_BASIS, languageFamily, matchKey } from '../text/index.ts';
import { gramKeys, matchTokens } from './text.ts';

/** An open translation memory (a better-sqlite3 handle and the path it was opened from). */
export interface Memory {
  readonly db: Database.Database;
  readonly path: string;
}

/** Counts from adding units: new units stored, units already present (identical pairs). */
export interface AddResult {
  added: number;
  existing: number;
}

const SCHEMA_VERSION = '1';
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
  pair_hash INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS units_pair_hash ON units (pair_hash);
CREATE TABLE IF NOT EXISTS grams (
  gram INTEGER NOT NULL,
  chunk INTEGER NOT NULL,
  n INTEGER NOT NULL,
  ids BLOB NOT NULL,
  PRIMARY KEY (gram, chunk)
) WITHOUT ROWID;
`;

/**
 * Open (and create if missing, with parent folders) the translation memory at `path`
 * (`:memory:` for a temporary one). Throws `BitextError` (exit 2) when the file is not a
 * Bitext TM (not SQLite, or another schema version).
 */
export function openMemory(path: string): Memory {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.exec(SCHEMA);
    const version = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get('schema') as string | undefined;
    if (version === undefined) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema', SCHEMA_VERSION);
    else if (version !== SCHEMA_VERSION) throw new Error(`schema version ${version}, expected ${SCHEMA_VERSION}`);
  } catch (error) {
    const readOnly = /readonly|read-only/i.test((error as Error).message);
    const why = readOnly ? 'permission denied (the translation memory or its folder is not writable)' : `not a Bitext translation memory (${(error as Error).message})`;
    throw new BitextError(`${path}: ${why}`, { file: path, cause: error });
  }
  return { db, path };
}

/** Close the memory (checkpoints the WAL). Safe to call twice. */
export function closeMemory(memory: Memory): void {
  if (memory.db.open) memory.db.close();
}

/** ISO 8601 UTC to the second (`2026-11-29T13:19:47Z`), the form every stored date takes. */
export function isoNow(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

interface Writer {
  findPair: Database.Statement;
  insert: Database.Statement;
  insertChunk: Database.Statement;
  /** Buffered postings: gram key and unit id, in insertion order (ids ascending). */
  keys: Int32Array;
  ids: Int32Array;
  buffered: number;
}

const writers = new WeakMap<Database.Database, Writer>();

function writerFor(memory: Memory): Writer {
  let w = writers.get(memory.db);
  if (!w) {
    w = {
      findPair: memory.db.prepare('SELECT source, target, source_markup, target_markup, source_key, target_key FROM units WHERE pair_hash = ?'),
      insert: memory.db.prepare(`INSERT INTO units (source, target, source_markup, target_markup, source_lang, target_lang,
        source_key, target_key, source_tokens, target_tokens, origin_doc, origin_link, score, created, changed,
        creation_tool, change_tool, usage, pair_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertChunk: memory.db.prepare('INSERT INTO grams (gram, chunk, n, ids) VALUES (?, ?, ?, ?)'),
      keys: new Int32Array(1024),
      ids: new Int32Array(1024),
      buffered: 0,
    };
    writers.set(memory.db, w);
  }
  return w;
}

function sideKey(key: string, text: string, markup: string | null): string {
  return `${key}\u0000${text}\u0000${markup ?? ''}`;
}

/** 53-bit hash of an unordered pair of sides (two FNV-1a seeds). */
function pairHash(a: string, b: string): number {
  const [x, y] = a < b ? [a, b] : [b, a];
  const joined = `${x}\u0001${y}`;
  const hi = fnv1a(joined, FNV_OFFSET_BASIS) >>> 11;
  const lo = fnv1a(joined, 0x050c5d1f) >>> 0;
  return hi * 0x100000000 + lo;
}

/** Hash of an index family (`languageFamily`), the seed of every gram key of that side. */
export const familyHash: (tag: LanguageTag) => number = boundedCache((tag) => fnv1a(languageFamily(tag)));

function buffer(w: Writer, keys: number[], id: number): void {
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
 * Stable LSD radix sort (4 passes of 8 bits) of `n` (key, id) pairs by key as unsigned 32-bit,
 * so each key's ids stay in insertion (ascending) order. Returns the sorted arrays.
 */
function sortPostings(keys: Int32Array, ids: Int32Array, n: number): { keys: Int32Array; ids: Int32Array } {
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
  let start = 0;
  while (start < keys.length) {
    let end = start + 1;
    while (end < keys.length && keys[end] === keys[start]) end++;
    w.insertChunk.run(keys[start], chunk, end - start, bytes.subarray(start * 4, end * 4));
    start = end;
  }
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('next_chunk', String(chunk + 1));
  w.buffered = 0;
  if (w.keys.length > FLUSH_POSTINGS * 2) { w.keys = new Int32Array(1024); w.ids = new Int32Array(1024); }
}

/**
 * Store one unit unless an identical pair is present (no transaction of its own; index postings
 * are buffered until `finishUnits`). Returns true when it was added. Throws `Error` for a bad tag.
 */
export function storeUnit(memory: Memory, unit: TranslationUnit): boolean {
  const w = writerFor(memory);
  const sourceLang = canonicalTag(unit.sourceLang);
  const targetLang = canonicalTag(unit.targetLang);
  const sourceKey = matchKey(sourceLang);
  const targetKey = matchKey(targetLang);
  const sourceMarkup = unit.sourceMarkup ?? null;
  const targetMarkup = unit.targetMarkup ?? null;
  const a = sideKey(sourceKey, unit.source, sourceMarkup);
  const b = sideKey(targetKey, unit.target, targetMarkup);
  const hash = pairHash(a, b);
  for (const row of w.findPair.all(hash) as Record<string, string | null>[]) {
    const x = sideKey(row.source_key!, row.source!, row.source_markup);
    const y = sideKey(row.target_key!, row.target!, row.target_markup);
    if ((x === a && y === b) || (x === b && y === a)) return false;
  }
  const sourceTokens = matchTokens(unit.source);
  const targetTokens = matchTokens(unit.target);
  const info = w.insert.run(
    unit.source, unit.target, sourceMarkup, targetMarkup, sourceLang, targetLang, sourceKey, targetKey,
    sourceTokens.length, targetTokens.length, unit.origin?.doc ?? null, unit.origin?.link ?? null, unit.score,
    unit.created, unit.changed, unit.creationTool ?? null, unit.changeTool ?? null, unit.usage, hash,
  );
  const id = Number(info.lastInsertRowid);
  const keys = gramKeys(sourceTokens, familyHash(sourceLang));
  if (familyHash(sourceLang) !== familyHash(targetLang)) keys.push(...gramKeys(targetTokens, familyHash(targetLang)));
  else for (const k of gramKeys(targetTokens, familyHash(targetLang))) if (!keys.includes(k)) keys.push(k);
  buffer(w, keys, id);
  if (w.buffered >= FLUSH_POSTINGS) flushIndex(memory, w);
  return true;
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
 * error rethrown, so the TM is left as it was.
 */
export function inUnitTransaction(memory: Memory, work: () => void): void {
  const run = memory.db.transaction(() => {
    work();
    finishUnits(memory);
  });
  try {
    run();
  } catch (error) {
    discardBuffered(memory);
    throw error;
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

/** Every unit in id (insertion) order, read lazily; `doc` filters by origin document. */
export function* iterateUnits(memory: Memory, doc?: string): Generator<TranslationUnit> {
  const stmt = doc === undefined
    ? memory.db.prepare('SELECT * FROM units ORDER BY id')
    : memory.db.prepare('SELECT * FROM units WHERE origin_doc = ? ORDER BY id');
  const rows = (doc === undefined ? stmt.iterate() : stmt.iterate(doc)) as IterableIterator<UnitRow>;
  for (const row of rows) yield rowToUnit(row);
}

/** Number of units stored. */
export function unitCount(memory: Memory): number {
  return memory.db.prepare('SELECT count(*) FROM units').pluck().get() as number;
}

/** Units per language pair and per origin document, for `tm stats`. */
export interface MemoryStats {
  units: number;
  pairs: { sourceLang: LanguageTag; targetLang: LanguageTag; units: number }[];
  origins: { doc: string | null; units: number }[];
}

/** Count units per (source, target) tag pair and per origin document (`null` = imported from TMX). */
export function memoryStats(memory: Memory): MemoryStats {
  const pairs = memory.db
    .prepare('SELECT source_lang AS sourceLang, target_lang AS targetLang, count(*) AS units FROM units GROUP BY source_lang, target_lang ORDER BY units DESC, sourceLang, targetLang')
    .all() as MemoryStats['pairs'];
  const origins = memory.db
    .prepare('SELECT origin_doc AS doc, count(*) AS units FROM units GROUP BY origin_doc ORDER BY units DESC, doc')
    .all() as MemoryStats['origins'];
  return { units: unitCount(memory), pairs, origins };
}
