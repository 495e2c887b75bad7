import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { alignBitext, alignDocument, alignSequences } from '../pipeline/align/index.ts';
import { checkBitext } from '../pipeline/check/check.ts';
import { parseBlocks } from '../pipeline/read/blocks.ts';
import { segmentBlocks } from '../pipeline/segment/sentences.ts';
import type { Document, Link } from '../pipeline/types.ts';
import { SHARED } from './helpers/paths.ts';

interface Case { id: string; input: Record<string, unknown> }
const cases = JSON.parse(readFileSync(`${SHARED}cases/field-reports.json`, 'utf8')) as Case[];
const input = (id: string) => cases.find((c) => c.id === id)!.input;
const shape = (links: Link[]) => links.map((l) => [l.source, l.target]);

function documentOf(markdown: string, lang: string, file: string): Document {
  const blocks = parseBlocks(markdown, file);
  return { file, lang, blocks, segments: segmentBlocks(blocks, lang) };
}

describe('FR-07: a quoted term is its own sentence', () => {
  const fr = input('FR-07') as { zhA: string[]; enA: string[]; zhB: string[]; enB: string[] };
  const units = (texts: string[]) => texts.map((text) => ({ text }));

  it('pair A: three 1-1 links, the quoted term never merged', () => {
    const links = alignSequences(units(fr.zhA), units(fr.enA));
    expect(shape(links)).toEqual([[[0], [0]], [[1], [1]], [[2], [2]]]);
  });

  it('control pair B: one 1-2 link (real merging is kept)', () => {
    const links = alignSequences(units(fr.zhB), units(fr.enB));
    expect(shape(links)).toEqual([[[0], [0, 1]]]);
  });
});

describe('FR-08: a split paragraph and an untranslated editor note', () => {
  const fr = input('FR-08') as { zhMarkdown: string; enMarkdown: string };
  const zh = documentOf(fr.zhMarkdown, 'zh-Hans', 'zh.md');
  const en = documentOf(fr.enMarkdown, 'en', 'en.md');
  const { blockLinks, segmentLinks } = alignDocument(zh, en);

  it('block links: h↔h, p1↔p1, p2↔p2+p3, note↔∅, p4↔p4', () => {
    expect(shape(blockLinks)).toEqual([
      [[0], [0]],
      [[1], [1]],
      [[2], [2, 3]],
      [[3], []],
      [[4], [4]],
    ]);
  });

  it('sentence links: p1 two 1-1, p2 one 1-2, the note 1-0, the last sentence with its translation', () => {
    const text = (doc: Document, ids: number[]) => ids.map((i) => doc.segments[i].text).join(' ');
    expect(segmentLinks[1].map((l) => [text(zh, l.source), text(en, l.target)])).toEqual([
      ['我们早上出发。', 'We set off in the morning.'],
      ['路上下起了小雨。', 'It began to drizzle on the way.'],
    ]);
    expect(segmentLinks[2].map((l) => [text(zh, l.source), text(en, l.target)])).toEqual([
      ['到达山脚后，我们休息了一会儿，然后开始爬山，一直走到中午才到山顶。', 'After reaching the foot of the mountain, we rested for a while. Then we started climbing and only reached the top at noon.'],
    ]);
    expect(segmentLinks[3].map((l) => [text(zh, l.source), l.target])).toEqual([['（本段为编者注。）', []]]);
    expect(segmentLinks[4].map((l) => [text(zh, l.source), text(en, l.target)])).toEqual([['傍晚我们回到了旅馆。', 'In the evening we returned to the inn.']]);
  });
});

describe('FR-16: a heading present only in the English', () => {
  const fr = input('FR-16') as { 'zh.md': string; 'en.md': string };
  const bitext = alignBitext('fr-16', documentOf(fr['zh.md'], 'zh-Hans', 'zh.md'), documentOf(fr['en.md'], 'en', 'en.md'));

  it('is 0-1 and no later pair moves: []:[0], [0]:[1], [1]:[2], [2]:[3]', () => {
    expect(shape(bitext.links)).toEqual([
      [[], [0]],
      [[0], [1]],
      [[1], [2]],
      [[2], [3]],
    ]);
  });

  it('check reports the heading as extra-target', () => {
    const findings = checkBitext(bitext).filter((f) => f.code === 'extra-target');
    expect(findings.map((f) => [f.link, f.targetBlocks])).toEqual([[0, [0]]]);
  });
});
