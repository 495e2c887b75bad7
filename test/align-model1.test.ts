import { describe, expect, it } from 'vitest';
import type { UnitFeatures } from '../pipeline/align/features.ts';
import { learnTranslations } from '../pipeline/align/model1.ts';
import type { PathLink } from '../pipeline/align/search.ts';

/** A unit whose items have the given types, each item one stem equal to its type (stems are not read by Model 1). */
function unit(types: number[]): UnitFeatures {
  return {
    length: types.length,
    start: Int32Array.from({ length: types.length + 1 }, (_, k) => k),
    stems: Int32Array.from(types),
    types: Int32Array.from(types),
    questions: 0,
    exclamations: 0,
    closesQuote: false,
  };
}

const oneToOne = (n: number): PathLink[] => Array.from({ length: n }, (_, k) => ({ i: k, a: 1, j: k, b: 1, cost: 0 }));

describe('Model 1 word pairs', () => {
  // Three Chinese words 10, 20, 30 and three English stems 1, 2, 3, each pair together in two of
  // three links: (10 20 | 1 2), (10 30 | 1 3), (20 30 | 2 3). After the first EM iteration from
  // uniform t, word 10 has counts 1/3 + 1/3 for stem 1 and 1/3 each for stems 2 and 3, so
  // t(1 | 10) = (2/3) / (4/3) = 0.5 and t(2 | 10) = t(3 | 10) = 0.25; later iterations sharpen it.
  const zh = [unit([10, 20]), unit([10, 30]), unit([20, 30])];
  const en = [unit([1, 2]), unit([1, 3]), unit([2, 3])];

  it('learns each word\'s translation and no other pair over the threshold', () => {
    const learned = learnTranslations(zh, en, oneToOne(3));
    expect(new Map([...learned].map(([z, e]) => [z, [...e].sort()]))).toEqual(new Map([[10, [1]], [20, [2]], [30, [3]]]));
  });

  it('learns nothing for a word in fewer links than minCount, and at one iteration t(1 | 10) = 0.5 passes 0.45 but not 0.55', () => {
    expect(learnTranslations(zh, en, oneToOne(3), { minCount: 3 }).size).toBe(0);
    expect(learnTranslations(zh, en, oneToOne(3), { iterations: 1, threshold: 0.45 }).get(10)).toEqual([1]);
    expect(learnTranslations(zh, en, oneToOne(3), { iterations: 1, threshold: 0.55 }).get(10)).toBeUndefined();
  });

  it('trains on links with both sides only, and counts a word repeated in one link once', () => {
    // A fourth link (10 10 | 1) makes three links holding 10; a 1-0 link holding 10 adds none.
    const path = [...oneToOne(4), { i: 4, a: 1, j: 4, b: 0, cost: 0 }];
    const zh4 = [...zh, unit([10, 10]), unit([10])];
    const en4 = [...en, unit([1])];
    expect(learnTranslations(zh4, en4, path, { minCount: 3 })).toEqual(new Map([[10, [1]]]));
    expect(learnTranslations(zh4, en4, path, { minCount: 4 }).size).toBe(0);
  });
});
