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
 */
import type Database from 'better-sqlite3';
import { BitextError } from '../io.ts';
import type { LookupHit } from '../types.ts';
import { foldWidth, isCjkCodePoint } from '../text/index.ts';
import { familyHash, hasCharacterKeys, type Memory } from './store.ts';
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
/** Most candidates checked per SQLite query, newest first. */
const BATCH = 4096;
/** Candidates are narrowed by another posting list only when there are more than this many. */
const NARROW_FROM = 256;
/**
 * Another posting list narrows the candidates only while it is at most this many times longer than
 * they are: reading a much longer list (a common character's) costs more than checking candidates
 * newest first, which stops at `max` hits.
 */
const NARROW_RATIO = 2;

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
      rows: memory.db.prepare(`SELECT id, source, target, source_lang, target_lang, origin_doc, origin_link, usage, created, changed
        FROM units WHERE id IN (SELECT value FROM json_each(?)) AND superseded IS NULL ORDER BY id DESC`),
    };
    statements.set(memory.db, s);
  }
  return s;
}

/** The ids of the posting list of `key`, ascending (chunks are appended in id order). */
function postings(s: Statements, key: number): Int32Array {
  const blobs = s.postings.all(key) as Buffer[];
  let n = 0;
  for (const b of blobs) n += b.length >> 2;
  const out = new Int32Array(n);
  let at = 0;
  for (const b of blobs) {
    // A blob is copied through a view when aligned; an unaligned one byte by byte.
    out.set(b.byteOffset % 4 === 0 ? new Int32Array(b.buffer, b.byteOffset, b.length >> 2) : new Int32Array(Uint8Array.from(b).buffer), at);
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

/** Candidate ids (ascending, distinct) for `tokens` in one family: the rarest key's postings, narrowed by the next rarest. */
function familyCandidates(s: Statements, keys: number[]): Int32Array {
  const byRarity = keys.map((key) => ({ key, n: (s.df.get(key) as number | null) ?? 0 })).sort((a, b) => a.n - b.n);
  if (byRarity.length === 0 || byRarity[0].n === 0) return new Int32Array(0);
  let ids = postings(s, byRarity[0].key);
  for (let g = 1; g < byRarity.length && ids.length > NARROW_FROM && byRarity[g].n <= NARROW_RATIO * ids.length; g++) ids = intersect(ids, postings(s, byRarity[g].key));
  return ids;
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
 * The units of `memory` that hold `term` (module comment), newest first, at most `options.max`
 * (default 20), each with the places of the term on the side(s) searched (`options.side`, default
 * both). Throws `BitextError` (exit 2) for a term with no letter or character to search (only
 * punctuation or white space, or only numbers, which have no index key of their own), and for a
 * one-character Chinese term in a memory made before characters were indexed that was opened
 * read-only (`hasCharacterKeys`; any command writing it adds them).
 */
export function concordance(memory: Memory, term: string, options: ConcordanceOptions = {}): ConcordanceHit[] {
  const side = options.side ?? 'both';
  const max = options.max ?? 20;
  const tokens = matchTokens(term);
  if (tokens.length === 0 || tokens.every((t) => t === NUMBER_TOKEN)) throw new BitextError(`concordance: "${term}" has no word or character to search for (numbers alone are not indexed)`);
  if (tokens.some((t) => t > 0) && !hasCharacterKeys(memory)) {
    throw new BitextError(`${memory.path}: this memory was made before Chinese characters were indexed one by one; any command that writes it (tm import, build, tm prune) adds them, then search again`);
  }
  if (max <= 0) return [];
  const s = statementsFor(memory);
  const lists = FAMILIES.map((family) => familyCandidates(s, runKeys(tokens, familyHash(family)))).filter((l) => l.length > 0);
  // Ascending ids; a list may repeat an id (postings of a pruned unit whose id was reused).
  const ids = lists.length === 1 ? lists[0] : Int32Array.from(lists.flatMap((l) => [...l])).sort();
  const pattern = termPattern(term);
  const hits: ConcordanceHit[] = [];
  let previous = -1;
  // The first batch is about what `max` needs (most candidates of a Chinese term hold it); later ones grow.
  for (let left = ids.length, size = Math.max(2 * max, 16); left > 0 && hits.length < max; size = Math.min(size * 4, BATCH)) {
    const batch: number[] = [];
    for (; left > 0 && batch.length < size; left--) if (ids[left - 1] !== previous) batch.push((previous = ids[left - 1]));
    for (const row of s.rows.all(JSON.stringify(batch)) as Record<string, unknown>[]) {
      const matches: ConcordanceMatch[] = [];
      for (const which of ['source', 'target'] as const) {
        if (side !== 'both' && side !== which) continue;
        for (const [start, end] of places(pattern, row[which] as string)) matches.push({ side: which, start, end });
      }
      if (matches.length === 0) continue;
      hits.push({
        id: row.id as number,
        source: row.source as string,
        target: row.target as string,
        sourceLang: row.source_lang as string,
        targetLang: row.target_lang as string,
        origin: row.origin_doc === null ? null : { doc: row.origin_doc as string, link: (row.origin_link as string | null) ?? '' },
        usage: row.usage as number,
        created: row.created as string,
        changed: row.changed as string,
        matches,
      });
      if (hits.length >= max) break;
    }
  }
  return hits;
}
