/**
 * Raw HTML read sanitised, not dropped (issue 10 item 1): an HTML block with text is an `html`
 * block that aligns by its text, one with images alone an `image` block linked by its URLs, one
 * showing nothing (an `<audio>` player, a comment) no block; the edition shows it sanitised, its
 * images as links with alt text, and nothing hostile survives.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'parse5';
import { elements, attr, text } from './helpers/html.ts';
import { parseBlocks } from '../pipeline/read/blocks.ts';
import { segmentBlocks } from '../pipeline/segment/sentences.ts';
import { renderEdition } from '../pipeline/publish/index.ts';
import { alignBitext } from '../pipeline/align/index.ts';
import type { Bitext, Document, LanguageTag } from '../pipeline/types.ts';
import { CORPUS } from './helpers/paths.ts';
import { fixture } from './helpers/fixtures.ts';
import { bitext } from './helpers/cli.ts';

function documentOf(markdown: string, lang: LanguageTag): Document {
  const blocks = parseBlocks(markdown);
  return { file: 'doc', lang, blocks, segments: segmentBlocks(blocks, lang) };
}

/** The edition of two documents aligned by Bitext (`alignBitext`). */
function edition(zh: string, en: string): { html: string; bitext: Bitext } {
  const bitext = alignBitext('doc', documentOf(zh, 'zh-Hans'), documentOf(en, 'en'));
  return { html: renderEdition(bitext, { uiLang: 'en' }), bitext };
}

const HOSTILE = [
  '<div onclick="steal()" style="position:fixed">注意<script>alert("x")</script>',
  '<style>body{display:none}</style>',
  '<a href="javascript:alert(1)" onmouseover="x()">点这里</a>',
  '<img src="https://evil.example/t.gif" onerror="alert(2)" alt="追踪">',
  '<iframe src="https://evil.example/"></iframe><object data="x.swf"></object>',
  '<svg><script>alert(3)</script></svg><form action="https://evil.example"><input name="p"></form></div>',
].join('\n');

describe('read: raw HTML blocks', () => {
  it('an HTML block with text is an html block of its text, markup kept', () => {
    const [heading, card] = parseBlocks('# 标题\n\n<div class="card">\n  <h4>友好</h4>\n  <p>使用清晰的语言。</p>\n</div>\n');
    expect(heading.kind).toBe('heading');
    expect(card).toMatchObject({ kind: 'html', text: '友好 使用清晰的语言。' });
    expect(card.html).toContain('<h4>友好</h4>');
  });

  it('images alone make an image block of their alt texts and URLs; nothing shown, no block', () => {
    const blocks = parseBlocks('<p align="center">\n<img src="https://a.example/logo.svg" alt="Logo">\n<img src="https://a.example/b.svg">\n</p>\n\n<audio id="a">\n<source src="https://a.example/s.mp3">\n</audio>\n\n<!-- prettier-ignore -->\n\n<ImagePreview>\n<img src="https://a.example/p.png">\n</ImagePreview>\n');
    expect(blocks.map((b) => [b.kind, b.text, b.src])).toEqual([
      ['image', 'Logo', 'https://a.example/logo.svg https://a.example/b.svg'],
      ['image', 'https://a.example/p.png', 'https://a.example/p.png'],
    ]);
  });

  it('no script, style, event handler or javascript: URL becomes text', () => {
    const [block] = parseBlocks(HOSTILE);
    // Text of the div and the link (a line break between them, one space), never the script or CSS; the img alt is not text.
    expect(block).toMatchObject({ kind: 'html', text: '注意 点这里' });
  });
});

describe('publish: raw HTML shown sanitised', () => {
  it('keeps no script, style, handler, javascript: URL, frame or form, and loads no image', () => {
    const { html } = edition(`# 标题\n\n${HOSTILE}\n`, '# Title\n\n<div>Note <a href="javascript:alert(1)">click here</a></div>\n');
    const body = html.slice(html.indexOf('<body'));
    const all = elements(parse(html));
    // What the raw HTML became: the elements inside the `raw-html` stops.
    const inBody = all.filter((e) => (attr(e, 'class') ?? '').split(' ').includes('raw-html')).flatMap(elements);
    expect(inBody.length).toBeGreaterThan(0);
    // The page's own scripts are in <script> elements; none come from the content.
    expect(all.filter((e) => e.tagName === 'script').length).toBe((html.match(/<script/g) ?? []).length);
    expect(body).not.toMatch(/alert|steal|evil\.example\/"|display:none|position:fixed/);
    expect(inBody.some((e) => ['iframe', 'object', 'form', 'img', 'svg', 'style'].includes(e.tagName))).toBe(false);
    expect(inBody.flatMap((e) => e.attrs).some((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value))).toBe(false);
    // The image is a link with its alt text, as Markdown images are.
    const link = inBody.find((e) => e.tagName === 'a' && attr(e, 'href') === 'https://evil.example/t.gif');
    expect(link && text(link)).toBe('追踪');
    // The page's content-security policy still forbids every fetch.
    const csp = all.find((e) => e.tagName === 'meta' && attr(e, 'http-equiv') === 'Content-Security-Policy');
    expect(csp && attr(csp, 'content')).toContain("default-src 'none'");
  });

  it('a Chinese-only HTML table shows as a table, aligned 1-0 by its text', () => {
    const zh = '# 价格\n\n<table><tr><th>版本</th><th>价格</th></tr><tr><td>基础版</td><td>免费</td></tr></table>\n\n价格如上。\n';
    const en = '# Prices\n\nThe prices are above.\n';
    const { html, bitext } = edition(zh, en);
    expect(bitext.source.blocks[1]).toMatchObject({ kind: 'html', text: '版本 价格 基础版 免费' });
    expect(bitext.links.map((l) => [l.source, l.target])).toEqual([[[0], [0]], [[1], []], [[2], [1]]]);
    const cells = elements(parse(html)).filter((e) => e.tagName === 'th' || e.tagName === 'td').map(text);
    expect(cells).toEqual(['版本', '价格', '基础版', '免费']);
  });

  it('inline HTML images in list items and table cells show as links with alt text', () => {
    const zh = '# 标题\n\n- <img src="https://a.example/x.svg" alt="标志"> 组件\n\n| <img src="https://a.example/c.svg" alt="Chrome"> Chrome |\n| --- |\n| 支持 |\n';
    const en = '# Title\n\n- <img src="https://a.example/x.svg" alt="Logo"> Components\n\n| <img src="https://a.example/c.svg" alt="Chrome"> Chrome |\n| --- |\n| Yes |\n';
    const { html } = edition(zh, en);
    const links = elements(parse(html)).filter((e) => e.tagName === 'a' && /a\.example/.test(attr(e, 'href') ?? ''));
    // Row by row, Chinese then English: the list item, then the header row.
    expect(links.map(text)).toEqual(['标志', 'Logo', 'Chrome', 'Chrome']);
  });

  it('the antd-introduce page shows its logo row as a link and keeps the Markdown blocks around it', () => {
    const zh = readFileSync(`${CORPUS}docs-dev/antd-introduce/zh.md`, 'utf8');
    const en = readFileSync(`${CORPUS}docs-dev/antd-introduce/en.md`, 'utf8');
    const { html } = edition(zh, en);
    const rows = elements(parse(html)).filter((e) => (attr(e, 'class') ?? '').split(' ').includes('raw-html'));
    // One `pic-plus` block a side: two logos joined by "+" (the <audio> player is no block).
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(elements(row).filter((e) => e.tagName === 'a').map((a) => attr(a, 'href'))).toEqual(['https://gw.alipayobjects.com/zos/rmsportal/KDpgvguMpGfqaHPjicRK.svg', 'https://gw.alipayobjects.com/zos/antfincdn/aPkFc8Sj7n/method-draw-image.svg']);
  });
});

describe('read: inline <script> and <style> are no text', () => {
  it('a paragraph, a heading and a table cell lose the element and its content, tags and all', () => {
    const blocks = parseBlocks("# 标题<style>h1{color:red}</style>\n\n这是第一段。<script>alert('zh1')</script>我们继续。\n\n| a | *b<script>x()</script>c* |\n|---|---|\n");
    expect(blocks.map((b) => b.text)).toEqual(['标题', '这是第一段。我们继续。', 'a | bc']);
    expect(blocks[1].mdast).toMatchObject([{ type: 'text', value: '这是第一段。' }, { type: 'text', value: '我们继续。' }]);
    // The cell's range covers its text without the script (" | " then "bc").
    expect(blocks[2].table?.ranges).toEqual([{ start: 0, end: 1 }, { start: 4, end: 6 }]);
  });

  it('an element never closed runs to the end of its paragraph; a self-closing tag of another element is kept', () => {
    const blocks = parseBlocks('前文<script>z()\n\n后文<br />下一行\n');
    expect(blocks.map((b) => b.text)).toEqual(['前文', '后文\n下一行']);
  });

  it('bitext build: the memory holds no script text', async () => {
    const root = fixture({
      'src/page/zh.md': "这是第一段。<script>alert('zh1')</script>我们继续。\n",
      'src/page/en.md': "This is the first paragraph.<script>alert('en1')</script> We go on.\n",
    });
    const built = await bitext(['build', join(root, 'src'), join(root, 'out')]);
    expect(built.code).toBe(0);
    const tmx = readFileSync(join(root, 'out/page/memory.tmx'), 'utf8');
    expect(tmx).toContain('这是第一段。');
    expect(tmx).toContain('We go on.');
    expect(tmx).not.toContain('alert');
  });
});
