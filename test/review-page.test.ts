/**
 * The review editor's HTML (pipeline/review/page.ts) as the server sends it: what the browser
 * tests (test/browser/review.test.ts) cannot see quickly — the Content-Security-Policy, the token
 * in the script URL and the list's links, the interface words in each language.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'parse5';
import { reviewPage, reviewScript } from '../pipeline/review/index.ts';
import { REVIEW_JS } from '../pipeline/review/client.ts';
import { attr, elements, text } from './helpers/html.ts';

const TOKEN = '0123456789abcdef0123456789abcdef';
const page = (options: Parameters<typeof reviewPage>[0]) => elements(parse(reviewPage(options)));
const byId = (els: ReturnType<typeof page>, id: string) => els.find((e) => attr(e, 'id') === id)!;

describe('reviewPage', () => {
  it('loads its script from its own server with the token, may fetch only from there, and fetches nothing else', () => {
    const els = page({ token: TOKEN, doc: 'library', lang: 'en' });
    const csp = attr(els.find((e) => attr(e, 'http-equiv') === 'Content-Security-Policy')!, 'content')!;
    expect(csp.split('; ')).toEqual(expect.arrayContaining(["default-src 'none'", "script-src 'self'", "connect-src 'self'", 'img-src data:']));
    const scripts = els.filter((e) => e.tagName === 'script' && attr(e, 'src'));
    expect(scripts.map((s) => attr(s, 'src'))).toEqual([`/client.js?token=${TOKEN}`]);
    // The icon is named inline: a browser would otherwise ask /favicon.ico, which the server refuses without the token.
    expect(attr(els.find((e) => attr(e, 'rel') === 'icon')!, 'href')).toBe('data:,');
    expect(attr(els.find((e) => e.tagName === 'header')!, 'data-doc')).toBe('library');
    expect(reviewScript()).toBe(REVIEW_JS);
  });

  it('names the document in its title; its words are Chinese with a Chinese interface language, with every placeholder the script fills', () => {
    const en = page({ token: TOKEN, doc: 'library', lang: 'en' });
    expect(text(en.find((e) => e.tagName === 'title')!)).toBe('Review alignment: library');
    const zh = page({ token: TOKEN, doc: 'library', lang: 'zh-CN' });
    expect(attr(zh.find((e) => e.tagName === 'html')!, 'lang')).toBe('zh-Hans');
    expect(text(zh.find((e) => e.tagName === 'title')!)).toBe('审校对齐：library');
    expect(text(byId(zh, 'undo'))).toBe('撤销');
    const strings = JSON.parse(text(byId(zh, 'review-strings'))) as Record<string, string>;
    expect(strings.saved).toBe('已保存：{{what}}。版本 {{version}}。');
    const hant = JSON.parse(text(byId(page({ token: TOKEN, doc: 'x', lang: 'zh-TW' }), 'review-strings'))) as Record<string, string>;
    expect(hant.undo).toBe('撤銷');
  });

  it('keeps a document name with markup and quotes as text (escaped), in the title and the strings', () => {
    const html = reviewPage({ token: TOKEN, doc: '<b>"x"</b>', lang: 'en' });
    expect(html).not.toContain('<b>"x"</b>');
    const els = elements(parse(html));
    expect(text(els.find((e) => e.tagName === 'h1')!)).toBe('Review alignment: <b>"x"</b>');
  });

  it('lists several documents, each a link to its editor carrying the token (names URL-encoded)', () => {
    const els = page({ token: TOKEN, docs: ['library', 'a b'], lang: 'en' });
    const links = els.filter((e) => e.tagName === 'a').map((a) => attr(a, 'href'));
    expect(links).toEqual([`/doc/library?token=${TOKEN}`, `/doc/a%20b?token=${TOKEN}`]);
    expect(els.filter((e) => e.tagName === 'tr' && attr(e, 'data-doc')).map((e) => attr(e, 'data-doc'))).toEqual(['library', 'a b']);
  });
});
