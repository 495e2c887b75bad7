import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alignDocument } from '../pipeline/align/index.ts';
import { loadDocument } from '../pipeline/segment/index.ts';

// Sentence k of one side translates sentence k of the other (three templates, each holding the
// number k on both sides), so the right links are k ↔ k, 1-1, by construction.
const COUNT = 600;
const zhSentence = (k: number) => [`第${k}天，我们在河边看到了${k}只鸟。`, `下雨了，${k}个孩子留在家里读书。`, `我们一共走了${k}公里。`][k % 3];
const enSentence = (k: number) => [`On day ${k} we saw ${k} birds by the river.`, `It rained, and ${k} children stayed at home to read.`, `We walked ${k} kilometres in all.`][k % 3];
const numbers = Array.from({ length: COUNT }, (_, k) => k + 1);

const dir = mkdtempSync(join(tmpdir(), 'bitext-long-paragraph-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Sentence links (source ids, target ids) of the pair written to `name`, the Chinese sentences joined by `zhJoin`, the English by `enJoin`. */
function sentenceLinks(name: string, zhJoin: string, enJoin: string): [number[], number[]][] {
  mkdirSync(join(dir, name));
  const zh = join(dir, name, 'zh.md');
  const en = join(dir, name, 'en.md');
  writeFileSync(zh, `${numbers.map(zhSentence).join(zhJoin)}\n`);
  writeFileSync(en, `${numbers.map(enSentence).join(enJoin)}\n`);
  const { segmentLinks } = alignDocument(loadDocument(zh), loadDocument(en));
  return segmentLinks.flat().map((l) => [l.source, l.target]);
}

describe('one long paragraph a side', () => {
  // 600 × 600 sentences is over the 250,000 cells searched exhaustively (pipeline/align/align.ts),
  // so the sentence search inside the one block link runs in a band around a coarser path.
  const expected = numbers.map((_, k): [number[], number[]] => [[k], [k]]);

  it('links every sentence 1-1 with its translation, as when each sentence is its own paragraph', () => {
    const paragraphed = sentenceLinks('paragraphs', '\n\n', '\n\n');
    const one = sentenceLinks('one', '', ' ');
    expect(paragraphed).toEqual(expected);
    expect(one).toEqual(expected);
  });
});
