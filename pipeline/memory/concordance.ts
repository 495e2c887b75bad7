/**
 * Concordance: the stored units that hold a term (a word or phrase, not a whole sentence), with
 * where they hold it — for `bitext tm concordance`.
 *
 * What matches: Chinese characters (and other CJK) anywhere, one character or more; words of other
 * scripts (`API`, `3D`, `linear gradient`) as whole words, case-insensitive, with any run of white
 * space between them; full-width forms as their ASCII (`foldWidth`, which keeps every offset).
 * Retrieval never scans the units: a unit holding the term holds all of its `runKeys` (each CJK
 * character's key, each word's key, the bigram key of each pair with a CJK character), so the
 * posting lists of the rarest of them give the candidates (SQLite FTS5 cannot do this: its
 * default and trigram tokenizers find no one- or two-character Chinese term); the others narrow
 * them while that is cheaper than checking; each candidate is then checked on its text. Sides are
 * indexed per language family; the Chinese (Simplified, Traditional) and English families are
 * searched. Newest first means the most recently stored unit first (highest id), so a search
 * stops as soon as `max` hits are found; superseded units (pipeline/memory/supersede.ts) are
 * never offered.
 *
 * As lookup.ts does for fuzzy lookup, retrieval is per back end and the rest is shared: SQLite's
 * retrieval is `concordance` here, PostgreSQL's the `concordance` method of
 * pipeline/memory/postgres.ts; both prepare the term with `concordanceQuery`, narrow with
 * `familyCandidates`, read rows in `candidateBatches` and check and mark them with
 * `addConcordanceHits`, so the same units give the same hits in the same order on either.
 */
import type Database from 'better-sqlite3';
import { BitextError } from '../io.ts';
import type { LookupHit } from '../types.ts';
import { foldWidth, isCjkCodePoint } from '../text/index.ts';
import { familyHash, hasCharacterKeys, type Memory } from './store.ts';
import { blobIds } from './lookup.ts';
import { isWordCodePoint, matchTokens, NUMBER_TOKEN, runKeys } from './text.ts';

/** Which side of a stored unit is searched: as stored (`source`, `target`) or either. */
export type ConcordanceSide = 'source' | 'target' | 'both';

/** Options of `concordance`. */
export interface ConcordanceOptions {
  /** Side searched, default `both`. */
  side?: ConcordanceSide;
  /** Most units returned, default 20. */
  max?: number;
}

/** Where a side holds the term: `[start, end)` in UTF-16 code units of that side's text. */
export interface ConcordanceMatch {
  side: 'source' | 'target';
  start: number;
  end: number;
}

/** A unit holding the term: its fields as `lookup` gives them (no score) and every place of the term. */
export type ConcordanceHit = Omit<LookupHit, 'score' | 'band'> & { matches: ConcordanceMatch[] };

/** Families searched: Chinese in both scripts and English (`familyHash` of a tag of each). */
const FAMILIES = ['zh-Hans', 'zh-Hant', 'en'];
/** Most candidates read and checked per query (either back end), newest first. */
const BATCH = 4096;
/** Candidates are narrowed by another posting list only when there are more than this many. */
const NARROW_FROM = 256;
/**
 * Another posting list narrows the candidates only while it is at most this many times longer than
 * they are: reading a much longer list (a common character's) costs more than checking candidates
 * newest first, which stops at `max` hits.
 */
const NARROW_RATIO = 2;

/** A unit row as both back ends read it for concordance (`CONCORDANCE_COLUMNS`). */
export interface ConcordanceRow {
  id: number;
  source: string;
  target: string;
  source_lang: string;
  target_lang: string;
  origin_doc: string | null;
  origin_link: string | null;
  usage: number;
  created: string;
  changed: string;
}

/** The `units` (SQLite) and `tm_units` (PostgreSQL) columns of a `ConcordanceRow`. */
export const CONCORDANCE_COLUMNS = 'id, source, target, source_lang, target_lang, origin_doc, origin_link, usage, created, changed';

/**
 * A term prepared for searching on any back end (`concordanceQuery`): the side(s) and most hits
 * asked, the pattern that finds it in a text, the index keys a unit holding it holds, per family
 * searched (`runKeys`), and whether those include single-character keys.
 */
export interface ConcordanceQuery {
  side: ConcordanceSide;
  max: number;
  pattern: RegExp;
  familyKeys: number[][];
  characterKeys: boolean;
}

/**
 * Prepare `term` for `options` (defaults: both sides, 20 hits). Throws `BitextError` (exit 2) for a
 * term with no letter or character to search (only punctuation or white space, or only numbers,
 * which have no index key of their own).
 */
export function concordanceQuery(term: string, options: ConcordanceOptions = {}): ConcordanceQuery {
  const tokens = matchTokens(term);
  if (tokens.length === 0 || tokens.every((t) => t === NUMBER_TOKEN)) throw new BitextError(`concordance: "${term}" has no word or character to search for (numbers alone are not indexed)`);
  return {
    side: options.side ?? 'both',
    max: options.max ?? 20,
    pattern: termPattern(term),
    familyKeys: FAMILIES.map((family) => runKeys(tokens, familyHash(family))),
    characterKeys: tokens.some((t) => t > 0),
  };
}

/** Posting blobs of one key (little-endian int32 ids, chunks in id order) as one ascending id list. */
export function joinPostings(blobs: Buffer[]): Int32Array {
  if (blobs.length === 1) return blobIds(blobs[0]);
  let n = 0;
  for (const b of blobs) n += b.length >> 2;
  const out = new Int32Array(n);
  let at = 0;
  for (const b of blobs) {
    out.set(blobIds(b), at);
    at += b.length >> 2;
  }
  return out;
}

/** Ids of `a` also in `b` (both ascending). */
function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    while (j < b.length && b[j] < a[i]) j++;
    if (j < b.length && b[j] === a[i]) out.push(a[i]);
  }
  return Int32Array.from(out);
}

/** Keys of one family with their posting counts (`n`), rarest first. */
function byRarity(df: readonly { key: number; n: number }[]): { key: number; n: number }[] {
  return [...df].sort((a, b) => a.n - b.n);
}

/**
 * Candidate ids (ascending) of one family from its keys' posting counts `df`: the rarest key's
 * postings, narrowed by the next rarest while that is cheaper than checking (`NARROW_FROM`,
 * `NARROW_RATIO`). `postings(key)` gives a key's ids ascending; it is asked only for keys of
 * `postingsToRead(df)`.
 */
export function familyCandidates(df: readonly { key: number; n: number }[], postings: (key: number) => Int32Array): Int32Array {
  const keys = byRarity(df);
  if (keys.length === 0 || keys[0].n === 0) return new Int32Array(0);
  let ids = postings(keys[0].key);
  for (let g = 1; g < keys.length && ids.length > NARROW_FROM && keys[g].n <= NARROW_RATIO * ids.length; g++) ids = intersect(ids, postings(keys[g].key));
  return ids;
}

/**
 * Every key whose postings `familyCandidates(df, …)` may read, so a server back end can fetch them
 * in one query: the rarest, and — the candidates never outnumber the rarest list — those at most
 * `NARROW_RATIO` times longer than it, when it is longer than `NARROW_FROM`.
 */
export function postingsToRead(df: readonly { key: number; n: number }[]): number[] {
  const keys = byRarity(df);
  if (keys.length === 0 || keys[0].n === 0) return [];
  if (keys[0].n <= NARROW_FROM) return [keys[0].key];
  return keys.filter((k) => k.n <= NARROW_RATIO * keys[0].n).map((k) => k.key);
}

/**
 * The candidates of every family as one list, ascending; an id may repeat (one family's postings
 * and another's, or postings of a pruned SQLite unit whose id was reused).
 */
export function mergeCandidates(lists: Int32Array[]): Int32Array {
  const nonEmpty = lists.filter((l) => l.length > 0);
  return nonEmpty.length === 1 ? nonEmpty[0] : Int32Array.from(nonEmpty.flatMap((l) => [...l])).sort();
}

/**
 * The ids of `ids` (ascending, `mergeCandidates`) newest first, distinct, in batches to read and
 * check: the first about what `max` hits need (most candidates of a Chinese term hold it), later
 * ones four times larger, up to `BATCH`. The caller stops when it has its hits.
 */
export function* candidateBatches(ids: Int32Array, max: number): Generator<number[]> {
  let previous = -1;
  for (let left = ids.length, size = Math.max(2 * max, 16); left > 0; size = Math.min(size * 4, BATCH)) {
    const batch: number[] = [];
    for (; left > 0 && batch.length < size; left--) if (ids[left - 1] !== previous) batch.push((previous = ids[left - 1]));
    yield batch;
  }
}

/**
 * Check `rows` (current units, newest first) on their text and append those holding the term to
 * `hits`, with its places, until `q.max`. Returns whether `hits` is full.
 */
export function addConcordanceHits(hits: ConcordanceHit[], rows: readonly ConcordanceRow[], q: ConcordanceQuery): boolean {
  for (const row of rows) {
    if (hits.length >= q.max) break;
    const matches: ConcordanceMatch[] = [];
    for (const which of ['source', 'target'] as const) {
      if (q.side !== 'both' && q.side !== which) continue;
      for (const [start, end] of places(q.pattern, row[which])) matches.push({ side: which, start, end });
    }
    if (matches.length === 0) continue;
    hits.push({
      id: row.id,
      source: row.source,
      target: row.target,
      sourceLang: row.source_lang,
      targetLang: row.target_lang,
      origin: row.origin_doc === null ? null : { doc: row.origin_doc, link: row.origin_link ?? '' },
      usage: row.usage,
      created: row.created,
      changed: row.changed,
      matches,
    });
  }
  return hits.length >= q.max;
}

interface Statements {
  df: Database.Statement;
  postings: Database.Statement;
  rows: Database.Statement;
}

const statements = new WeakMap<Database.Database, Statements>();

function statementsFor(memory: Memory): Statements {
  let s = statements.get(memory.db);
  if (!s) {
    s = {
      df: memory.db.prepare('SELECT sum(n) FROM grams WHERE gram = ?').pluck(),
      postings: memory.db.prepare('SELECT ids FROM grams WHERE gram = ?').pluck(),
      rows: memory.db.prepare(`SELECT ${CONCORDANCE_COLUMNS} FROM units WHERE id IN (SELECT value FROM json_each(?)) AND superseded IS NULL ORDER BY id DESC`),
    };
    statements.set(memory.db, s);
  }
  return s;
}

/** A regular expression finding `term` (width-folded, white space as any run of it) in width-folded text. */
function termPattern(term: string): RegExp {
  const parts = foldWidth(term).trim().split(/\s+/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('\\s+'), 'giu');
}

/** The code point that ends just before UTF-16 offset `i` of `text` (−1 at the start). */
function codePointBefore(text: string, i: number): number {
  if (i <= 0) return -1;
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(i - 2)!;
  }
  return low;
}

/** A letter, digit or mark of a word token (not CJK, which `matchTokens` takes one by one). */
function inWord(cp: number): boolean {
  return cp >= 0 && !isCjkCodePoint(cp) && isWordCodePoint(cp);
}

/** Whether the match `[start, end)` of `text` begins or ends inside a longer word (`api` in `webapi`). */
function cutsWord(text: string, start: number, end: number): boolean {
  const after = end < text.length ? text.codePointAt(end)! : -1;
  return (inWord(text.codePointAt(start)!) && inWord(codePointBefore(text, start))) || (inWord(codePointBefore(text, end)) && inWord(after));
}

/** Every place of the term in `text` (`pattern` from `termPattern`), as `[start, end)` pairs. */
function places(pattern: RegExp, text: string): [number, number][] {
  const folded = foldWidth(text);
  const out: [number, number][] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(folded); m !== null; m = pattern.exec(folded)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!cutsWord(folded, start, end)) out.push([start, end]);
    pattern.lastIndex = end;
  }
  return out;
}

/**
 * The units of the SQLite `memory` that hold `term` (module comment), newest first, at most
 * `options.max` (default 20), each with the places of the term on the side(s) searched
 * (`options.side`, default both). Throws `BitextError` (exit 2) as `concordanceQuery` does, and for
 * a one-character Chinese term in a memory made before characters were indexed that was opened
 * read-only (`hasCharacterKeys`; any command writing it adds them). The PostgreSQL back end
 * retrieves by the same keys (pipeline/memory/postgres.ts) and checks with the same code.
 */
export function concordance(memory: Memory, term: string, options: ConcordanceOptions = {}): ConcordanceHit[] {
  const q = concordanceQuery(term, options);
  if (q.characterKeys && !hasCharacterKeys(memory)) {
    throw new BitextError(`${memory.path}: this memory was made before Chinese characters were indexed one by one; any command that writes it (tm import, build, tm prune) adds them, then search again`);
  }
  if (q.max <= 0) return [];
  const s = statementsFor(memory);
  const postings = (key: number): Int32Array => joinPostings(s.postings.all(key) as Buffer[]);
  const ids = mergeCandidates(q.familyKeys.map((keys) => familyCandidates(keys.map((key) => ({ key, n: (s.df.get(key) as number | null) ?? 0 })), postings)));
  const hits: ConcordanceHit[] = [];
  for (const batch of candidateBatches(ids, q.max)) if (addConcordanceHits(hits, s.rows.all(JSON.stringify(batch)) as ConcordanceRow[], q)) break;
  return hits;
}
