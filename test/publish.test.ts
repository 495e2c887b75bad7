import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'parse5';
import { elements, attr, hasClass, text, type Element } from './helpers/html.ts';
import { parseBlocks } from '../pipeline/read/blocks.ts';
import { segmentBlocks } from '../pipeline/segment/sentences.ts';
import { parseAlign } from '../pipeline/align/formats.ts';
import type { Bitext, BlockId, Document, LanguageTag, Link } from '../pipeline/types.ts';
import { renderEdition, renderIndex, LOCALES_DIR } from '../pipeline/publish/index.ts';
import { EDITION_JS } from '../pipeline/publish/client.ts';
import { fieldReport } from './helpers/field-reports.ts';
import { SHARED } from './helpers/paths.ts';
import { fixture as tempFolder } from './helpers/fixtures.ts';
import { build } from '../pipeline/build.ts';

/** The `lang` in effect at `el`: its own or its nearest ancestor's. */
const closest = (el: Element, pred: (e: Element) => boolean): Element | undefined =>
  pred(el) ? el : el.parentNode && 'tagName' in el.parentNode ? closest(el.parentNode as Element, pred) : undefined;
const langOf = (el: Element): string | undefined => attr(el, 'lang') ?? (el.parentNode && 'tagName' in el.parentNode ? langOf(el.parentNode as Element) : undefined);

/** A bitext of Markdown texts with the given block links; sentence links pair sentences in order, the rest 1-0 / 0-1. */
function fixture(zh: string, en: string, blockLinks?: Link[], sourceLang = 'zh-Hans'): Bitext {
  const document = (markdown: string, lang: LanguageTag): Document => {
    const blocks = parseBlocks(markdown);
    return { file: 'fixture', lang, blocks, segments: segmentBlocks(blocks, lang) };
  };
  const source = document(zh, sourceLang);
  const target = document(en, 'en');
  const links = (blockLinks ?? source.blocks.map((_, i) => ({ source: [i], target: [i], score: 0.9 }))) as Link<BlockId>[];
  return {
    doc: 'fixture',
    source,
    target,
    links: links.map((l) => {
      const s = source.segments.filter((x) => l.source.includes(x.block)).map((x) => x.index);
      const t = target.segments.filter((x) => l.target.includes(x.block)).map((x) => x.index);
      const sentences = Array.from({ length: Math.max(s.length, t.length) }, (_, i) => ({ source: s[i] === undefined ? [] : [s[i]], target: t[i] === undefined ? [] : [t[i]], score: 0.9 }));
      return { ...l, sentences };
    }),
  };
}

describe('FR-14: language tags of the edition', () => {
  const input = fieldReport('FR-14');
  const html = renderEdition(fixture(input.alignedPair.zh, input.alignedPair.en, undefined, input.sourceDocLang), { uiLang: input.uiLocale });
  const doc = parse(html);
  const all = elements(doc);
  const locale = JSON.parse(readFileSync(`${LOCALES_DIR}/zh-Hant/edition.json`, 'utf8'));

  it('declares UTF-8 and the interface language on <html>', () => {
    expect(all.some((e) => e.tagName === 'meta' && attr(e, 'charset')?.toLowerCase() === 'utf-8')).toBe(true);
    expect(attr(all.find((e) => e.tagName === 'html')!, 'lang')).toBe('zh-Hant');
  });
  it('tags every Chinese cell with the document language and every English cell en', () => {
    const zh = all.filter((e) => hasClass(e, 'cell') && hasClass(e, 'src'));
    const en = all.filter((e) => hasClass(e, 'cell') && hasClass(e, 'tgt'));
    expect(zh).toHaveLength(1);
    expect(en).toHaveLength(1);
    expect(zh.map((e) => attr(e, 'lang'))).toEqual(['zh-Hans']);
    expect(en.map((e) => attr(e, 'lang'))).toEqual(['en']);
    expect(text(zh[0])).toBe('数据已经保存。');
    expect(text(en[0])).toBe('The data has been saved.');
    // every sentence sits under its cell's language
    for (const s of all.filter((e) => hasClass(e, 's'))) expect(['zh-Hans', 'en']).toContain(langOf(s));
  });
  it('puts the localised labels in elements whose language is the interface language', () => {
    const legends = all.filter((e) => e.tagName === 'legend');
    expect(legends.map(text)).toEqual([locale.view, locale.layout, locale.order, locale.review, locale.theme]);
    const labels = all.filter((e) => e.tagName === 'label');
    expect(labels.map(text)).toEqual([locale.viewBoth, locale.viewSource, locale.viewTarget, locale.layoutSide, locale.layoutAlternate, locale.orderSourceFirst, locale.orderTargetFirst, locale.reviewMode, locale.themeAuto, locale.themeLight, locale.themeDark]);
    for (const el of [...legends, ...labels, ...all.filter((e) => hasClass(e, 'meta') || e.tagName === 'footer')]) expect(langOf(el)).toBe('zh-Hant');
  });
});

describe('edition of the real pair (gold block links)', () => {
  const dir = `${SHARED}corpus/zhongnanhai/`;
  const zh = readFileSync(`${dir}zh.md`, 'utf8');
  const en = readFileSync(`${dir}en.md`, 'utf8');
  const gold = parseAlign(readFileSync(`${dir}gold.paragraphs.align`, 'utf8')).map((l) => ({ ...l, score: 0.8 }));
  gold[9].score = 0.2; // one low-scoring 1-1 link
  const bitext = fixture(zh, en, gold);
  const html = renderEdition(bitext, { uiLang: 'en' });
  const all = elements(parse(html));
  const rows = all.filter((e) => hasClass(e, 'row'));

  it('has one row per block link, ids b0…b18, Chinese and English cells tagged', () => {
    expect(rows).toHaveLength(19);
    expect(rows.map((r) => attr(r, 'id'))).toEqual(gold.map((_, k) => `b${k}`));
    expect(all.filter((e) => hasClass(e, 'cell') && hasClass(e, 'src')).every((e) => attr(e, 'lang') === 'zh-Hans')).toBe(true);
    expect(all.filter((e) => hasClass(e, 'cell') && hasClass(e, 'tgt')).every((e) => attr(e, 'lang') === 'en')).toBe(true);
  });
  it('marks every non-1:1 and low-score link, and only those', () => {
    const flagged = rows.filter((r) => hasClass(r, 'flag')).map((r) => attr(r, 'id'));
    // gold: [6]:[6,7] is link 6, [11]:[] link 11, [15,16]:[15] link 15; link 9 scores 0.2
    expect(flagged).toEqual(['b6', 'b9', 'b11', 'b15']);
    expect(text(rows[6])).toContain('not 1:1');
    expect(text(rows[9])).toContain('low score');
    expect(text(rows[11])).toContain('Not translated.');
  });
  it('wraps every sentence with its link id, counterparts sharing it', () => {
    const spans = all.filter((e) => hasClass(e, 's'));
    expect(spans).toHaveLength(bitext.source.segments.length + bitext.target.segments.length);
    const title = spans.filter((s) => attr(s, 'data-link') === 'b0s0').map(text);
    expect(title).toEqual(['中南海的不眠之夜：北京或面临最坏噩梦', 'Sleepless Nights in Zhongnanhai: Beijing May Face Its Worst Nightmare']);
    // the 1-2 block link 6: its two English paragraphs each hold one sentence
    expect(rows[6].childNodes.filter((n) => 'tagName' in n).length).toBe(3);
  });
  it('keeps the caption emphasis, the headings and the title in both languages', () => {
    // the caption is one emphasis; cut at sentence boundaries it stays emphasis in every piece
    const emIn = (side: string) => all.filter((e) => e.tagName === 'em' && closest(e, (c) => hasClass(c, 'cell'))?.attrs.some((a) => a.name === 'class' && a.value.includes(side))).map(text).join('');
    expect(emIn('src')).toBe('美中对抗。（视频截图）');
    expect(emIn('tgt')).toBe('U.S.-China Confrontation. (Video screenshot)');
    expect(all.filter((e) => e.tagName === 'h2').map(text)).toEqual(['对俄罗斯经济报告不满 习近平据报批示“一派胡言”', 'Dissatisfied with a Report on Russia’s Economy, Xi Reportedly Called it “Utter Nonsense”']);
    expect(text(all.find((e) => e.tagName === 'title')!)).toBe('中南海的不眠之夜：北京或面临最坏噩梦 · Sleepless Nights in Zhongnanhai: Beijing May Face Its Worst Nightmare');
    expect(attr(all.find((e) => e.tagName === 'meta' && attr(e, 'name') === 'generator')!, 'content')).toMatch(/^Bitext \d+\.\d+\.\d+$/);
  });
  it('is self-contained: no external resource, a CSP that forbids fetching', () => {
    expect(all.filter((e) => attr(e, 'src') !== undefined)).toEqual([]);
    expect(all.filter((e) => e.tagName === 'link')).toEqual([]);
    const csp = attr(all.find((e) => attr(e, 'http-equiv') === 'Content-Security-Policy')!, 'content');
    expect(csp).toContain("default-src 'none'");
    expect(all.filter((e) => e.tagName === 'style')).toHaveLength(1);
  });
  it('offers the views as radio buttons (CSS, no JavaScript needed), defaults checked', () => {
    const inputs = all.filter((e) => e.tagName === 'input');
    expect(inputs.map((e) => attr(e, 'id'))).toEqual(['view-both', 'view-src', 'view-tgt', 'layout-side', 'layout-alt', 'order-src', 'order-tgt', 'review', 'theme-auto', 'theme-light', 'theme-dark']);
    expect(inputs.filter((e) => attr(e, 'checked') !== undefined).map((e) => attr(e, 'id'))).toEqual(['view-both', 'layout-side', 'order-src', 'theme-auto']);
  });
  it('writes a Traditional Chinese edition with --script hant', () => {
    const hant = elements(parse(renderEdition(bitext, { uiLang: 'zh-TW', script: 'hant' })));
    const cells = hant.filter((e) => hasClass(e, 'cell') && hasClass(e, 'src'));
    expect(cells.every((e) => attr(e, 'lang') === 'zh-Hant')).toBe(true);
    expect(text(cells[0])).toBe('中南海的不眠之夜：北京或面臨最壞噩夢');
    expect(attr(hant.find((e) => e.tagName === 'html')!, 'lang')).toBe('zh-Hant');
  });
  it('links the other script\'s edition when told where it is', () => {
    const page = elements(parse(renderEdition(bitext, { uiLang: 'zh-CN', alternate: { href: 'index.hant.html', script: 'hant' } })));
    const link = page.find((e) => e.tagName === 'a' && attr(e, 'href') === 'index.hant.html')!;
    expect(text(link)).toBe('繁体中文版');
    expect(attr(link, 'hreflang')).toBe('zh-Hant');
  });
});

describe('Markdown inside the edition', () => {
  it('keeps emphasis and links inside the sentence spans (FR-01 input)', () => {
    const all = elements(parse(renderEdition(fixture('这份报告的**核心结论。**后面是细节。', 'This report’s **key finding.** Details follow, see [the data](https://example.org/data).'), { uiLang: 'en' })));
    const strong = all.filter((e) => e.tagName === 'strong');
    expect(strong.map(text)).toEqual(['核心结论。', 'key finding.']);
    expect(langOf(strong[0])).toBe('zh-Hans');
    const link = all.find((e) => e.tagName === 'a' && attr(e, 'href') === 'https://example.org/data');
    expect(link && text(link)).toBe('the data');
    expect(link && hasClass(link.parentNode as Element, 's')).toBe(true);
  });

  it('keeps a footnote marker without dangling links or duplicate ids', () => {
    const all = elements(parse(renderEdition(fixture('正文有注释。[^1]后面。\n\n[^1]: 这是注释。', 'Body with a note.[^1] After.\n\n[^1]: This is the note.'), { uiLang: 'en' })));
    expect(all.filter((e) => e.tagName === 'sup').map((e) => [text(e), langOf(e)])).toEqual([['1', 'zh-Hans'], ['1', 'en']]);
    const ids = all.map((e) => attr(e, 'id')).filter((x): x is string => x !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of all.filter((e) => e.tagName === 'a' && attr(e, 'href')?.startsWith('#'))) expect(ids).toContain(attr(a, 'href')!.slice(1));
  });

  it('never makes hostile Markdown live', () => {
    const zh = [
      '正文<script>alert("zh")</script>第一句。',
      '点[这里](javascript:alert(1))看。',
      '<img src="x" onerror="alert(2)">图片。',
      '<a href="javascript:alert(3)" onclick="alert(4)">链接</a>。',
      '[大写](JAVASCRIPT:alert(5))和<javascript:alert(6)>。',
      '<span onmouseover="alert(7)">块</span>。',
      '![图](https://tracker.example/p.png)与[数据](data:text/html;base64,PHNjcmlwdD4=)。',
    ].join('\n\n');
    const en = ['Text.', 'Click [here](javascript:alert(1)).', 'Image.', 'Link.', 'Upper.', 'Block.', 'Picture.'].join('\n\n');
    const html = renderEdition(fixture(zh, en, Array.from({ length: 7 }, (_, i) => ({ source: [i], target: [i], score: 0.9 }))), { uiLang: 'en' });
    const all = elements(parse(html));
    const scripts = all.filter((e) => e.tagName === 'script');
    expect(scripts).toHaveLength(1);
    expect(text(scripts[0])).toBe(EDITION_JS);
    for (const el of all) {
      for (const a of el.attrs) {
        expect(a.name.startsWith('on'), `${el.tagName} ${a.name}`).toBe(false);
        if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name)) {
          expect(a.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase()).not.toMatch(/^(javascript|data|vbscript):/);
        }
      }
    }
    expect(all.filter((e) => ['img', 'iframe', 'object', 'embed'].includes(e.tagName))).toEqual([]);
    // the image became a plain link to it (nothing is fetched), its alt text kept
    expect(all.filter((e) => e.tagName === 'a' && attr(e, 'href') === 'https://tracker.example/p.png').map(text)).toEqual(['图']);
    expect(html).not.toContain('onerror');
    // inline raw HTML is sanitised (rehype-raw + rehype-sanitize): a <script> goes with its content
    const firstCell = all.find((e) => hasClass(e, 'cell') && hasClass(e, 'src'))!;
    expect(text(firstCell)).toBe('正文第一句。');
  });
});

describe('renderIndex', () => {
  const entries = [
    { doc: 'zhongnanhai', title: { source: '中南海的不眠之夜', target: 'Sleepless Nights in Zhongnanhai' }, href: 'zhongnanhai/index.html', links: 19, flagged: 3 },
  ];
  it('lists each document with both titles, tagged by language, in the interface language', () => {
    const all = elements(parse(renderIndex(entries, { uiLang: 'zh_CN' })));
    expect(text(all.find((e) => e.tagName === 'caption')!)).toBe('文档：1');
    expect(attr(all.find((e) => e.tagName === 'html')!, 'lang')).toBe('zh-Hans');
    const cells = all.filter((e) => e.tagName === 'td');
    expect(cells.map(text)).toEqual(['中南海的不眠之夜', 'Sleepless Nights in Zhongnanhai', '19', '3']);
    expect(cells.slice(0, 2).map((c) => attr(c, 'lang'))).toEqual(['zh-Hans', 'en']);
    expect(all.filter((e) => e.tagName === 'a').map((a) => attr(a, 'href'))).toEqual(['zhongnanhai/index.html', 'zhongnanhai/index.html']);
  });
  it('refuses a link that leaves the output folder by scheme', () => {
    expect(() => renderIndex([{ ...entries[0], href: 'javascript:alert(1)' }], { uiLang: 'en' })).toThrow(TypeError);
    expect(() => renderIndex([{ ...entries[0], alternate: { href: '//example.com/x.html', script: 'hant' } }], { uiLang: 'en' })).toThrow(TypeError);
  });
  // User test: `build --ui-lang zh-Hant --script hant` listed only the Simplified edition, under
  // the Simplified title. Hand-converted title: 双语版的说明 → 雙語版的說明 (双→雙, 语→語, 说→說).
  const withHant = [{ ...entries[0], title: { source: '双语版的说明', target: 'About the bilingual edition' }, alternate: { href: 'zhongnanhai/index.hant.html', script: 'hant' as const } }];
  const links = (html: string) => elements(parse(html)).filter((e) => e.tagName === 'a').map((a) => [text(a), attr(a, 'href'), attr(a, 'hreflang') ?? null, langOf(a)]);
  it('links the Traditional edition too, labelled in the interface language', () => {
    expect(links(renderIndex(withHant, { uiLang: 'en' }))).toEqual([
      ['双语版的说明', 'zhongnanhai/index.html', null, 'zh-Hans'],
      ['Traditional', 'zhongnanhai/index.hant.html', 'zh-Hant', 'en'],
      ['About the bilingual edition', 'zhongnanhai/index.html', null, 'en'],
    ]);
    expect(links(renderIndex(withHant, { uiLang: 'zh-CN' }))[1].slice(0, 2)).toEqual(['繁体', 'zhongnanhai/index.hant.html']);
  });
  it('leads with the Traditional edition and title in a zh-Hant interface, linking the Simplified one', () => {
    expect(links(renderIndex(withHant, { uiLang: 'zh-Hant' }))).toEqual([
      ['雙語版的說明', 'zhongnanhai/index.hant.html', null, 'zh-Hant'],
      ['簡體', 'zhongnanhai/index.html', 'zh-Hans', 'zh-Hant'],
      ['About the bilingual edition', 'zhongnanhai/index.hant.html', null, 'en'],
    ]);
    // Without a Traditional edition nothing changes, whatever the interface.
    expect(links(renderIndex(entries, { uiLang: 'zh-TW' }))).toEqual([
      ['中南海的不眠之夜', 'zhongnanhai/index.html', null, 'zh-Hans'],
      ['Sleepless Nights in Zhongnanhai', 'zhongnanhai/index.html', null, 'en'],
    ]);
  });
});

describe('the list page agrees with check (user test: 0 to review while check gave errors)', () => {
  it('counts a 1-1 link that check finds an error in, as the edition\'s review queue does', async () => {
    // Four 1-1 paragraphs, faithful but for 12 → 13: the one link to review is that paragraph's.
    const dir = tempFolder({
      'src/hand/zh.md': '# 发布说明\n\n我们今天发布了新版本。\n\n这个版本修复了 12 个问题。\n\n请大家尽快升级。\n',
      'src/hand/en.md': '# Release notes\n\nWe released a new version today.\n\nThis version fixes 13 problems.\n\nPlease upgrade soon.\n',
    });
    const summary = await build(`${dir}/src`, `${dir}/out`, { memory: `${dir}/memory.sqlite` });
    expect(summary.documents.map((d) => [d.doc, d.blockLinks, d.flagged])).toEqual([['hand', 4, 1]]);
    const cells = elements(parse(readFileSync(`${dir}/out/index.html`, 'utf8'))).filter((e) => e.tagName === 'td');
    expect(cells.slice(2).map(text)).toEqual(['4', '1']);
    const queued = elements(parse(readFileSync(`${dir}/out/hand/index.html`, 'utf8'))).filter((e) => hasClass(e, 'row') && hasClass(e, 'queue'));
    expect(queued).toHaveLength(1);
    expect(text(queued[0])).toContain('12');
  });
});
