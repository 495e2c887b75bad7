import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { scoreAlignments } from '../pipeline/align/eval.ts';
import { parseAlign } from '../pipeline/align/formats.ts';
import { bitext } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';

// Hand-made example, scored by hand following ../shared/README.md (Sennrich & Volk 2011).
const GOLD_A = '[0]:[0]\n[1]:[1,2]\n[2]:[]\n[3,4]:[3]\n';
const TEST_A = '[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[]\n[3]:[3]\n[4]:[]\n';
const GOLD_B = '[0]:[0]\n';
const TEST_B = '[0]:[0]\n';

describe('eval metric on hand-computed examples', () => {
  it('one document: strict P 2/6, R 1/3; lax P 4/6, R 3/3', () => {
    const r = scoreAlignments([{ gold: parseAlign(GOLD_A), test: parseAlign(TEST_A) }]);
    // Precision over the 6 test links: strict hits [0]:[0] and [2]:[] (identical gold links);
    // lax adds [1]:[1] (zh 1 is gold-linked to en 1) and [3]:[3]; []:[2] and [4]:[] are misses.
    expect(r.counts).toEqual({ testLinks: 6, strictTestMatches: 2, laxTestMatches: 4, goldLinks: 3, strictGoldMatches: 1, laxGoldMatches: 3 });
    expect(r.strict.precision).toBeCloseTo(2 / 6, 10);
    expect(r.strict.recall).toBeCloseTo(1 / 3, 10);
    expect(r.strict.f1).toBeCloseTo(1 / 3, 10);
    expect(r.lax.precision).toBeCloseTo(4 / 6, 10);
    expect(r.lax.recall).toBeCloseTo(1, 10);
    expect(r.lax.f1).toBeCloseTo(0.8, 10);
  });

  it('is micro-averaged over documents (counts summed before dividing)', () => {
    const r = scoreAlignments([
      { gold: parseAlign(GOLD_A), test: parseAlign(TEST_A) },
      { gold: parseAlign(GOLD_B), test: parseAlign(TEST_B) },
    ]);
    expect(r.strict.precision).toBeCloseTo(3 / 7, 10);
    expect(r.strict.recall).toBeCloseTo(2 / 4, 10);
    expect(r.strict.f1).toBeCloseTo(6 / 13, 10);
  });

  it('a perfect alignment scores 1; recall ignores 1-0 and 0-1 links on both sides', () => {
    const gold = parseAlign('[0]:[0,1]\n[1]:[]\n[]:[2]\n[2,3]:[3]\n');
    expect(scoreAlignments([{ gold, test: gold }]).strict).toEqual({ precision: 1, recall: 1, f1: 1 });
    const withoutDeletions = parseAlign('[0]:[0,1]\n[2,3]:[3]\n');
    const r = scoreAlignments([{ gold, test: withoutDeletions }]);
    expect(r.strict.recall).toBe(1);
    expect(r.strict.precision).toBe(1);
  });

  it('an empty test alignment scores 0, not NaN', () => {
    const r = scoreAlignments([{ gold: parseAlign(GOLD_B), test: [] }]);
    expect(r.strict).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('bitext eval (command line)', () => {
  const dir = fixture({ 'gold/001.align': GOLD_A, 'test/001.align': TEST_A, 'gold/002.align': GOLD_B, 'test/002.align': TEST_B });

  it('--json prints the micro-averaged scores', async () => {
    const { code, stdout } = await bitext(['eval', '--gold', join(dir, 'gold'), '--test', join(dir, 'test'), '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.files).toEqual(['001.align', '002.align']);
    expect(r.strict.f1).toBeCloseTo(6 / 13, 10);
    expect(r.lax.precision).toBeCloseTo(5 / 7, 10);
  });

  it('a missing test file is exit 2 naming the file', async () => {
    const other = fixture({ '001.align': TEST_A });
    const { code, stderr } = await bitext(['eval', '--gold', join(dir, 'gold'), '--test', other]);
    expect(code).toBe(2);
    expect(stderr).toContain(join(other, '002.align'));
  });

  it('a malformed line is exit 2 naming file and line', async () => {
    const bad = fixture({ '001.align': '[0]:[0]\n0:0\n', '002.align': TEST_B });
    const { code, stderr } = await bitext(['eval', '--gold', join(dir, 'gold'), '--test', bad]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${join(bad, '001.align')}:2`);
  });
});
