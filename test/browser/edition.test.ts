/// <reference lib="dom" />
/**
 * The edition in a real browser (Debian's Chromium through playwright-core): views by mouse and
 * keyboard, with and without JavaScript; counterpart highlighting; n/p review navigation; no
 * console errors, no network requests, no horizontal scroll at 375 px; axe-core finds no
 * violations. Screenshots at 1280 and 375 px go to test-artifacts/ (git-ignored).
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
import { ROOT, SHARED } from '../helpers/paths.ts';
import { axeViolations, launch, type Session } from './chromium.ts';

const ARTIFACTS = join(ROOT, 'test-artifacts');
const bitext = loadBitext(`${SHARED}corpus/zhongnanhai`);
const site = mkdtempSync(join(tmpdir(), 'bitext-edition-'));
const edition = pathToFileURL(join(site, 'zhongnanhai', 'index.html')).href;
const hant = pathToFileURL(join(site, 'zhongnanhai', 'index.hant.html')).href;
const listing = pathToFileURL(join(site, 'index.html')).href;
/** Rows of the edition's review queue, from the alignment and check's findings (not from the page). */
const flagged = toReview(bitext.links, checkBitext(bitext)).map((k) => `b${k}`);

let session: Session;
let page: Page;

beforeAll(async () => {
  mkdirSync(join(site, 'zhongnanhai'), { recursive: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(site, 'zhongnanhai', 'index.html'), renderEdition(bitext, { uiLang: 'en' }));
  writeFileSync(join(site, 'zhongnanhai', 'index.hant.html'), renderEdition(bitext, { uiLang: 'zh-TW', script: 'hant' }));
  writeFileSync(
    join(site, 'index.html'),
    renderIndex([{ doc: 'zhongnanhai', title: { source: bitext.source.blocks[0].text, target: bitext.target.blocks[0].text }, href: 'zhongnanhai/index.html', links: bitext.links.length, flagged: flagged.length, alternate: { href: 'zhongnanhai/index.hant.html', script: 'hant' } }], { uiLang: 'en' }),
  );
  session = await launch();
  page = await session.newPage();
  await page.goto(edition);
});

afterAll(async () => {
  await session?.close();
  rmSync(site, { recursive: true, force: true });
});

const display = (p: Page, selector: string) => p.locator(selector).first().evaluate((el) => getComputedStyle(el).display);
const box = async (p: Page, selector: string) => (await p.locator(selector).first().boundingBox())!;
const overflow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
/** Where the two cells of row `id` sit relative to each other. */
async function arrangement(p: Page, id = 'b2'): Promise<'src-left' | 'tgt-left' | 'src-above' | 'tgt-above'> {
  const s = await box(p, `#${id} .cell.src`);
  const t = await box(p, `#${id} .cell.tgt`);
  if (Math.abs(s.y - t.y) < 2) return s.x < t.x ? 'src-left' : 'tgt-left';
  return s.y < t.y ? 'src-above' : 'tgt-above';
}

describe('views by mouse', () => {
  it('starts bilingual, side by side, Chinese left', async () => {
    expect(await display(page, '.cell.src')).toBe('block');
    expect(await display(page, '.cell.tgt')).toBe('block');
    expect(await arrangement(page)).toBe('src-left');
    await page.screenshot({ path: join(ARTIFACTS, 'edition-1280.png'), fullPage: false });
  });
  it('switches to Chinese only and English only, one wide column each', async () => {
    await page.click('label[for=view-src]');
    expect(await display(page, '.cell.tgt')).toBe('none');
    expect(await page.locator('.cell.tgt:visible').count()).toBe(0);
    expect(await page.locator('.cell.src:visible').count()).toBe(bitext.links.length);
    const main = await box(page, 'main');
    expect((await box(page, '#b2 .cell.src')).width).toBeGreaterThan(main.width * 0.7);
    await page.click('label[for=view-tgt]');
    expect(await page.locator('.cell.src:visible').count()).toBe(0);
    expect(await page.locator('.cell.tgt:visible').count()).toBe(bitext.links.length);
    await page.click('label[for=view-both]');
    expect(await page.locator('.cell:visible').count()).toBe(2 * bitext.links.length);
  });
  it('alternates paragraphs and swaps sides', async () => {
    await page.click('label[for=order-tgt]');
    expect(await arrangement(page)).toBe('tgt-left');
    await page.click('label[for=layout-alt]');
    expect(await arrangement(page)).toBe('tgt-above');
    await page.click('label[for=order-src]');
    expect(await arrangement(page)).toBe('src-above');
    await page.click('label[for=layout-side]');
    expect(await arrangement(page)).toBe('src-left');
  });
  it('single-language views with alternating paragraphs keep every cell at the same place in its row', async () => {
    // User test: "Chinese only" + "Alternating paragraphs" + "English first" put the Chinese cell
    // of row b6 (a 1:2 link, taller meta column) ~33 px down its row, others 10 px (the row's
    // padding-top, .625rem); with review marks on, a blank band. Every combination is checked.
    const offsets = (cell: 'src' | 'tgt') =>
      page.locator('.row').evaluateAll((rows, c) => rows.map((r) => Math.round(r.querySelector(`.cell.${c}`)!.getBoundingClientRect().top - r.getBoundingClientRect().top)), cell);
    for (const review of [false, true]) {
      if (review) await page.click('label[for=review]');
      for (const [view, cell] of [['view-src', 'src'], ['view-tgt', 'tgt']] as const) {
        for (const order of ['order-tgt', 'order-src']) {
          await page.click(`label[for=${view}]`);
          await page.click('label[for=layout-alt]');
          await page.click(`label[for=${order}]`);
          const top = await offsets(cell);
          expect(top.length, `${view}+${order}`).toBe(bitext.links.length);
          expect(new Set(top), `${view}+layout-alt+${order}${review ? '+review' : ''}: ${top.join(',')}`).toEqual(new Set([10]));
        }
      }
      if (review) await page.click('label[for=review]');
    }
    await page.click('label[for=view-both]');
    await page.click('label[for=order-src]');
    await page.click('label[for=layout-side]');
    expect(await arrangement(page)).toBe('src-left');
  });
  it('review mode highlights exactly the links to review', async () => {
    expect(flagged).toEqual(expect.arrayContaining(['b6', 'b11', 'b15'])); // gold: [6]:[6,7], [11]:[], [15,16]:[15]
    const background = (id: string) => page.locator(`#${id}`).evaluate((el) => getComputedStyle(el).backgroundColor);
    const plain = await background('b2');
    await page.click('label[for=review]');
    for (const id of flagged) expect(await background(id)).not.toBe(plain);
    expect(await background('b2')).toBe(plain);
    await page.locator(`#${flagged[0]}`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'edition-review-1280.png') });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click('label[for=review]');
  });
});

describe('views by keyboard', () => {
  it('Tab reaches each group; arrow keys and Space switch', async () => {
    await page.goto(edition);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('view-both');
    await page.keyboard.press('ArrowRight');
    expect(await page.isChecked('#view-src')).toBe(true);
    expect(await display(page, '.cell.tgt')).toBe('none');
    await page.keyboard.press('ArrowRight');
    expect(await page.isChecked('#view-tgt')).toBe(true);
    expect(await display(page, '.cell.src')).toBe('none');
    await page.keyboard.press('ArrowRight'); // wraps to bilingual
    expect(await page.isChecked('#view-both')).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('layout-side');
    await page.keyboard.press('ArrowRight');
    expect(await arrangement(page)).toBe('src-above');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    expect(await arrangement(page)).toBe('tgt-above');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('review');
    await page.keyboard.press('Space');
    expect(await page.isChecked('#review')).toBe(true);
  });
  it('remembers the choices across a reload (JavaScript on)', async () => {
    await page.reload();
    expect(await page.isChecked('#layout-alt')).toBe(true);
    expect(await page.isChecked('#order-tgt')).toBe(true);
    expect(await page.isChecked('#review')).toBe(true);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    expect(await page.isChecked('#layout-side')).toBe(true);
    expect(await arrangement(page)).toBe('src-left');
  });
  it('n and p move between the links to review', async () => {
    await page.goto(edition);
    const focused = () => page.evaluate(() => document.activeElement?.id);
    await page.keyboard.press('n');
    expect(await focused()).toBe(flagged[0]);
    expect(await page.isChecked('#review')).toBe(true);
    await page.keyboard.press('n');
    expect(await focused()).toBe(flagged[1]);
    await page.keyboard.press('p');
    expect(await focused()).toBe(flagged[0]);
    await page.keyboard.press('p'); // wraps to the last
    expect(await focused()).toBe(flagged[flagged.length - 1]);
    await page.evaluate(() => localStorage.clear());
  });
});

describe('counterpart highlighting', () => {
  it('hovering a Chinese sentence highlights it and its English counterpart(s)', async () => {
    await page.goto(edition);
    const link = await page.locator('#b3 .cell.src .s').first().getAttribute('data-link');
    expect(link).toMatch(/^b3s\d+$/);
    await page.hover(`#b3 .cell.src .s[data-link="${link}"]`);
    const lit = await page.locator('.s.hl').evaluateAll((els) => els.map((e) => [e.closest('.cell')!.classList.contains('src') ? 'src' : 'tgt', e.getAttribute('data-link')]));
    expect(lit.map((x) => x[1])).toEqual(lit.map(() => link));
    expect(lit.map((x) => x[0])).toContain('src');
    expect(lit.map((x) => x[0])).toContain('tgt');
    const colour = await page.locator(`#b3 .cell.tgt .s[data-link="${link}"]`).first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(colour).not.toBe('rgba(0, 0, 0, 0)');
    await page.mouse.move(0, 0);
    expect(await page.locator('.s.hl').count()).toBe(0);
  });
  it('focusing an English sentence with the keyboard highlights its Chinese counterpart', async () => {
    const target = page.locator('#b4 .cell.tgt .s').first();
    const link = await target.getAttribute('data-link');
    await target.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-link'))).toBe(link);
    expect(await page.locator(`#b4 .cell.src .s.hl[data-link="${link}"]`).count()).toBeGreaterThan(0);
  });
});

describe('narrow screens, print, JavaScript off', () => {
  it('has no horizontal scroll at 375 px in any view, rows in one column', async () => {
    await page.goto(edition);
    await page.setViewportSize({ width: 375, height: 800 });
    // The layout choice is hidden on phones (it would change nothing there); a choice made on a
    // wider screen still holds, so it is set by script.
    const choose = (id: string) => (id.startsWith('layout-') ? page.locator(`#${id}`).evaluate((el) => (el as HTMLInputElement).click()) : page.click(`label[for=${id}]`));
    for (const choice of [[], ['view-src'], ['view-tgt'], ['view-both', 'layout-alt'], ['order-tgt'], ['review']]) {
      for (const id of choice) await choose(id);
      expect(await overflow(page), choice.join('+') || 'default').toBeLessThanOrEqual(0);
    }
    await page.click('label[for=review]');
    await page.click('label[for=order-src]');
    await choose('layout-side');
    expect(await arrangement(page)).toBe('src-above');
    await page.screenshot({ path: join(ARTIFACTS, 'edition-375.png') });
    await page.goto(hant);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'edition-hant-375.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, 'edition-hant-1280.png') });
  });
  it('prints without the controls', async () => {
    await page.goto(edition);
    await page.emulateMedia({ media: 'print' });
    expect(await display(page, '.controls')).toBe('none');
    expect(await display(page, '.cell.src')).toBe('block');
    await page.emulateMedia({ media: 'screen' });
  });
  it('switches every view with JavaScript off', async () => {
    const off = await launch({ javaScriptEnabled: false });
    try {
      const p = await off.newPage();
      await p.goto(edition);
      await p.click('label[for=view-tgt]');
      expect(await display(p, '.cell.src')).toBe('none');
      await p.click('label[for=view-both]');
      await p.click('label[for=layout-alt]');
      expect(await arrangement(p)).toBe('src-above');
      await p.click('label[for=order-tgt]');
      expect(await arrangement(p)).toBe('tgt-above');
      await p.click('label[for=review]');
      expect(await p.locator(`#${flagged[0]} .meta .next`).isVisible()).toBe(flagged.length > 1);
      expect(off.errors).toEqual([]);
    } finally {
      await off.close();
    }
  });
});

describe('page health', () => {
  it('logged no console error and requested nothing but the pages themselves', async () => {
    await page.goto(listing);
    await page.click('a >> nth=1'); // the Traditional edition's link beside the title
    expect(page.url()).toBe(hant);
    await page.goto(listing);
    await page.click('a >> nth=0');
    expect(page.url()).toBe(edition);
    expect(session.errors).toEqual([]);
    expect(session.requests).toContain(edition); // requests are seen at all
    const allowed = new Set([edition, hant, listing]);
    expect(session.requests.filter((u) => !allowed.has(u.replace(/#.*$/, '')))).toEqual([]);
  });
  it('axe-core reports no violations on the edition (both interface languages, review mode) and the list', async () => {
    const audit = await launch({ bypassCSP: true });
    try {
      const p = await audit.newPage();
      const violations = () => axeViolations(p);
      await p.goto(edition);
      expect(await violations()).toEqual([]);
      await p.click('label[for=review]');
      await p.hover('#b3 .cell.src .s');
      expect(await violations()).toEqual([]);
      await p.setViewportSize({ width: 375, height: 800 });
      await p.goto(hant);
      expect(await violations()).toEqual([]);
      await p.goto(listing);
      expect(await violations()).toEqual([]);
      await p.setViewportSize({ width: 1280, height: 900 });
      await p.screenshot({ path: join(ARTIFACTS, 'index-1280.png') });
    } finally {
      await audit.close();
    }
  });
});
