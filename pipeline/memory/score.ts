/**
 * The fuzzy-match score (0–100) and the match bands.
 *
 * Score of a query q against a stored text s (both plain text, inline codes removed):
 * - 100 when they are equal after folding full-width digits (U+FF10–U+FF19) to ASCII (FR-11);
 * - 95–99 when their content tokens are equal (see `matchTokens`: only whitespace, punctuation,
 *   width, case, numbers or inline codes differ): 100 − min(5, d) where d ≥ 1 is the Levenshtein
 *   distance in characters (code points) between the two texts;
 * - otherwise 100·(L − D)/L rounded down and capped at 94, where D is the token Levenshtein
 *   distance and L the larger token count (OmegaT's formula, here on characters for Chinese and
 *   on words for English).
 * The token distance is computed in a band of at most `MAX_SCORE_CELLS` cells (time bounded per
 * candidate whatever the lengths): exact for texts of up to 2,048 tokens; beyond that, a text
 * scores only when D ≤ MAX_SCORE_CELLS / (the shorter token count) — e.g. D ≤ 59 at 70,000
 * tokens, a score of 99 capped to 94 — and is otherwise treated as below `min`.
 * Bands follow memoQ: 101 (context match: exact, and the previous segment's exact hit precedes
 * this one in the same origin document), 100, 95–99, 85–94, 75–84, 50–74, no match.
 */
import type { MatchBand } from '../types.ts';
import { boundedLevenshtein, codesOf, type MatchText } from './text.ts';

/** Bound on the token distance band per scored pair: (2·D + 1) × shorter count stays under about twice this (some 10–20 ms). */
export const MAX_SCORE_CELLS = 1 << 22;

/** Every band, best first. */
export const BANDS: readonly MatchBand[] = ['101', '100', '95-99', '85-94', '75-84', '50-74', 'no match'];

/** The band of a score (101 only comes from pretranslation's context check). */
export function bandOf(score: number | null): MatchBand {
  if (score === null || score < 50) return 'no match';
  if (score >= 101) return '101';
  if (score >= 100) return '100';
  if (score >= 95) return '95-99';
  if (score >= 85) return '85-94';
  if (score >= 75) return '75-84';
  return '50-74';
}

/**
 * The largest token distance D for which a fuzzy score 100·(L−D)/L (rounded down) is still ≥ `min`,
 * given the larger token count `longest`; −1 when no fuzzy score can reach `min` (min > 94).
 */
export function maxFuzzyDistance(longest: number, min: number): number {
  if (min > 94) return -1;
  if (min <= 0) return longest;
  return longest - Math.ceil((min * longest) / 100);
}

/**
 * Score `s` against the query `q` (module comment). Returns the score in 0–100, or −1 as soon as
 * it is certain to be below `min` (so a caller scanning many units can skip them cheaply) or when
 * two long texts differ by more than the `MAX_SCORE_CELLS` band allows.
 */
export function matchScore(q: MatchText, s: MatchText, min = 0): number {
  if (q.exact === s.exact) return 100;
  const longest = Math.max(q.tokens.length, s.tokens.length);
  if (longest === 0) {
    const d = boundedLevenshtein(codesOf(q), codesOf(s), 5);
    const score = 100 - Math.max(1, Math.min(5, d));
    return score >= min ? score : -1;
  }
  const shortest = Math.max(1, Math.min(q.tokens.length, s.tokens.length));
  const allowed = Math.min(Math.max(0, maxFuzzyDistance(longest, min)), Math.floor(MAX_SCORE_CELLS / shortest));
  const d = boundedLevenshtein(q.tokens, s.tokens, allowed);
  if (d === 0) {
    const raw = boundedLevenshtein(codesOf(q), codesOf(s), 5);
    const score = 100 - Math.max(1, Math.min(5, raw));
    return score >= min ? score : -1;
  }
  if (d > allowed || min > 94) return -1;
  const score = Math.min(94, Math.floor((100 * (longest - d)) / longest));
  return score >= min ? score : -1;
}
