/**
 * Image-only paragraphs (issue 9; docs-dev antd-cases has nine): read as `image` blocks named by
 * their alt text, linked across languages by the identity of their URLs, shown in the edition,
 * kept out of the translation memory.
 */
import { describe, expect, it } from 'vitest';
import { parseBlocks } from '../pipeline/read/index.ts';
import { segmentBlocks } from '../pipeline/segment/index.ts';
import { alignBitext } from '../pipeline/align/index.ts';
import { draftMarkdown, unitsFromBitext } from '../pipeline/memory/index.ts';
import { renderEdition } from '../pipeline/publish/index.ts';
import { checkBitext } from '../pipeline/check/index.ts';
import type { Document } from '../pipeline/types.ts';

const A = 'https://example.org/a.png';
const B = 'https://example.org/b.png';

function doc(file: string, markdown: string, lang: 'zh-Hans' | 'en'): Document {
  const blocks = parseBlocks(markdown, file);
  return { file, lang, blocks, segments: segmentBlocks(blocks, lang) };
}

describe('read: an image alone in a paragraph is an image block', () => {
  it('text is the alt text, src the URL; a linked image counts; no alt gives the URL as text', () => {
    const blocks = parseBlocks(`![蚂蚁金融科技](${A})\n\n[![Ant Design Pro](${B})](https://pro.example.org)\n\n![](${A}) ![](${B})\n`);
    expect(blocks.map((b) => [b.kind, b.text, b.src])).toEqual([
      ['image', '蚂蚁金融科技', A],
      ['image', 'Ant Design Pro', B],
      ['image', `${A} ${B}`, `${A} ${B}`],
    ]);
    expect(blocks[0].position).toMatchObject({ line: 1, endLine: 1 });
  });
  it('an image beside text stays in its paragraph; an image in a list item is no image block', () => {
    const blocks = parseBlocks(`See ![a](${A}) here.\n\n- ![b](${B})\n`);
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([['paragraph', 'See  here.']]);
  });
  it('an image block is one segment holding its alt text', () => {
    const blocks = parseBlocks(`![阿里云流计算](${A})\n`);
    expect(segmentBlocks(blocks, 'zh-Hans').map((s) => s.text)).toEqual(['阿里云流计算']);
  });
});

describe('align: images link by URL', () => {
  // Worked out by hand: the Chinese image A has no English counterpart (the translator dropped it);
  // image B is the same picture on both sides under a translated alt text.
  const zh = doc('zh.md', `# 案例\n\n这是第一个产品，服务很多金融机构。\n\n![第一个产品](${A})\n\n这是第二个产品，用于数据分析。\n\n![第二个产品](${B})\n`, 'zh-Hans');
  const en = doc('en.md', `# Cases\n\nThis is the first product, serving many financial institutions.\n\nThis is the second product, used for data analysis.\n\n![The second product](${B})\n`, 'en');
  const bitext = alignBitext('cases', zh, en);

  it('the dropped image is 1-0, the shared one 1-1', () => {
    expect(bitext.links.map((l) => [l.source, l.target])).toEqual([
      [[0], [0]],
      [[1], [1]],
      [[2], []],
      [[3], [2]],
      [[4], [3]],
    ]);
  });

  it('the memory gets no unit from an image link', () => {
    const units = unitsFromBitext(bitext, '2026-12-02T00:00:00Z');
    expect(units.map((u) => u.origin?.link)).toEqual(['b0', 'b0s0', 'b1', 'b1s0', 'b3', 'b3s0']);
    expect(units.some((u) => u.source.includes('第二个产品') && !u.source.includes('这是'))).toBe(false);
  });

  it('the pretranslation draft keeps an image as the source has it, alt text untranslated', () => {
    const pieces = [{ block: zh.blocks[2].index, start: 0, end: 5, source: '第一个产品', target: null, score: null }];
    expect(draftMarkdown(zh, pieces, 'en')).toBe(`![第一个产品](${A})\n`);
  });

  it('the edition shows the image, its alt text labelling it, inside the linked sentence', () => {
    const html = renderEdition(bitext, { uiLang: 'en' });
    // The edition loads nothing from the network (pipeline/publish/markup.ts): an image is a link to it.
    expect(html).toContain(`<a href="${B}">The second product</a>`);
    expect(html).toMatch(new RegExp(`data-link="b4s0"[^>]*><a href="${B.replaceAll('.', '\\.')}">第二个产品</a>`));
  });

  it('check reports nothing on image links, and no English block as a copy of an alt text', () => {
    // The English heading is written as the Chinese image's alt text, which is no Chinese text of the page.
    const alt = 'Ant Design Pro';
    const pair = alignBitext('pro', doc('zh.md', `# 产品\n\n![${alt}](${B})\n\n这是第二个产品，用于数据分析。\n`, 'zh-Hans'), doc('en.md', `# ${alt}\n\n![${alt}](${B})\n\nThis is the second product, used for data analysis.\n`, 'en'));
    expect(pair.links.map((l) => [l.source, l.target])).toEqual([[[0], [0]], [[1], [1]], [[2], [2]]]);
    const findings = checkBitext(pair);
    expect(findings.filter((f) => f.code === 'untranslated-copy')).toEqual([]);
    expect(findings.filter((f) => f.link === 1)).toEqual([]);
    expect(checkBitext(bitext).filter((f) => f.link === 2 || f.link === 4)).toEqual([]);
  });
});
