import { describe, expect, it } from 'vitest';
import { fullBand, searchPath, type LinkCost } from '../pipeline/align/search.ts';
import { lengthCost, lengthCostTable, linkTypes } from '../pipeline/align/scorer.ts';
import { createVocabulary, englishFeatures, mergePairs } from '../pipeline/align/features.ts';
import { loadLexicon } from '../pipeline/align/lexicon/cedict.ts';

describe('search with cost limits', () => {
  // A fixed, irregular cost landscape (a linear congruential sequence), so many link types compete.
  const exact: LinkCost = (i, a, j, b) => ((((i * 31 + j * 17 + a * 7 + b * 3) * 1103515245 + 12345) >>> 8) % 1000) / 100 + a + b;

  it('a cost function that stops early at the limit finds the same path as the exact one', () => {
    let stopped = 0;
    const early: LinkCost = (i, a, j, b, limit) => {
      const c = exact(i, a, j, b, Infinity);
      if (c >= limit) {
        stopped++;
        return limit + 1000;
      }
      return c;
    };
    const types = linkTypes(3, 4);
    const withExact = searchPath(40, 30, fullBand(40, 30), types, exact);
    const withEarly = searchPath(40, 30, fullBand(40, 30), types, early);
    expect(withEarly).toEqual(withExact);
    expect(stopped).toBeGreaterThan(0);
  });
});

describe('length cost table', () => {
  it('stays within 1e-4 of −ln(2·(1 − Φ(|δ|))) and is exact at grid points and from |δ| = 7 on', () => {
    for (let d = -9; d <= 9; d += 0.0137) expect(Math.abs(lengthCostTable(d) - lengthCost(d))).toBeLessThan(1e-4);
    expect(lengthCostTable(1.5)).toBe(lengthCost(1.5));
    expect(lengthCostTable(12)).toBe(lengthCost(12));
  });
});

describe('coarse units', () => {
  it('two units merge into one with one item per word type, lengths and marks added', () => {
    const vocabulary = createVocabulary(loadLexicon());
    const units = englishFeatures(['God said, Let there be light?', 'And God saw the light!', 'Evening.'], vocabulary);
    const [pair, last] = mergePairs(units);
    // god, say, let, light + god, see, light → god, say, let, light, see.
    expect(Array.from(pair.types)).toEqual(['god', 'say', 'let', 'light', 'see'].map((w) => vocabulary.wordId(w)));
    expect(pair.length).toBe(units[0].length + units[1].length);
    expect([pair.questions, pair.exclamations]).toEqual([1, 1]);
    expect(last).toBe(units[2]);
  });
});
