/// <reference lib="dom" />
/**
 * The `bitext diff --html` page in a real browser (Debian's Chromium through playwright-core):
 * the stale-units table keeps every origin (`doc#link`) and the Origin header on one line at
 * 1280 and 375 px (user test: the column was squeezed to "Orig/in", "zhon/gnan/hai#/b3").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { loadBitext } from '../../pipeline/align/pairs.ts';
import { unitsFromBitext } from '../../pipeline/memory/index.ts';
import { formatDiffHtml } from '../../pipeline/publish/index.ts';
import type { AlignmentDiff } from '../../pipeline/types.ts';
import { SHARED } from '../helpers/paths.ts';
import { launch, type Session } from './chromium.ts';

const bitext = loadBitext(`${SHARED}corpus/zhongnanhai`);
/** Every unit of the real pair made stale: long Chinese and English texts beside short origins. */
const units = unitsFromBitext(bitext);
const diff: AlignmentDiff = {
  doc: bitext.doc,
  sourceLang: bitext.source.lang,
  targetLang: bitext.target.lang,
  oldLabel: 'old',
  newLabel: 'new',
  changes: [],
  unchanged: 0,
  counts: { added: 0, removed: 0, changed: 0, 're-paired': 0 },
  staleUnits: units.map((u) => ({ origin: u.origin ?? { doc: bitext.doc, link: '' }, source: u.source, target: u.target })),
  newUnits: 0,
};
const dir = mkdtempSync(join(tmpdir(), 'bitext-diff-page-'));
const file = join(dir, 'diff.html');
let session: Session;
let page: Page;

beforeAll(async () => {
  writeFileSync(file, formatDiffHtml(diff, { uiLang: 'en' }));
  session = await launch();
  page = await session.newPage();
});
afterAll(async () => {
  await session?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** For each first-column cell of the table: its text and the number of line boxes it takes. */
const firstColumn = (p: Page) =>
  p.locator('table tr > :first-child').evaluateAll((cells) =>
    cells.map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
      return { text: cell.textContent ?? '', lines: tops.size };
    }),
  );

describe('diff --html stale-units table', () => {
  it('has real stale units to show (gold: the pair has sentence links like zhongnanhai#b3s0)', () => {
    expect(diff.staleUnits.length).toBeGreaterThan(10);
    expect(diff.staleUnits.map((u) => `${u.origin.doc}#${u.origin.link}`)).toContain('zhongnanhai#b3');
  });
  for (const width of [1280, 375]) {
    it(`keeps the Origin header and every origin on one line at ${width} px`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(pathToFileURL(file).href);
      const cells = await firstColumn(page);
      expect(cells[0].text).toBe('Origin');
      expect(cells.length).toBe(diff.staleUnits.length + 1);
      expect(cells.filter((c) => c.lines !== 1)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      expect(session.errors).toEqual([]);
    });
  }
});
