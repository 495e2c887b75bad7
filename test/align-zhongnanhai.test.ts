import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { alignDocument } from '../pipeline/align/index.ts';
import { loadDocument } from '../pipeline/segment/sentences.ts';
import { formatAlign, parseAlign } from '../pipeline/align/formats.ts';
import { CORPUS } from './helpers/paths.ts';

const dir = `${CORPUS}zhongnanhai/`;

describe('block alignment of the Zhongnanhai article (real pair, hand-made gold)', () => {
  const zh = loadDocument(dir + 'zh.md');
  const en = loadDocument(dir + 'en.md');
  const result = alignDocument(zh, en);
  const gold = readFileSync(dir + 'gold.paragraphs.align', 'utf8');

  it('block links equal gold.paragraphs.align exactly', () => {
    expect(formatAlign(result.blockLinks)).toBe(gold);
  });

  it('covers the gold shapes: one 1-2 split, one 2-1 merge and one untranslated zh block', () => {
    const links = parseAlign(gold);
    expect(result.blockLinks.map((l) => [l.source, l.target])).toEqual(links.map((l) => [l.source, l.target]));
    expect(result.blockLinks.find((l) => l.source.length === 1 && l.source[0] === 11)?.target).toEqual([]);
  });

  it('sentence links cover every segment once, in order, inside their block link', () => {
    expect(result.segmentLinks).toHaveLength(result.blockLinks.length);
    const zhSeen = result.segmentLinks.flat().flatMap((l) => l.source);
    const enSeen = result.segmentLinks.flat().flatMap((l) => l.target);
    expect(zhSeen).toEqual(zh.segments.map((s) => s.index));
    expect(enSeen).toEqual(en.segments.map((s) => s.index));
    result.segmentLinks.forEach((links, k) => {
      for (const l of links) {
        for (const s of l.source) expect(result.blockLinks[k].source).toContain(zh.segments[s].block);
        for (const s of l.target) expect(result.blockLinks[k].target).toContain(en.segments[s].block);
      }
    });
    // The untranslated block's sentences are 1-0 links.
    const untranslated = result.blockLinks.findIndex((l) => l.target.length === 0);
    expect(result.segmentLinks[untranslated].every((l) => l.target.length === 0 && l.source.length === 1)).toBe(true);
  });

  it('scores are in [0, 1], 0 for the 1-0 link', () => {
    for (const l of [...result.blockLinks, ...result.segmentLinks.flat()]) {
      expect(l.score).toBeGreaterThanOrEqual(0);
      expect(l.score).toBeLessThanOrEqual(1);
    }
    expect(result.blockLinks[11].score).toBe(0);
  });
});
