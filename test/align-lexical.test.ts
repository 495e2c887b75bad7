import { describe, expect, it } from 'vitest';
import type { UnitFeatures } from '../pipeline/align/features.ts';
import { spanSimilarity } from '../pipeline/align/lexical.ts';
import { fullBand } from '../pipeline/align/search.ts';

/** A unit whose item k has the stems `items[k]` (ids chosen by the test). */
function unit(items: number[][]): UnitFeatures {
  const start = new Int32Array(items.length + 1);
  items.forEach((stems, k) => (start[k + 1] = start[k] + stems.length));
  return { length: items.length, start, stems: Int32Array.from(items.flat()), types: Int32Array.from(items, (_, k) => k), questions: 0, exclamations: 0, closesQuote: false };
}

describe('span similarity: the match masks', () => {
  // Stems: 1 "A", 2 "B", 3 "C", 4 and 5 two glosses of one Chinese word, 9 a word of no match.
  const zh = [unit([[1], [2], [1], [3], [4, 5], [1]])];
  const en = [unit([[1], [1], [2], [1], [5], [5], [9]]), unit([[3]])];
  const scores = spanSimilarity(zh, en, fullBand(1, 2), 1, 2);

  it('a stem repeated on both sides marks every item holding it (the zh items once per pair)', () => {
    // zh items matched by en unit 0: A, B, A, the 4/5 word, A — all but C: 5 of 6.
    expect(scores.unitShare(true, 0, 0, 1)).toBeCloseTo(5 / 6);
    // en unit 0's items matched by the zh unit: all but 9, 6 of 7.
    expect(scores.unitShare(false, 0, 0, 1)).toBeCloseTo(6 / 7);
    // Against en unit 1 alone only C: 1 of 6; against both en units all 6.
    expect(scores.unitShare(true, 0, 1, 1)).toBeCloseTo(1 / 6);
    expect(scores.unitShare(true, 0, 0, 2)).toBeCloseTo(1);
  });

  it('a link scores the mean share of its units', () => {
    expect(scores.plain(0, 1, 0, 1)).toBeCloseTo((5 / 6 + 6 / 7) / 2);
    expect(scores.plain(0, 1, 0, 2)).toBeCloseTo((1 + 6 / 7 + 1) / 3);
  });
});
