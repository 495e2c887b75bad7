import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { alignSequences } from '../pipeline/align/index.ts';
import { scoreAlignments } from '../pipeline/align/eval.ts';
import { parseAlign } from '../pipeline/align/formats.ts';
import { CORPUS } from './helpers/paths.ts';

/** MAC-dev strict F1 reached by this aligner (`npm run bench`), and the allowed regression. */
const REACHED = 0.905;
const TOLERANCE = 0.01;

const dir = `${CORPUS}mac-dev/`;
const lines = (file: string) => readFileSync(dir + file, 'utf8').split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');

describe('MAC-dev regression (real literary Chinese–English, hand-aligned gold)', () => {
  it(`strict F1 ≥ ${REACHED} − ${TOLERANCE}, lax F1 ≥ 0.98, every sentence covered once`, () => {
    const docs = readdirSync(dir + 'gold').filter((f) => f.endsWith('.align')).map((f) => f.slice(0, -6)).sort();
    expect(docs).toHaveLength(6);
    const results = docs.map((d) => {
      const zh = lines(`zh/${d}`);
      const en = lines(`en/${d}`);
      const test = alignSequences(zh.map((text) => ({ text })), en.map((text) => ({ text })));
      expect(test.flatMap((l) => l.source)).toEqual(zh.map((_, i) => i));
      expect(test.flatMap((l) => l.target)).toEqual(en.map((_, i) => i));
      return { gold: parseAlign(readFileSync(`${dir}gold/${d}.align`, 'utf8')), test };
    });
    const r = scoreAlignments(results);
    expect(r.strict.f1).toBeGreaterThanOrEqual(REACHED - TOLERANCE);
    expect(r.lax.f1).toBeGreaterThanOrEqual(0.98);
  });
});
