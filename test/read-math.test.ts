/**
 * Math (issue 10 item 2): `$$…$$` read by remark-math as source — a display block is a code block
 * of `codeLang` `math`, shown as `<code class="math">`, never a translation-memory text; `$…$` is
 * not math, so the ECharts handbook's `${optionPath}` template links stay links.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Nodes } from 'mdast';
import { MATH, parseBlocks } from '../pipeline/read/blocks.ts';
import { segmentBlocks } from '../pipeline/segment/sentences.ts';
import { alignBitext } from '../pipeline/align/index.ts';
import { renderEdition } from '../pipeline/publish/index.ts';
import { unitsFromBitext } from '../pipeline/memory/index.ts';
import type { LanguageTag } from '../pipeline/types.ts';
import { CORPUS } from './helpers/paths.ts';

const documentOf = (markdown: string, lang: LanguageTag) => {
  const blocks = parseBlocks(markdown);
  return { file: 'doc', lang, blocks, segments: segmentBlocks(blocks, lang) };
};

const ZH = '# 质能\n\n质能方程如下：\n\n$$\nE = mc^2\n$$\n\n其中 $$c$$ 是光速。\n';
const EN = '# Mass and energy\n\nThe mass–energy equation is:\n\n$$\nE = mc^2\n$$\n\nwhere $$c$$ is the speed of light.\n';

describe('math', () => {
  it('reads display math as a math code block and inline $$…$$ as its source', () => {
    const blocks = parseBlocks(ZH);
    expect(blocks.map((b) => [b.kind, b.codeLang, b.text])).toEqual([
      ['heading', undefined, '质能'],
      ['paragraph', undefined, '质能方程如下：'],
      ['code', MATH, 'E = mc^2'],
      ['paragraph', undefined, '其中 c 是光速。'],
    ]);
  });

  it('shows math as source in <code class="math"> and keeps it out of the translation memory', () => {
    const bitext = alignBitext('doc', documentOf(ZH, 'zh-Hans'), documentOf(EN, 'en'));
    expect(bitext.links.map((l) => [l.source, l.target])).toEqual([[[0], [0]], [[1], [1]], [[2], [2]], [[3], [3]]]);
    const html = renderEdition(bitext, { uiLang: 'en' });
    // The math block is one sentence: its source inside its sentence span.
    expect(html).toMatch(/<pre><code class="language-math math"><span class="s"[^>]*>E = mc\^2<\/span><\/code><\/pre>/);
    expect(html).toContain('<code class="math">c</code>');
    const units = unitsFromBitext(bitext, '2026-01-01T00:00:00Z');
    expect(units.some((u) => u.source.includes('mc^2') || u.target.includes('mc^2'))).toBe(false);
    expect(units.map((u) => u.origin?.link)).not.toContain('b2');
  });

  it('reads the ECharts handbook `$` as text: every ${…} template link stays a link, no math', () => {
    for (const name of ['echarts-dataset', 'echarts-event']) {
      for (const side of ['zh', 'en']) {
        const markdown = readFileSync(`${CORPUS}docs-dev/${name}/${side}.md`, 'utf8');
        const urls: string[] = [];
        let math = 0;
        const walk = (node: Nodes) => {
          if (node.type === 'link' && node.url.startsWith('${')) urls.push(node.url);
          if (node.type === 'inlineMath' || node.type === 'math') math++;
          if ('children' in node) for (const child of node.children) walk(child);
        };
        const blocks = parseBlocks(markdown);
        for (const block of blocks) for (const node of block.mdast) walk(node);
        expect(math).toBe(0);
        expect(blocks.some((b) => b.codeLang === MATH)).toBe(false);
        // Every `](${` link target of the file outside fenced code.
        const expected = markdown.replace(/```[\s\S]*?```/g, '').split('](${').length - 1;
        expect(urls.length).toBe(expected);
        expect(expected).toBeGreaterThan(0);
      }
    }
  });
});
