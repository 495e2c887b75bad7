/**
 * The Markdown document model in the edition (issue 10, item 1), on the real documents of
 * ../shared/corpus/docs-dev read in place, each page laid out by its gold block links: code blocks
 * keep their line breaks and language class, ordered lists are `<ol>` with their numbers, GFM
 * tables are `<table>` with a header row, heading `{#id}`s are ids, `:::` containers notes (`role="note"`), and no
 * Markdown syntax (`{#id}`, `:::`, front matter) shows as text. What each page should hold is worked
 * out from the Markdown source by line patterns, independently of the reader; FR-20 and FR-21 of
 * ../shared/cases/field-reports.md for unique ids and unconverted code.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'parse5';
import { elements, attr, text, type Element } from './helpers/html.ts';
import { parseBlocks } from '../pipeline/read/blocks.ts';
import { segmentBlocks } from '../pipeline/segment/sentences.ts';
import { renderEdition } from '../pipeline/publish/index.ts';
import type { Bitext, Block, BlockId, Document, LanguageTag, Link, SentenceId } from '../pipeline/types.ts';
import { parseGold, resolveGold } from '../bench/docs-gold.ts';
import { fieldReport } from './helpers/field-reports.ts';
import { CORPUS } from './helpers/paths.ts';

const classes = (el: Element) => (attr(el, 'class') ?? '').split(/\s+/);
const childElements = (el: Element) => el.childNodes.filter((c): c is Element => 'tagName' in c);

/** A document of `markdown` whose sentences are all in one list, as `renderEdition` wants it. */
function documentOf(markdown: string, lang: LanguageTag): Document {
  const blocks = parseBlocks(markdown);
  return { file: 'doc', lang, blocks, segments: segmentBlocks(blocks, lang) };
}

/** A bitext of two documents with the given block links; sentence links pair sentences in order. */
function bitextOf(source: Document, target: Document, blockLinks: { source: number[]; target: number[] }[]): Bitext {
  const sentencesOf = (doc: Document, blocks: number[]) => doc.segments.filter((x) => blocks.includes(x.block)).map((x) => x.index);
  return {
    doc: 'doc',
    source,
    target,
    links: blockLinks.map((l) => {
      const s = sentencesOf(source, l.source);
      const t = sentencesOf(target, l.target);
      const sentences = Array.from({ length: Math.max(s.length, t.length) }, (_, i) => ({
        source: (s[i] === undefined ? [] : [s[i]]) as SentenceId[],
        target: (t[i] === undefined ? [] : [t[i]]) as SentenceId[],
        score: 0.9,
      }));
      return { ...(l as unknown as Link<BlockId>), score: 0.9, sentences };
    }),
  };
}

/** The edition of a docs-dev pair laid out by its gold links, blocks no gold name resolves to each alone in a row. */
function docsDevPage(name: string): { html: string; zh: string; en: string } {
  const zh = readFileSync(`${CORPUS}docs-dev/${name}/zh.md`, 'utf8');
  const en = readFileSync(`${CORPUS}docs-dev/${name}/en.md`, 'utf8');
  const source = documentOf(zh, 'zh-Hans');
  const target = documentOf(en, 'en');
  const texts = (blocks: Block[]) => blocks.map((b) => b.text);
  const gold = resolveGold(parseGold(readFileSync(`${CORPUS}docs-dev/${name}/gold.json`, 'utf8')), texts(source.blocks), texts(target.blocks));
  const links = gold.map((l) => ({ source: l.zh.filter((i): i is number => i !== null), target: l.en.filter((i): i is number => i !== null) }));
  const seen = { source: new Set(links.flatMap((l) => l.source)), target: new Set(links.flatMap((l) => l.target)) };
  source.blocks.forEach((_, i) => seen.source.has(i) || links.push({ source: [i], target: [] }));
  target.blocks.forEach((_, i) => seen.target.has(i) || links.push({ source: [], target: [i] }));
  return { html: renderEdition(bitextOf(source, target, links), { uiLang: 'en' }), zh, en };
}

/** The Markdown's body lines: front matter (a leading `---` … `---`) left out. */
const bodyLines = (markdown: string): string[] => markdown.replace(/^---\n[\s\S]*?\n---\n/, '').split('\n');

/** The fenced code blocks of a Markdown text, by line scanning: their content (lines joined by "\n") and info string's first word. */
function fencedCode(markdown: string): { code: string; lang: string }[] {
  const out: { code: string; lang: string }[] = [];
  let open: { fence: string; lang: string; lines: string[] } | undefined;
  for (const line of bodyLines(markdown)) {
    if (open) {
      if (line.trim() === open.fence) {
        out.push({ code: open.lines.join('\n'), lang: open.lang });
        open = undefined;
      } else open.lines.push(line);
    } else {
      const m = /^(```+)\s*([^\s`]*)/.exec(line);
      if (m) open = { fence: m[1], lang: m[2], lines: [] };
    }
  }
  return out;
}

/** The cells of one side of the page (`src` or `tgt`). */
const sideCells = (all: Element[], side: 'src' | 'tgt') => all.filter((e) => classes(e).includes('cell') && classes(e).includes(side));
const within = (cells: Element[], tag: string) => cells.flatMap((c) => elements(c).filter((e) => e.tagName === tag));

const DOCS = ['antd-cases', 'antd-colors', 'antd-icon', 'antd-introduce', 'antd-research-exception', 'echarts-dataset', 'echarts-event', 'echarts-import'];

describe.each(DOCS)('docs-dev %s in the edition', (name) => {
  const page = docsDevPage(name);
  const all = elements(parse(page.html));
  const sides = [
    { side: 'src' as const, markdown: page.zh },
    { side: 'tgt' as const, markdown: page.en },
  ];

  it('every fenced code block is a <pre><code> with its line breaks and language class', () => {
    for (const { side, markdown } of sides) {
      const expected = fencedCode(markdown);
      const codes = within(sideCells(all, side), 'pre').map((pre) => childElements(pre)[0]);
      expect(codes.every((c) => c.tagName === 'code')).toBe(true);
      // Code is one sentence, trimmed of surrounding white space; its inner line breaks are kept.
      expect(codes.map((c) => text(c)).sort()).toEqual(expected.map((e) => e.code.trim()).sort());
      expect(codes.map((c) => attr(c, 'class') ?? '').sort()).toEqual(expected.map((e) => (e.lang ? `language-${e.lang}` : '')).sort());
    }
  });

  it('every ordered list item is an <li> of an <ol> numbered as in the source', () => {
    for (const { side, markdown } of sides) {
      const expected = bodyLines(markdown).flatMap((l) => (/^(\d+)\. /.exec(l) ? [Number(/^(\d+)\. /.exec(l)![1])] : []));
      const numbers = within(sideCells(all, side), 'ol').flatMap((ol) => childElements(ol).map((_, i) => Number(attr(ol, 'start') ?? 1) + i));
      expect(numbers.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    }
  });

  it('every GFM table row is a <tr>, header rows <th> in <thead>', () => {
    for (const { side, markdown } of sides) {
      const lines = bodyLines(markdown);
      const delimiter = (l: string | undefined) => l !== undefined && /^\|[\s:|-]+\|\s*$/.test(l);
      const rows = lines.filter((l) => l.startsWith('|') && !delimiter(l));
      const headers = lines.filter((l, i) => l.startsWith('|') && delimiter(lines[i + 1]));
      const cells = sideCells(all, side);
      expect(within(cells, 'tr')).toHaveLength(rows.length);
      expect(within(cells, 'thead').flatMap((t) => elements(t).filter((e) => e.tagName === 'tr'))).toHaveLength(headers.length);
      expect(within(cells, 'table').every((t) => within([t], 'tr').length > 0)).toBe(true);
    }
  });

  it('shows no {#id}, ::: fence or front-matter line as text, and every id on the page is unique', () => {
    const main = all.find((e) => e.tagName === 'main')!;
    const shown = text(main);
    expect(shown).not.toContain('{#');
    expect(shown).not.toMatch(/^:::/m);
    for (const { markdown } of sides) {
      const front = /^---\n([\s\S]*?)\n---\n/.exec(markdown)?.[1].split('\n') ?? [];
      for (const line of front.filter((l) => l.trim() !== '')) expect(shown).not.toContain(line);
    }
    const ids = all.flatMap((e) => (attr(e, 'id') === undefined ? [] : [attr(e, 'id')]));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

// Counted by hand in the sources (fence lines / 2; `1.` lines; `|` lines less delimiter rows): [zh, en].
const COUNTS: Record<string, { pre: [number, number]; li: [number, number]; tr: [number, number] }> = {
  'antd-icon': { pre: [8, 9], li: [2, 2], tr: [20, 20] },
  'antd-introduce': { pre: [1, 1], li: [3, 0], tr: [2, 2] },
  'antd-research-exception': { pre: [0, 0], li: [0, 4], tr: [0, 0] },
  'echarts-dataset': { pre: [16, 16], li: [0, 0], tr: [0, 0] },
};

describe.each(Object.keys(COUNTS))('docs-dev %s: as many code blocks, ordered items and table rows as the source has', (name) => {
  const all = elements(parse(docsDevPage(name).html));
  it('counts', () => {
    const count = (tag: string) => [within(sideCells(all, 'src'), tag).length, within(sideCells(all, 'tgt'), tag).length];
    expect(count('pre')).toEqual(COUNTS[name].pre);
    expect([within(within(sideCells(all, 'src'), 'ol'), 'li').length, within(within(sideCells(all, 'tgt'), 'ol'), 'li').length]).toEqual(COUNTS[name].li);
    expect(count('tr')).toEqual(COUNTS[name].tr);
  });
});

describe('docs-dev antd-icon: heading ids and the ::: container', () => {
  const all = elements(parse(docsDevPage('antd-icon').html));
  it('a heading {#id} is the heading id, not text; the same id on the English side is numbered', () => {
    // zh.md: "## 使用方法 {#how-to-use}"; both sides: "### … {#faq-icon-bad-style}".
    const howTo = all.find((e) => attr(e, 'id') === 'how-to-use')!;
    expect(howTo.tagName).toBe('h2');
    expect(text(howTo)).toBe('使用方法');
    expect(text(all.find((e) => attr(e, 'id') === 'faq-icon-bad-style')!)).toBe('为什么有时 icon 注入的样式会引起全局样式异常？');
    expect(text(all.find((e) => attr(e, 'id') === 'faq-icon-bad-style-2')!)).toBe('Why does icon style sometimes cause global style error?');
  });
  it(':::info{title=…} is a note of type info headed by its title, its paragraph inside', () => {
    const asides = all.filter((e) => e.tagName === 'div' && attr(e, 'role') === 'note');
    expect(asides.map((a) => classes(a))).toEqual([
      ['container', 'info'],
      ['container', 'info'],
    ]);
    expect(asides.map((a) => text(childElements(a)[0]))).toEqual(['温馨提示', 'Tips']);
    expect(text(asides[0])).toContain('使用 antd@6.x 版本时');
    expect(text(asides[1])).toContain('Remember to use @ant-design/icons@6.x with antd@6.x');
  });
});

describe('FR-20: heading ids and footnotes on both sides', () => {
  const input = fieldReport('FR-20');
  const source = documentOf(input['zh.md'], 'zh-Hans');
  const target = documentOf(input['en.md'], 'en');
  const html = renderEdition(bitextOf(source, target, source.blocks.map((_, i) => ({ source: [i], target: [i] }))), { uiLang: 'en' });
  const all = elements(parse(html));
  it('the Chinese heading keeps id background (links to #background land on it), the English one is background-2; no id repeats', () => {
    expect(text(all.find((e) => attr(e, 'id') === 'background')!)).toBe('背景');
    expect(text(all.find((e) => attr(e, 'id') === 'background-2')!)).toBe('Background');
    const ids = all.flatMap((e) => (attr(e, 'id') === undefined ? [] : [attr(e, 'id')]));
    expect(new Set(ids).size).toBe(ids.length);
  });
  it("each side's footnote reference links to that side's definition, and the definition back to it", () => {
    const refs = all.filter((e) => e.tagName === 'a' && attr(e, 'href')?.startsWith('#fn-'));
    const backs = all.filter((e) => classes(e).includes('fn-back'));
    expect(refs).toHaveLength(2);
    expect(backs).toHaveLength(2);
    const byId = (id: string | undefined) => all.filter((e) => id !== undefined && attr(e, 'id') === id);
    refs.forEach((ref, i) => {
      const [definition] = byId(attr(ref, 'href')!.slice(1));
      expect(text(definition)).toContain(i === 0 ? '见附录一。' : 'See Appendix 1.');
      expect(byId(attr(backs[i], 'href')!.slice(1))).toEqual([ref]);
    });
  });
});

describe('FR-21: code is never converted to Traditional', () => {
  it('code blocks and inline code keep their Simplified text; the prose around is converted', () => {
    const source = documentOf('发明以后 `后台` 运行。\n\n```js\n// 后台\nrun();\n```', 'zh-Hans');
    const target = documentOf('It runs `later`.\n\n```js\n// later\nrun();\n```', 'en');
    const html = renderEdition(bitextOf(source, target, [{ source: [0], target: [0] }, { source: [1], target: [1] }]), { uiLang: 'en', script: 'hant' });
    const all = elements(parse(html));
    const cell = sideCells(all, 'src');
    expect(text(within(cell, 'p')[0])).toBe('發明以後 后台 運行。');
    expect(text(within(cell, 'pre')[0])).toBe('// 后台\nrun();');
  });
});

describe('FR-21: Traditional conversion by words', () => {
  it('converts each word as that word, not across word boundaries', () => {
    const input = fieldReport('FR-21');
    const expected = ['電話被發明以後', '他展示了如何操作', '工人參與製造', '前頭發生了事故'];
    const sentences: string[] = input['zh-Hans'];
    const source = documentOf(sentences.join('\n\n'), 'zh-Hans');
    const target = documentOf(sentences.map((_, i) => `Sentence ${i}.`).join('\n\n'), 'en');
    const html = renderEdition(bitextOf(source, target, sentences.map((_, i) => ({ source: [i], target: [i] }))), { uiLang: 'en', script: 'hant' });
    const cells = sideCells(elements(parse(html)), 'src');
    expect(cells.map((c) => text(c))).toEqual(expected);
    expect(cells.map((c) => attr(c, 'lang'))).toEqual(expected.map(() => 'zh-Hant'));
  });
});
