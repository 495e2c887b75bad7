import { describe, expect, it } from 'vitest';
import { errorType, strictErrors } from '../pipeline/align/eval.ts';
import { parseAlign } from '../pipeline/align/formats.ts';

describe('strict errors by link size', () => {
  it('lists the test links not in the gold with the gold links sharing a unit, worked by hand', () => {
    const gold = parseAlign('[0]:[0]\n[1]:[1,2]\n[2]:[]\n[3,4]:[3]\n');
    const test = parseAlign('[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[]\n[3]:[3]\n[4]:[]\n[5]:[]\n');
    const errors = strictErrors(gold, test);
    // [0]:[0] and [2]:[] are gold links; [1]:[1] and []:[2] split the gold 1-2; [3]:[3] and [4]:[] split the gold 2-1; zh 5 is in no gold link.
    expect(errors.map((e) => [e.test.source, e.test.target, e.gold.map((g) => [g.source, g.target])])).toEqual([
      [[1], [1], [[[1], [1, 2]]]],
      [[], [2], [[[1], [1, 2]]]],
      [[3], [3], [[[3, 4], [3]]]],
      [[4], [], [[[3, 4], [3]]]],
      [[5], [], []],
    ]);
    expect(errors.map(errorType)).toEqual(['test 1-1 vs gold 1-2', 'test 0-1 vs gold 1-2', 'test 1-1 vs gold 2-1', 'test 1-0 vs gold 2-1', 'test 1-0 vs gold none']);
  });

  it('a 2-2 where the gold has 1-1 + 1-1 is one error against both gold links', () => {
    const errors = strictErrors(parseAlign('[0]:[0]\n[1]:[1]\n'), parseAlign('[0,1]:[0,1]\n'));
    expect(errors.map(errorType)).toEqual(['test 2-2 vs gold 1-1+1-1']);
  });
});
