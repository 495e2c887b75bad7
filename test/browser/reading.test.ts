/// <reference lib="dom" />
/**
 * The reading view on a real documentation page (docs-dev `antd-icon`: code blocks, a table, an
 * ordered list, a container), in every view and both colour schemes: no QA data outside review
 * mode, a readable measure, space between the languages, contents and a way back to the list,
 * dark mode, print, the phone layout, tables whose columns line up and whose short words stay whole,
 * one Tab stop a row, the review queue with check's findings (its count shown in review mode only),
 * and axe-core finding no violation. The corpus is read in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { loadBitext } from '../../pipeline/align/pairs.ts';
import { renderEdition, renderIndex } from '../../pipeline/publish/index.ts';
import { checkBitext, toReview } from '../../pipeline/check/index.ts';
import { CORPUS } from '../helpers/paths.ts';
import { axeViolations, launch, type Session } from './chromium.ts';

const DOC = 'antd-icon';
const bitext = loadBitext(`${CORPUS}docs-dev/${DOC}`);
const findings = checkBitext(bitext);
const queue = toReview(bitext.links, findings);
const site = mkdtempSync(join(tmpdir(), 'bitext-reading-'));
const edition = pathToFileURL(join(site, DOC, 'index.html')).href;
const listing = pathToFileURL(join(site, 'index.html')).href;

/** Every reading view: which language(s), layout, order. */
const VIEWS = [
  ['view-both', 'layout-side', 'order-src'],
  ['view-both', 'layout-side', 'order-tgt'],
  ['view-both', 'layout-alt', 'order-src'],
  ['view-both', 'layout-alt', 'order-tgt'],
  ['view-src', 'layout-side', 'order-src'],
  ['view-tgt', 'layout-side', 'order-src'],
] as const;

let session: Session;
let page: Page;

beforeAll(async () => {
  mkdirSync(join(site, DOC), { recursive: true });
  writeFileSync(join(site, DOC, 'index.html'), renderEdition(bitext, { uiLang: 'en' }));
  writeFileSync(join(site, 'index.html'), renderIndex([{ doc: DOC, title: { source: 'Icon', target: 'Icon' }, href: `${DOC}/index.html`, links: bitext.links.length, flagged: queue.length }], { uiLang: 'en' }));
  session = await launch();
  page = await session.newPage();
  await page.goto(edition);
});

afterAll(async () => {
  await session?.close();
  rmSync(site, { recursive: true, force: true });
});

/** Check the inputs (by script: the layout choice is hidden on phones). */
const choose = (p: Page, ids: readonly string[]) => p.evaluate((list) => list.forEach((id) => ((document.getElementById(id) as HTMLInputElement).checked = true)), ids);
const setReview = (p: Page, on: boolean) => p.evaluate((v) => ((document.getElementById('review') as HTMLInputElement).checked = v), on);

/**
 * For the visible cells of one language (`zh` or `en`), the most characters on one rendered
 * line: CJK characters for `zh` (Han and full-width punctuation), all characters for `en`. Code
 * blocks and tables are left out (their lines are the author's).
 */
function widestLine(p: Page, lang: 'zh' | 'en'): Promise<number> {
  return p.evaluate((lang) => {
    const cjk = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFF60]/u;
    let widest = 0;
    for (const cell of Array.from(document.querySelectorAll<HTMLElement>(`.cell:lang(${lang})`))) {
      if (cell.getClientRects().length === 0) continue;
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT, { acceptNode: (n) => (n.parentElement!.closest('pre,table') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT) });
      const lines = new Map<number, number>();
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.nodeValue ?? '';
        for (let i = 0; i < text.length; i++) {
          if (lang === 'zh' && !cjk.test(text[i])) continue;
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect) continue;
          const top = Math.round(rect.top + rect.height / 2);
          lines.set(top, (lines.get(top) ?? 0) + 1);
        }
      }
      for (const n of lines.values()) widest = Math.max(widest, n);
    }
    return widest;
  }, lang);
}

/** The smallest space, in ems of the larger of the two cells' type, between the Chinese and English cells of any row with both. */
function closestLanguages(p: Page): Promise<number> {
  return p.evaluate(() => {
    let least = Infinity;
    for (const row of Array.from(document.querySelectorAll('.row'))) {
      const s = row.querySelector('.cell.src:not(.empty)') as HTMLElement | null;
      const t = row.querySelector('.cell.tgt:not(.empty)') as HTMLElement | null;
      if (!s || !t || s.getClientRects().length === 0 || t.getClientRects().length === 0) continue;
      const a = s.getBoundingClientRect();
      const b = t.getBoundingClientRect();
      const em = Math.max(parseFloat(getComputedStyle(s).fontSize), parseFloat(getComputedStyle(t).fontSize));
      const apart = Math.abs(a.top - b.top) < 1 ? Math.max(b.left - a.right, a.left - b.right) : Math.max(b.top - a.bottom, a.top - b.bottom);
      least = Math.min(least, apart / em);
    }
    return least;
  });
}

const background = (p: Page) => p.evaluate(() => getComputedStyle(document.body).backgroundColor);
/** Relative luminance-ish brightness (0–255) of an `rgb(…)` colour. */
const brightness = (rgb: string) => {
  const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
  return 0.299 * r + 0.587 * g + 0.114 * b;
};

describe('reading views at 1280 px', () => {
  it('show no QA data outside review mode, in any view and colour scheme', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const view of VIEWS) {
        await choose(page, view);
        expect(await page.locator('.meta:visible').count(), view.join('+')).toBe(0);
        const text = await page.locator('main').innerText();
        expect(text).not.toMatch(/score \d|\b\d+:\d+\b|not 1:1|low score|Next to review/);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await setReview(page, true);
    expect(await page.locator('.meta:visible').count()).toBe(bitext.links.length);
    await setReview(page, false);
    await choose(page, VIEWS[0]);
  });
  it('keep single-language and alternating lines to ≤ 80 Latin / ≤ 40 CJK characters', async () => {
    for (const view of [VIEWS[2], VIEWS[4], VIEWS[5]]) {
      await choose(page, view);
      for (const review of [false, true]) {
        await setReview(page, review);
        if (view[0] !== 'view-tgt') expect(await widestLine(page, 'zh'), `${view.join('+')} review ${review}`).toBeLessThanOrEqual(40);
        if (view[0] !== 'view-src') expect(await widestLine(page, 'en'), `${view.join('+')} review ${review}`).toBeLessThanOrEqual(80);
      }
    }
    await setReview(page, false);
    await choose(page, VIEWS[0]);
  });
  it('keep at least 0.75 em between the languages in every layout, phones included', async () => {
    for (const view of VIEWS.slice(0, 4)) {
      await choose(page, view);
      expect(await closestLanguages(page), view.join('+')).toBeGreaterThanOrEqual(0.75);
    }
    await page.setViewportSize({ width: 375, height: 800 });
    for (const view of VIEWS.slice(0, 2)) {
      await choose(page, view);
      for (const review of [false, true]) {
        await setReview(page, review);
        expect(await closestLanguages(page), `375 px ${view.join('+')} review ${review}`).toBeGreaterThanOrEqual(0.75);
      }
    }
    await setReview(page, false);
    await page.setViewportSize({ width: 1280, height: 900 });
    await choose(page, VIEWS[0]);
  });
  it('titles the page from the front matter, lists the headings and links back to the list', async () => {
    expect(await page.title()).toBe('Icon'); // title: Icon in both front matters
    const headings = bitext.links.filter((l) => l.source.length > 0 && bitext.source.blocks[l.source[0]].kind === 'heading' && (bitext.source.blocks[l.source[0]].depth ?? 2) <= 3);
    const entries = page.locator('.toc li');
    expect(await entries.count()).toBeGreaterThanOrEqual(headings.length);
    const href = await entries.first().locator('a').getAttribute('href');
    await entries.first().locator('a').click();
    expect(page.url()).toBe(`${edition}${href}`);
    await page.click('.crumbs a');
    expect(page.url()).toBe(listing);
    await page.goto(edition);
  });
});

/**
 * For each run of consecutive rows whose cell on `side` is a table (the rows of one Markdown
 * table: one `<table>` a row), the left edges of the columns of each row table, rounded to the
 * pixel; and the words of at most 8 Latin letters in table cells that take more than one line box
 * (broken inside the word).
 */
function tableLayout(p: Page, side: 'src' | 'tgt'): Promise<{ runs: number[][][]; broken: string[] }> {
  return p.evaluate((side) => {
    const runs: number[][][] = [];
    let run: number[][] | undefined;
    for (const row of Array.from(document.querySelectorAll('main .row'))) {
      const table = row.querySelector(`.cell.${side} > table`);
      if (!table) {
        run = undefined;
        continue;
      }
      if (!run) runs.push((run = []));
      run.push(Array.from(table.querySelectorAll('tr > *')).map((c) => Math.round(c.getBoundingClientRect().left)));
    }
    const broken: string[] = [];
    const range = document.createRange();
    for (const cell of Array.from(document.querySelectorAll(`.cell.${side} table :is(th, td)`))) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of (node.nodeValue ?? '').matchAll(/[A-Za-z]+/g)) {
          if (word[0].length > 8) continue;
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          if (range.getClientRects().length > 1) broken.push(word[0]);
        }
      }
    }
    return { runs, broken };
  }, side);
}

describe('tables at 1280 px', () => {
  it('line their columns up across the row tables of one side and break no short word', async () => {
    await page.goto(edition);
    for (const side of ['src', 'tgt'] as const) {
      const { runs, broken } = await tableLayout(page, side);
      // antd-icon holds four tables of 6 columns, each with its header row and at least two body rows
      expect(runs.length, side).toBeGreaterThanOrEqual(4);
      for (const run of runs) {
        expect(run.length, side).toBeGreaterThanOrEqual(3);
        for (const edges of run) expect(edges, side).toEqual(run[0]);
        expect(run[0], side).toHaveLength(6);
      }
      expect(broken, side).toEqual([]);
    }
  });
});

describe('colours', () => {
  it('follows the system scheme, and the toggle overrides it either way', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    expect(brightness(await background(page))).toBeGreaterThan(200);
    await page.click('label[for=theme-dark]');
    expect(brightness(await background(page))).toBeLessThan(50);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.click('label[for=theme-auto]');
    expect(brightness(await background(page))).toBeLessThan(50);
    await page.click('label[for=theme-light]');
    expect(brightness(await background(page))).toBeGreaterThan(200);
    await page.reload(); // the choice is remembered
    expect(await page.isChecked('#theme-light')).toBe(true);
    await page.click('label[for=theme-auto]');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.evaluate(() => localStorage.clear());
  });
});

describe('print', () => {
  it('sets both languages at one size, in black, without QA data even from review mode, and makes a PDF', async () => {
    await page.goto(edition);
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    await setReview(page, true);
    const size = (sel: string) => page.locator(sel).first().evaluate((el) => getComputedStyle(el).fontSize);
    expect(await size('.cell.src:not(.empty)')).toBe(await size('.cell.tgt:not(.empty)'));
    expect(await page.locator('.meta:visible, .controls:visible, .toc:visible').count()).toBe(0);
    expect(brightness(await background(page))).toBeGreaterThan(200);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    await setReview(page, false);
    await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
  });
});

describe('phones (375 px)', () => {
  it('show only controls that change the page', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(edition);
    const state = () =>
      page.evaluate(() =>
        JSON.stringify([
          Array.from(document.querySelectorAll('#b2 .cell, #b2 .meta')).map((c) => (c.getClientRects().length ? `${Math.round(c.getBoundingClientRect().top)}` : 'hidden')),
          getComputedStyle(document.body).backgroundColor,
        ]),
      );
    const inputs = await page.locator('.controls input:visible').evaluateAll((els) => els.map((e) => e.id));
    expect(inputs).not.toContain('layout-alt');
    // each choice the page does not start with, made from the starting state, changes what is
    // shown under one colour scheme at least ("Light" changes nothing when the system is light)
    const choices = inputs.filter((id) => !['view-both', 'layout-side', 'order-src', 'theme-auto'].includes(id));
    const changing = new Set<string>();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const defaults = await state();
      for (const id of choices) {
        await page.click(`label[for=${id}]`);
        if ((await state()) !== defaults) changing.add(id);
        await page.evaluate(() => localStorage.clear());
        await page.reload();
      }
    }
    expect([...changing].sort()).toEqual([...choices].sort());
    expect(choices).toEqual(['view-src', 'view-tgt', 'order-tgt', 'review', 'theme-light', 'theme-dark']);
    await page.emulateMedia({ colorScheme: 'light' });
  });
  it('label the numbers of the document list', async () => {
    await page.goto(listing);
    const labels = await page.locator('td.n').evaluateAll((cells) => cells.map((c) => `${getComputedStyle(c, '::before').content} ${c.textContent}`));
    expect(labels).toEqual([`"Links: " ${bitext.links.length}`, `"To review: " ${queue.length}`]);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe('keyboard and review', () => {
  it('has one Tab stop a row; arrow keys move between the sentences of the row', async () => {
    await page.goto(edition);
    const stops = () => page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('main .s')).filter((s) => s.tabIndex === 0).map((s) => s.closest('.row')!.id));
    const rowsWithText = await page.locator('.row:has(.s)').count();
    expect(new Set(await stops()).size).toBe(rowsWithText);
    expect((await stops()).length).toBe(rowsWithText);
    const row = await page.locator('.row').evaluateAll((rows) => rows.find((r) => r.querySelectorAll('.cell.src .s').length >= 2)!.id);
    const first = page.locator(`#${row} .s[tabindex="0"]`);
    await first.focus();
    const ids = await page.locator(`#${row} .s`).evaluateAll((els) => els.map((e) => e.getAttribute('data-link')));
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-link'))).toBe(ids[1]);
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-link'))).toBe(ids[0]);
    await choose(page, ['view-tgt']);
    await page.evaluate(() => document.getElementById('view-tgt')!.dispatchEvent(new Event('change', { bubbles: true })));
    // every row showing a sentence has its stop on a shown one (the stops moved to the English side)
    const lost = await page.evaluate(() =>
      Array.from(document.querySelectorAll('main .row'))
        .filter((r) => Array.from(r.querySelectorAll('.s')).some((s) => s.getClientRects().length > 0))
        .filter((r) => Array.from(r.querySelectorAll<HTMLElement>('.s')).filter((s) => s.tabIndex === 0 && s.getClientRects().length > 0).length !== 1)
        .map((r) => r.id),
    );
    expect(lost).toEqual([]);
    await page.evaluate(() => localStorage.clear());
  });
  it('queues non-1:1 sentence links and check errors for n/p, and shows the findings on their rows', async () => {
    await page.goto(edition);
    // the queue holds every row check reports an error on and every row with a sentence link not 1-1
    const errorRows = [...new Set(findings.filter((f) => f.level === 'error').map((f) => f.link))];
    const sentenceRows = bitext.links.flatMap((l, k) => (l.sentences.some((s) => s.source.length !== 1 || s.target.length !== 1) ? [k] : []));
    expect(queue).toEqual(expect.arrayContaining([...errorRows, ...sentenceRows]));
    expect(await page.locator('.row.queue').evaluateAll((rows) => rows.map((r) => r.id))).toEqual(queue.map((k) => `b${k}`));
    // the review count is QA data: shown in review mode only (n switches it on)
    expect(await page.locator('.summary').innerText()).not.toMatch(/to review/i);
    await page.keyboard.press('n');
    expect(await page.locator('.summary').innerText()).toContain(`${queue.length} to review`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`b${queue[0]}`);
    await page.keyboard.press('n');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`b${queue[1]}`);
    for (const f of findings.filter((x) => x.level === 'error')) {
      expect(await page.locator(`#b${f.link} .findings`).innerText()).toContain(f.message);
    }
    await page.evaluate(() => localStorage.clear());
  });
});

describe('accessibility', () => {
  it('axe-core reports no violations in any view, both colour schemes, review mode and the list', async () => {
    const audit = await launch({ bypassCSP: true });
    try {
      const p = await audit.newPage();
      const violations = () => axeViolations(p);
      for (const scheme of ['light', 'dark'] as const) {
        await p.emulateMedia({ colorScheme: scheme });
        await p.goto(edition);
        for (const view of [VIEWS[0], VIEWS[3], VIEWS[4], VIEWS[5]]) {
          await choose(p, view);
          expect(await violations(), `${scheme} ${view.join('+')}`).toEqual([]);
        }
        await setReview(p, true);
        await choose(p, VIEWS[0]);
        expect(await violations(), `${scheme} review`).toEqual([]);
        await p.goto(listing);
        expect(await violations(), `${scheme} list`).toEqual([]);
      }
    } finally {
      await audit.close();
    }
  }, 240_000);
});
