/**
 * Text as the translation memory compares it: folding, tokens, n-gram keys and a bounded
 * Levenshtein distance. Nothing here rewrites stored text; every function returns a new view.
 *
 * Tokens (see `matchTokens`): after width folding (U+FF01–U+FF5E → ASCII, U+3000 → space) and
 * lowercasing, every CJK character (Han, kana, Hangul, Bopomofo) is one token and every run of
 * other letters, digits and marks is one word token; whitespace, punctuation and symbols are no
 * tokens at all; so are inline tags written as text (`TAG_IN_TEXT`). A word made only of digits becomes the single NUMBER token, so that texts that
 * differ only in their numbers compare equal at this level (memoQ's 95–99 band).
 * Tokens are int32: a CJK token is its code point (positive), a word token a 31-bit hash with the
 * sign bit set (negative), so the two kinds never collide.
 */
import * as toolkit from '../text/index.ts';

// Constants rather than import bindings: `matchTokens` calls these for every character, and V8
// inlined the calls through constants but not through the re-exported bindings (tokenizing MAC-dev
// lines took 25–30% longer).
const { FNV_OFFSET_BASIS, fnv1aStep, foldDigits, foldWidth, isCjkCodePoint } = toolkit;

/** Token id of any all-digit word. */
export const NUMBER_TOKEN = -1;

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** Whether code point `cp` belongs to a word token (a letter, digit or mark; CJK characters are tested first by `matchTokens`). */
export function isWordCodePoint(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a);
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

/**
 * Token id of a (non-number) word from its FNV-1a hash (`fnv1a` of its lower-cased code units):
 * the sign bit set, never NUMBER_TOKEN.
 */
function wordId(hash: number): number {
  const id = (hash | 0x80000000) | 0;
  return id === NUMBER_TOKEN ? id - 1 : id;
}

let tokenScratch = new Int32Array(256);

/**
 * Inline tags written as text (level-1 TMX, FR-18 in ../shared/cases/field-reports.md): OmegaT's
 * short tags (a letter or three and a number: `<f0>`, `</f0>`, `<g1/>`) and HTML's inline
 * formatting (`<b>`, `</strong>`, `<br/>`, `<span class="x">`). They are markup, not words, so
 * `matchTokens` skips them and a sentence differing from another only in such tags scores 95–99.
 * Element names that a technical text may be talking about (`<div>`, `<Button>`) stay words.
 */
const TAG_IN_TEXT = /<\/?(?:[A-Za-z]{1,3}\d+|b|i|u|s|em|strong|br|span|font|sup|sub)(?:\s[^<>]*)?\/?>/gi;

/**
 * The content tokens of `text` (see the module comment): CJK characters one by one, other words
 * whole; case, width, whitespace and punctuation are ignored. Returns an Int32Array (one id a token).
 */
export function matchTokens(text: string): Int32Array {
  const folded = text.includes('<') ? foldWidth(text).replace(TAG_IN_TEXT, ' ') : foldWidth(text);
  // ASCII letters are lowered one by one below; other scripts need the full Unicode mapping.
  const source = /[^\u0000-\u007f]/.test(folded) ? folded.toLowerCase() : folded;
  const n = source.length;
  // Tokens go to a reused scratch array (at most one per code unit), copied out once: a growing
  // JS array and `Int32Array.from` made this function the costliest step of storing a unit.
  if (tokenScratch.length < n) tokenScratch = new Int32Array(n * 2);
  const out = tokenScratch;
  let k = 0;
  let inWord = false;
  let digits = true;
  let h = 0;
  for (let i = 0; i < n; i++) {
    let cp = source.charCodeAt(i);
    let low = -1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const next = source.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        low = next;
        cp = ((cp - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (isCjkCodePoint(cp)) {
      if (inWord) { out[k++] = (digits ? NUMBER_TOKEN : wordId(h)); inWord = false; }
      out[k++] = (cp);
    } else if (isWordCodePoint(cp)) {
      if (!inWord) { inWord = true; digits = true; h = FNV_OFFSET_BASIS; }
      if (cp >= 0x41 && cp <= 0x5a) cp += 0x20;
      if (cp < 0x30 || cp > 0x39) digits = false;
      // The hash is `fnv1a` of the word's lower-cased code units (a surrogate pair is two units).
      if (low < 0) h = fnv1aStep(h, cp);
      else h = fnv1aStep(fnv1aStep(h, source.charCodeAt(i - 1)), low);
    } else if (inWord) {
      out[k++] = (digits ? NUMBER_TOKEN : wordId(h));
      inWord = false;
    }
  }
  if (inWord) out[k++] = (digits ? NUMBER_TOKEN : wordId(h));
  return out.slice(0, k);
}

/** Code points of a string as an Int32Array (so astral characters count once). */
export function codePoints(text: string): Int32Array {
  const out = new Int32Array(text.length);
  let k = 0;
  for (const ch of text) out[k++] = ch.codePointAt(0)!;
  return out.subarray(0, k);
}

/**
 * A text ready for scoring: `exact` (digits width-folded) and its content tokens; the code points
 * of `exact` are computed on first use (`codesOf`), since only near-identical texts need them.
 */
export interface MatchText {
  exact: string;
  tokens: Int32Array;
  codes?: Int32Array;
}

/** Prepare `text` (plain text, inline codes already removed) for `matchScore`. */
export function prepareText(text: string): MatchText {
  return { exact: foldDigits(text), tokens: matchTokens(text) };
}

/** The code points of `m.exact` (computed once and kept on `m`). */
export function codesOf(m: MatchText): Int32Array {
  return (m.codes ??= codePoints(m.exact));
}

let rowA = new Int32Array(256);
let rowB = new Int32Array(256);

/**
 * Levenshtein distance (insert, delete, substitute, each cost 1) between two int sequences,
 * computed only inside the diagonal band of width 2·max+1 (Ukkonen 1985) with early exit:
 * returns the exact distance when it is ≤ `max`, otherwise `max + 1`. Time O(max·min(n, m)).
 */
export function boundedLevenshtein(a: ArrayLike<number>, b: ArrayLike<number>, max: number): number {
  if (a.length > b.length) [a, b] = [b, a];
  let n = a.length;
  let m = b.length;
  const big = max + 1;
  if (m - n > max) return big;
  let start = 0;
  while (start < n && a[start] === b[start]) start++;
  while (n > start && a[n - 1] === b[m - 1]) { n--; m--; }
  n -= start;
  m -= start;
  if (n === 0) return m <= max ? m : big;
  if (rowA.length < m + 2) { rowA = new Int32Array(m + 2); rowB = new Int32Array(m + 2); }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m; j++) prev[j] = j <= max ? j : big;
  if (m + 1 < prev.length) prev[m + 1] = big;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    cur[lo - 1] = lo === 1 ? (i <= max ? i : big) : big;
    let rowMin = cur[lo - 1];
    const ai = a[start + i - 1];
    for (let j = lo; j <= hi; j++) {
      let v = prev[j - 1] + (ai === b[start + j - 1] ? 0 : 1);
      const up = prev[j] + 1;
      if (up < v) v = up;
      const left = cur[j - 1] + 1;
      if (left < v) v = left;
      if (v > big) v = big;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < m) cur[hi + 1] = big;
    if (rowMin > max) return big;
    const t = prev; prev = cur; cur = t;
  }
  return prev[m] <= max ? prev[m] : big;
}

function mix(h: number, x: number): number {
  x = Math.imul(x, 0xcc9e2d51);
  x = (x << 15) | (x >>> 17);
  x = Math.imul(x, 0x1b873593);
  h ^= x;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * The n-gram keys a text is indexed (and looked up) by, as distinct int32 hashes (MurmurHash3's
 * 32-bit mixing) of the language family and the tokens: every pair of adjacent tokens of which one
 * is CJK (character bigrams, which retrieve Chinese better than word n-grams), every word token
 * except numbers (English word unigrams), and, for texts of at most 3 tokens, every token alone
 * (so that a one-character query still finds one- and two-character units).
 */
export function gramKeys(tokens: Int32Array, familyHash: number): number[] {
  return distinctKeys(tokens, familyHash, false);
}

/** Key of one token alone (a word; any token of a text of at most 3 tokens). */
function tokenKey(token: number, familyHash: number): number {
  return finish(mix(mix(familyHash, 1), token));
}

/** Key of two adjacent tokens. */
function pairKey(a: number, b: number, familyHash: number): number {
  return finish(mix(mix(mix(familyHash, 2), a), b));
}

/** `gramKeys` of `tokens`, and with `characters` the `characterKey` of each CJK token too: distinct, first occurrence first. */
function distinctKeys(tokens: Int32Array, familyHash: number, characters: boolean): number[] {
  const keys: number[] = [];
  const n = tokens.length;
  // Distinct keys, first occurrence first, through an open-addressing table reused across calls
  // (a slot is empty unless its stamp is this call's); a Set per call cost as much as the hashing.
  let size = seenKeys.length;
  if (size < 6 * n + 4) {
    while (size < 6 * n + 4) size *= 2;
    seenKeys = new Int32Array(size);
    seenStamps = new Uint32Array(size);
  }
  if (++seenStamp === 0xffffffff) { seenStamps.fill(0); seenStamp = 1; }
  const mask = size - 1;
  const add = (key: number): void => {
    for (let slot = key & mask; ; slot = (slot + 1) & mask) {
      if (seenStamps[slot] !== seenStamp) { seenStamps[slot] = seenStamp; seenKeys[slot] = key; keys.push(key); return; }
      if (seenKeys[slot] === key) return;
    }
  };
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    const cjk = t > 0;
    if ((!cjk && t !== NUMBER_TOKEN) || n <= 3) add(tokenKey(t, familyHash));
    if (i + 1 < n && (cjk || tokens[i + 1] > 0)) add(pairKey(t, tokens[i + 1], familyHash));
    if (characters && cjk) add(characterKey(t, familyHash));
  }
  return keys;
}

/**
 * The key under which the index lists every unit whose text (of the family `familyHash`) holds
 * the CJK character `codePoint`, whatever the text's length: what concordance needs for a
 * one-character term (pipeline/memory/concordance.ts). Seeded apart from `gramKeys`' keys, so
 * lookups, which never ask for it, retrieve exactly as before.
 */
export function characterKey(codePoint: number, familyHash: number): number {
  return finish(mix(mix(familyHash, 3), codePoint));
}

/**
 * The distinct keys a text is indexed under: its `gramKeys` and the `characterKey` of each of its
 * CJK characters.
 */
export function indexKeys(tokens: Int32Array, familyHash: number): number[] {
  return distinctKeys(tokens, familyHash, true);
}

/**
 * The keys under which the index surely lists a text that holds `tokens` as a run of its own
 * tokens (its `indexKeys` include them whatever else it holds): the `characterKey` of each CJK
 * character, the key of each word other than a number, and the bigram key of each adjacent pair
 * with a CJK token. Empty when `tokens` are numbers only (numbers have no key of their own).
 */
export function runKeys(tokens: Int32Array, familyHash: number): number[] {
  const keys = new Set<number>();
  const n = tokens.length;
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (t > 0) keys.add(characterKey(t, familyHash));
    else if (t !== NUMBER_TOKEN) keys.add(tokenKey(t, familyHash));
    if (i + 1 < n && (t > 0 || tokens[i + 1] > 0)) keys.add(pairKey(t, tokens[i + 1], familyHash));
  }
  return [...keys];
}

let seenKeys = new Int32Array(1024);
let seenStamps = new Uint32Array(1024);
let seenStamp = 0;
