/**
 * The reading view of the edition, in its HTML (browser checks: test/browser/reading.test.ts):
 * title, date and byline from the front matter, the table of contents, the link back to the
 * list, QA data only in the review column and the review-only part of the summary, one Tab stop a
 * cell without JavaScript, sub-headings in nested contents lists, Latin-only emphasis marked
 * `latin` (no CJK emphasis dots); and the review queue (`toReview`).
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'parse5';
import { elements, attr, hasClass, text, type Node, type Element } from './helpers/html.ts';
import type { DefaultTreeAdapterMap } from 'parse5';
import { loadBitext } from '../pipeline/align/pairs.ts';
import { renderEdition } from '../pipeline/publish/index.ts';
import { columnWidths } from '../pipeline/publish/edition.ts';
import { toReview } from '../pipeline/check/index.ts';
import type { BlockLink, Finding } from '../pipeline/types.ts';
import { fixture } from './helpers/fixtures.ts';

const ZH = '---\ntitle: 使用指南\ndate: 2024-05-06\nauthor: 王小明\n---\n\n## 安装\n\n先安装软件包。然后运行命令。\n\n## 使用\n\n打开页面即可。\n';
const EN = '---\ntitle: User guide\ndate: 2024-05-06\nauthor: Wang Xiaoming\n---\n\n## Install\n\nInstall the package first. Then run the command.\n\n## Usage\n\nOpen the page.\n';
const bitext = loadBitext(`${fixture({ 'guide/zh.md': ZH, 'guide/en.md': EN })}/guide`);
const all = elements(parse(renderEdition(bitext, { uiLang: 'en' })));
const byClass = (c: string) => all.filter((e) => hasClass(e, c));

describe('reading view', () => {
  it('aligns the hand-made pair heading to heading, paragraph to paragraph', () => {
    expect(bitext.links.map((l) => [l.source, l.target])).toEqual([[[0], [0]], [[1], [1]], [[2], [2]], [[3], [3]]]);
  });
  it('titles the page from the front matter and shows its date once and both bylines', () => {
    expect(text(all.find((e) => e.tagName === 'title')!)).toBe('使用指南 · User guide');
    expect(text(byClass('doc-title')[0])).toBe('使用指南 · User guide');
    const byline = byClass('byline')[0];
    const parts = elements(byline).filter((e) => e !== byline);
    expect(parts.map((e) => [e.tagName, text(e), attr(e, 'lang'), attr(e, 'class') ?? ''])).toEqual([
      ['span', '王小明', 'zh-Hans', 'src'],
      ['span', 'Wang Xiaoming', 'en', 'tgt'],
      ['time', '2024-05-06', 'zh-Hans', ''],
    ]);
    expect(attr(parts[2], 'datetime')).toBe('2024-05-06');
  });
  it('lists the two headings in both languages, linked to their rows', () => {
    const entries = elements(byClass('toc')[0]).filter((e) => e.tagName === 'a');
    expect(entries.map((a) => [attr(a, 'href'), text(a)])).toEqual([
      ['#b0', '安装Install'],
      ['#b2', '使用Usage'],
    ]);
  });
  it('links back to the list, by default one folder up; never off-site', () => {
    expect(attr(elements(byClass('crumbs')[0]).find((e) => e.tagName === 'a')!, 'href')).toBe('../index.html');
    const custom = elements(parse(renderEdition(bitext, { uiLang: 'en', listHref: 'list.html' })));
    expect(custom.filter((e) => hasClass(e, 'crumbs')).flatMap(elements).find((e) => e.tagName === 'a')!.attrs.find((a) => a.name === 'href')!.value).toBe('list.html');
    expect(() => renderEdition(bitext, { uiLang: 'en', listHref: 'https://example.com/' })).toThrow(TypeError);
    expect(() => renderEdition(bitext, { uiLang: 'en', alternate: { href: '//example.com/x.html', script: 'hant' } })).toThrow(TypeError);
  });
  it('keeps link numbers, types and scores in the review column only', () => {
    const main = all.find((e) => e.tagName === 'main')!;
    const outside = (n: Node): string => ('tagName' in n && hasClass(n as Element, 'meta') ? '' : n.nodeName === '#text' ? (n as DefaultTreeAdapterMap['textNode']).value : 'childNodes' in n ? (n.childNodes as Node[]).map(outside).join('') : '');
    expect(outside(main)).not.toMatch(/score|1:1|\d:\d/);
    expect(byClass('meta').map(text).join(' ')).toMatch(/1:1 score 0\.\d\d/);
  });
  it('makes the first sentence of each cell its Tab stop, the other sentences reachable by arrow keys', () => {
    const spans = byClass('s');
    // 8 cells (4 rows × 2 languages); the two-sentence paragraphs hold one sentence more each
    expect(spans.filter((s) => attr(s, 'tabindex') === '0')).toHaveLength(8);
    expect(spans.filter((s) => attr(s, 'tabindex') === '-1').map(text)).toEqual(['然后运行命令。', 'Then run the command.']);
  });
});

describe('summary, contents and emphasis', () => {
  it('puts the review count, the first link to review and the keys in the review-only part of the summary', () => {
    const summary = byClass('summary')[0];
    const reviewOnly = elements(summary).filter((e) => hasClass(e, 'review-only'));
    expect(reviewOnly).toHaveLength(1);
    // the summary without its review-only part: the link count and the row keys, nothing about review
    const outside = (n: Node): string => ('tagName' in n && hasClass(n as Element, 'review-only') ? '' : n.nodeName === '#text' ? (n as DefaultTreeAdapterMap['textNode']).value : 'childNodes' in n ? (n.childNodes as Node[]).map(outside).join('') : '');
    expect(outside(summary)).toMatch(/^4 links /);
    expect(outside(summary)).not.toMatch(/review/i);
    expect(text(reviewOnly[0])).toMatch(/^ · \d+ to review/);
  });
  it('nests sub-headings in a list inside their heading, each level numbered on its own', () => {
    const zh = '## 安装\n\n安装软件包。\n\n## 使用\n\n打开页面。\n\n### 按钮类型\n\n按钮有五种。\n\n### 按钮尺寸\n\n按钮有三种。\n\n## 接口\n\n见下表。\n';
    const en = '## Install\n\nInstall the package.\n\n## Usage\n\nOpen the page.\n\n### Button types\n\nButtons come in five types.\n\n### Button sizes\n\nButtons come in three sizes.\n\n## API\n\nSee the table below.\n';
    const page = elements(parse(renderEdition(loadBitext(`${fixture({ 'nest/zh.md': zh, 'nest/en.md': en })}/nest`), { uiLang: 'en' })));
    const outer = page.find((e) => hasClass(e, 'toc'))!;
    const list = elements(outer).find((e) => e.tagName === 'ol')!;
    const items = (ol: Element) => (ol.childNodes as Node[]).filter((n): n is Element => 'tagName' in n && n.tagName === 'li');
    const own = (li: Element) => text((li.childNodes as Node[]).find((n): n is Element => 'tagName' in n && n.tagName === 'a')!);
    expect(items(list).map(own)).toEqual(['安装Install', '使用Usage', '接口API']);
    const sub = (items(list)[1].childNodes as Node[]).find((n): n is Element => 'tagName' in n && n.tagName === 'ol')!;
    expect(items(sub).map(own)).toEqual(['按钮类型Button types', '按钮尺寸Button sizes']);
    expect(elements(items(list)[0]).filter((e) => e.tagName === 'ol')).toEqual([]);
  });
  it('marks emphasis without Han characters latin, so Chinese cells set it in italics without emphasis dots', () => {
    const zh = '类型为 _string_，这一点*非常重要*。\n';
    const en = 'The type is _string_, which is *very important*.\n';
    const page = elements(parse(renderEdition(loadBitext(`${fixture({ 'em/zh.md': zh, 'em/en.md': en })}/em`), { uiLang: 'en' })));
    const ems = (side: string) => page.filter((e) => hasClass(e, 'cell') && hasClass(e, side)).flatMap(elements).filter((e) => e.tagName === 'em').map((e) => [text(e), hasClass(e, 'latin')]);
    expect(ems('src')).toEqual([
      ['string', true],
      ['非常重要', false],
    ]);
    expect(ems('tgt')).toEqual([
      ['string', true],
      ['very important', true],
    ]);
  });
});

describe('table column widths', () => {
  // Worked by hand (columnWidths, pipeline/publish/edition.ts): header "Name" and "参数" count
  // 4 × 1.2 (bold) = 4.8 units (a Han character 2), "Type"/"类型" 4.8, "a" 1, "string" 6; the first
  // column 2 (padding) + 4.8 = 6.8, the second 2 + 6 = 8, of 14.8: 45.95 % and 54.05 %.
  const zh = '| 参数 | 类型 |\n| --- | --- |\n| a | string |\n';
  const en = '| Name | Type |\n| --- | --- |\n| a | string |\n';
  const table = loadBitext(`${fixture({ 'table/zh.md': zh, 'table/en.md': en })}/table`);
  it('shares a table between its columns by their longest word, header type counted bold', () => {
    for (const side of ['source', 'target'] as const) {
      const widths = columnWidths(table[side].blocks);
      expect([...widths.keys()], side).toEqual([0, 1]);
      for (const w of widths.values()) expect(w, side).toEqual(['45.95%', '54.05%']);
    }
  });
  it('gives every row table of a side the same columns', () => {
    const page = elements(parse(renderEdition(table, { uiLang: 'en' })));
    const cols = page.filter((e) => e.tagName === 'table').map((t) => elements(t).filter((e) => e.tagName === 'col').map((c) => attr(c, 'width')));
    expect(cols.length).toBeGreaterThanOrEqual(2);
    for (const c of cols) expect(c).toEqual(['45.95%', '54.05%']);
  });
});

describe('toReview', () => {
  /** A block link of plain numbers (block and sentence ids alike; one sentence link of the same ids unless given). */
  type Plain = { source: number[]; target: number[]; score: number };
  const link = (source: number[], target: number[], score: number, sentences: Plain[] = [{ source, target, score }]): BlockLink => ({ source, target, score, sentences }) as unknown as BlockLink;
  const finding = (level: Finding['level'], k: number, code = 'x'): Finding => ({ level, code, doc: 'd', link: k, sourceBlocks: [], targetBlocks: [], source: '', target: '', message: '' }) as Finding;
  it('queues block links to review, links with a sentence link not 1-1 and links with a check error, not warnings', () => {
    const links = [
      link([0], [0], 0.9), // clean
      link([1], [1], 0.9, [{ source: [1], target: [1, 2], score: 0.9 }]), // one sentence translated by two
      link([2], [2], 0.9), // check error
      link([3], [3], 0.9), // check warning only
      link([4, 5], [4], 0.9), // 2-1 block link
      link([6], [5], 0.1), // low score
    ];
    expect(toReview(links, [finding('error', 2), finding('warning', 3), finding('info', 0)])).toEqual([1, 2, 4, 5]);
    expect(toReview(links, [], 0.05)).toEqual([1, 4]);
  });
  it('leaves a corrected 1-0 link out of the queue for its untranslated error, not for other errors', () => {
    const corrected = { ...link([1], [], 1), corrected: true } as BlockLink;
    const links = [link([0], [0], 0.9), corrected, { ...link([2], [1], 1), corrected: true } as BlockLink];
    // The editor confirmed zh 1 has no English: untranslated stays a finding but queues nothing.
    expect(toReview(links, [finding('error', 1, 'untranslated')])).toEqual([]);
    // A number error in a corrected link still needs the editor.
    expect(toReview(links, [finding('error', 2, 'number-mismatch')])).toEqual([2]);
    // An uncorrected 1-0 is queued anyway (not 1-1).
    expect(toReview([link([0], [], 0)], [finding('error', 0, 'untranslated')])).toEqual([0]);
  });
});
