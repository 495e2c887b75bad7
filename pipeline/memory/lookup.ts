/**
 * Fuzzy lookup in the translation memory: candidates from the n-gram index, then exact scoring.
 *
 * Retrieval (after Okapi's n-gram TM, with character bigrams for Chinese): the query's gram keys
 * (`gramKeys`) are looked up rarest first; each posting adds one to its unit's count; grams are
 * read until `POSTING_BUDGET` postings have been read (the three rarest always are). The
 * `CANDIDATES` units sharing the most grams (at least `max`×10) are then scored with `matchScore`
 * on the side whose language matches the query. No unit is ever scanned outside its postings.
 * Superseded units (a rebuild's alignment no longer has them, pipeline/memory/supersede.ts) are
 * never offered, at any score.
 * Budget and candidate count were set on the 1M-unit bench (bench/memory.ts): top-1 agreement with
 * a linear scan 99.5% (50,000 postings and 100 candidates gave 99.7% at twice the time).
 */
import type { LanguageTag, LookupHit } from '../types.ts';
import { isChinese, tagMatches, canonicalTag, chineseScriptOf, isCjkCodePoint } from '../text/index.ts';
import { bandOf, maxFuzzyDistance, matchScore } from './score.ts';
import { familyHash, type Memory } from './store.ts';
import { gramKeys, prepareText, type MatchText } from './text.ts';
import type Database from 'better-sqlite3';

/** Options of `lookup`: languages (BCP 47, matched with `tagMatches`), minimum score, hit count. */
export interface LookupOptions {
  /** Language of the query; default `guessLanguage` (`zh-Hans` or `zh-Hant` when it has a CJK character, else `en`). */
  sourceLang?: LanguageTag;
  /** Language wanted; default `en` for a Chinese query, else `zh-Hans`. */
  targetLang?: LanguageTag;
  /** Lowest score returned (0–100), default 50. */
  min?: number;
  /** Most hits returned, default 5. */
  max?: number;
}

/** Postings a lookup reads at most (beyond the three rarest keys'); PostgreSQL applies it on the server (pipeline/memory/postgres.ts). */
export const POSTING_BUDGET = 30_000;
const CANDIDATES = 70;
const MMAP_BYTES = 1 << 30;

/**
 * Default source language of a query: Chinese if it has a CJK character — `zh-Hant` when
 * `chineseScriptOf` reads it as Traditional (the script test the read stage uses for documents,
 * `detectLanguage` in pipeline/read/blocks.ts), else `zh-Hans` — otherwise `en`.
 */
export function guessLanguage(text: string): LanguageTag {
  for (const ch of text) if (isCjkCodePoint(ch.codePointAt(0)!)) return chineseScriptOf(text) === 'hant' ? 'zh-Hant' : 'zh-Hans';
  return 'en';
}

/** The languages a lookup uses after defaults (`LookupOptions`), canonical case. */
export function lookupLanguages(text: string, options: LookupOptions): { sourceLang: LanguageTag; targetLang: LanguageTag } {
  const sourceLang = canonicalTag(options.sourceLang ?? guessLanguage(text));
  const targetLang = canonicalTag(options.targetLang ?? (isChinese(sourceLang) ? 'en' : 'zh-Hans'));
  return { sourceLang, targetLang };
}

interface Reader {
  df: Database.Statement;
  postings: Database.Statement;
  rows: Database.Statement;
  maxId: Database.Statement;
  counts: Uint16Array;
}

const readers = new WeakMap<Database.Database, Reader>();

function readerFor(memory: Memory): Reader {
  let r = readers.get(memory.db);
  if (!r) {
    r = {
      df: memory.db.prepare('SELECT sum(n) FROM grams WHERE gram = ?').pluck(),
      postings: memory.db.prepare('SELECT ids FROM grams WHERE gram = ?').pluck(),
      rows: memory.db.prepare(`SELECT id, source, target, source_lang, target_lang, source_tokens, target_tokens,
        origin_doc, origin_link, usage, created, changed FROM units WHERE id IN (SELECT value FROM json_each(?)) AND superseded IS NULL`),
      maxId: memory.db.prepare('SELECT max(id) FROM units').pluck(),
      counts: new Uint16Array(0),
    };
    // Lookups read pages at random: memory-mapped reads (SQLite mmap I/O) avoid a system call per page.
    memory.db.pragma(`mmap_size = ${MMAP_BYTES}`);
    readers.set(memory.db, r);
  }
  return r;
}

/** A gram key of a query and its document frequency (postings stored under it). */
export interface GramFrequency {
  key: number;
  n: number;
}

/**
 * Which of the query's gram keys to read (the module comment's budget): those with postings,
 * rarest first (ties in `frequencies` order), until `POSTING_BUDGET` postings (the three rarest
 * always). PostgreSQL applies the same rule in SQL (`POSTINGS` in pipeline/memory/postgres.ts, one
 * round trip), so both back ends retrieve the same candidates.
 */
export function gramsToRead(frequencies: readonly GramFrequency[]): number[] {
  const byRarity = frequencies.filter((g) => g.n > 0).sort((a, b) => a.n - b.n);
  const keys: number[] = [];
  let read = 0;
  for (let g = 0; g < byRarity.length; g++) {
    if (g >= 3 && read + byRarity[g].n > POSTING_BUDGET) break;
    read += byRarity[g].n;
    keys.push(byRarity[g].key);
  }
  return keys;
}

/**
 * The `wanted` unit ids that occur in the most of `postings` (arrays of unit ids, each id at most
 * once per gram key), most first, lower id first among equals. `counts` is a zeroed scratch array
 * longer than every id ≤ `maxId` (ids above are ignored); it is left zeroed.
 */
export function topByCount(postings: Iterable<Int32Array>, maxId: number, counts: Uint16Array, wanted: number): number[] {
  const touched: number[] = [];
  for (const ids of postings) {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id > maxId) continue;
      if (counts[id] === 0) touched.push(id);
      if (counts[id] < 0xffff) counts[id]++;
    }
  }
  // Bucket by count (counts ≤ number of keys) instead of sorting every touched id.
  const buckets: number[][] = [];
  for (const id of touched) {
    const c = counts[id];
    counts[id] = 0;
    (buckets[c] ??= []).push(id);
  }
  const out: number[] = [];
  for (let c = buckets.length - 1; c > 0 && out.length < wanted; c--) {
    const bucket = buckets[c];
    if (!bucket) continue;
    bucket.sort((a, b) => a - b);
    for (const id of bucket) {
      out.push(id);
      if (out.length >= wanted) break;
    }
  }
  return out;
}

/** A posting blob (little-endian int32 ids, SQLite's and PostgreSQL's chunks) as an Int32Array, copied only when misaligned. */
export function blobIds(blob: Buffer): Int32Array {
  return blob.byteOffset % 4 === 0 ? new Int32Array(blob.buffer, blob.byteOffset, blob.length >> 2) : new Int32Array(Uint8Array.from(blob).buffer);
}

/** Unit ids sharing the most gram keys with `tokens` (family of `lang`), most shared first. */
function candidates(memory: Memory, tokens: Int32Array, lang: LanguageTag, wanted: number): number[] {
  const r = readerFor(memory);
  const keys = gramKeys(tokens, familyHash(lang));
  if (keys.length === 0) return [];
  const maxId = (r.maxId.get() as number | null) ?? 0;
  if (r.counts.length <= maxId) r.counts = new Uint16Array(maxId + 1024);
  const read = gramsToRead(keys.map((key) => ({ key, n: (r.df.get(key) as number | null) ?? 0 })));
  const postings = read.flatMap((key) => (r.postings.all(key) as Buffer[]).map(blobIds));
  return topByCount(postings, maxId, r.counts, wanted);
}

/** A candidate unit as retrieval reads it (`units` columns), for `scoreCandidates`. */
export interface CandidateRow {
  id: number;
  source: string;
  target: string;
  source_lang: string;
  target_lang: string;
  source_tokens: number;
  target_tokens: number;
  origin_doc: string | null;
  origin_link: string | null;
  usage: number;
  created: string;
  changed: string;
}

/** How many candidates retrieval hands to scoring for `max` hits. */
export function candidateCount(max: number): number {
  return Math.max(CANDIDATES, max * 10);
}

/**
 * Score candidate units against the query `q` (languages after defaults, `lookupLanguages`): each
 * unit in the direction whose languages match (`tagMatches`), by `matchScore`; hits with score ≥
 * `min`, best first (score, then older unit first), at most `max`. The one ranking of every back
 * end (pipeline/memory/backend.ts).
 */
export function scoreCandidates(rows: Iterable<CandidateRow>, q: MatchText, sourceLang: LanguageTag, targetLang: LanguageTag, min: number, max: number): LookupHit[] {
  const hits: LookupHit[] = [];
  for (const row of rows) {
    const id = row.id;
    for (const forward of [true, false]) {
      const sLang = forward ? row.source_lang : row.target_lang;
      const tLang = forward ? row.target_lang : row.source_lang;
      if (!tagMatches(sourceLang, sLang) || !tagMatches(targetLang, tLang)) continue;
      const sTokens = forward ? row.source_tokens : row.target_tokens;
      const longest = Math.max(sTokens, q.tokens.length);
      if (min <= 94 && Math.abs(sTokens - q.tokens.length) > Math.max(0, maxFuzzyDistance(longest, min)) && longest > 0) {
        // Cannot reach `min` as a fuzzy match; an equal-token (95–100) match needs equal counts.
        if (sTokens !== q.tokens.length) continue;
      }
      const source = forward ? row.source : row.target;
      const score = matchScore(q, prepareText(source), min);
      if (score < 0) continue;
      hits.push({
        id,
        source,
        target: forward ? row.target : row.source,
        sourceLang: sLang,
        targetLang: tLang,
        score,
        band: bandOf(score),
        origin: row.origin_doc === null ? null : { doc: row.origin_doc, link: row.origin_link ?? '' },
        usage: row.usage,
        created: row.created,
        changed: row.changed,
      });
      break;
    }
  }
  hits.sort((a, b) => b.score - a.score || a.id - b.id);
  return hits.slice(0, max);
}

/**
 * Look `text` up: hits with score ≥ `min` (default 50), best first (score, then older unit first),
 * at most `max` (default 5). Units match in either direction (a zh→en unit answers an en→zh
 * query). An empty TM, or a query with no letters, gives `[]`. Throws `Error` for a bad tag.
 */
export function lookup(memory: Memory, text: string, options: LookupOptions = {}): LookupHit[] {
  const { sourceLang, targetLang } = lookupLanguages(text, options);
  const min = options.min ?? 50;
  const max = options.max ?? 5;
  if (max <= 0) return [];
  const q = prepareText(text);
  return scoreCandidates(candidateRows(memory, q.tokens, sourceLang, candidateCount(max)), q, sourceLang, targetLang, min, max);
}

/** The current units among the `wanted` candidates of a query's `tokens` (language `lang`), for `scoreCandidates`. */
export function candidateRows(memory: Memory, tokens: Int32Array, lang: LanguageTag, wanted: number): CandidateRow[] {
  return readerFor(memory).rows.all(JSON.stringify(candidates(memory, tokens, lang, wanted))) as CandidateRow[];
}

/** One side of a unit prepared for `scanLookup` (the bench's reference linear scan). */
export interface ScanEntry {
  id: number;
  text: MatchText;
}

/**
 * Reference linear scan: score `text` against every entry (no index) and return the best
 * `{ id, score }` (older unit first on ties; `entries` must be in ascending id order) or null when
 * none reaches `min`. Every entry is scored; the threshold rises to the best score so far, which
 * only lets `matchScore` give up early on entries that cannot win. Same scoring as
 * `lookup`; used by the bench to measure the index's top-1 agreement and speed-up.
 */
export function scanLookup(entries: readonly ScanEntry[], text: string, min = 50): { id: number; score: number } | null {
  const q = prepareText(text);
  let best: { id: number; score: number } | null = null;
  for (const entry of entries) {
    const threshold = best === null ? min : best.score + 1;
    if (threshold > 100) break;
    const score = matchScore(q, entry.text, threshold);
    if (score >= threshold && (best === null || score > best.score || (score === best.score && entry.id < best.id))) {
      best = { id: entry.id, score };
    }
  }
  return best;
}
