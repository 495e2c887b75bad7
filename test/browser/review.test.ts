/// <reference lib="dom" />
/**
 * The review editor (`bitext review`, issue 12 items 5–6) in a real browser (Debian's Chromium
 * through playwright-core) against the real server started in-process on 127.0.0.1, port 0, over
 * a temporary source folder holding the invented pair of test/helpers/library-pair.ts (one dropped
 * paragraph; its gold links worked out by reading the texts) and a second document for the list
 * page. Every expected alignment below is worked out by hand from the gold and the edit's meaning
 * (review-contract: merge, split, move, none, confirm, undo, redo), never read from the aligner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startReviewServer, type ReviewServer } from '../../pipeline/review/index.ts';
import { build } from '../../pipeline/build.ts';
import { fixture, removeFixtures } from '../helpers/fixtures.ts';
import { EN, GOLD, ZH } from '../helpers/library-pair.ts';
import { axeViolations, launch, type Session } from './chromium.ts';

type Shape = number[][][];
const text = (lines: string[]) => lines.join('\n\n') + '\n';
const root = fixture({ 'library/zh.md': text(ZH), 'library/en.md': text(EN), 'other/zh.md': text(ZH.slice(0, 2)), 'other/en.md': text(EN.slice(0, 2)) });
const docDir = join(root, 'library');

/** GOLD with links `at`…`at + count - 1` replaced by `links`. */
const replaced = (at: number, count: number, ...links: Shape): Shape => [...GOLD.slice(0, at), ...links, ...GOLD.slice(at + count)];
/** Links 1 and 2 of the gold as one: [1,2]:[1,2,3]. */
const MERGED = canonical(replaced(1, 2, [[1, 2], [1, 2, 3]]));
/** Link 2 [2]:[2,3] split after its first block of each side: [2]:[2] and []:[3]. */
const SPLIT = canonical(replaced(2, 1, [[2], [2]], [[], [3]]));
/** English block 3 moved from link 2 to link 3: every link 1-1. */
const ONE_TO_ONE = GOLD.map((_, k) => [[k], [k]]);
/** English block 2 (first of link 2's English) has no counterpart: []:[2] before [2]:[3]. */
const ALONE = canonical(replaced(2, 1, [[], [2]], [[2], [3]]));

let server: ReviewServer;
let session: Session;
let page: Page;
let origin: string;
const editor = () => `${origin}/doc/library?token=${server.token}`;

/**
 * `links` with each run of neighbouring links that have an empty side (1-0, 0-1) in one order:
 * a 1-0 and a 0-1 beside each other may stand either way round, both orders are the same alignment.
 */
function canonical(links: Shape): Shape {
  const out: Shape = [];
  for (let k = 0; k < links.length; ) {
    let end = k;
    while (end < links.length && (links[end][0].length === 0 || links[end][1].length === 0)) end++;
    if (end === k) out.push(links[k++]);
    else {
      out.push(...links.slice(k, end).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))));
      k = end;
    }
  }
  return out;
}
/** The block links as the page shows them: the Chinese and English block ids of each row (`canonical`). */
const shape = async (p: Page): Promise<Shape> =>
  canonical(
    await p.locator('#links > .link').evaluateAll((rows) =>
      rows.map((row) => ['src', 'tgt'].map((side) => Array.from(row.querySelectorAll(`.cell.${side} .blk`), (b) => Number(b.getAttribute('data-id'))))),
    ),
  );
const version = (p: Page) => p.locator('main').getAttribute('data-version').then(Number);
const selected = (p: Page) => p.locator('#links > .link.sel').getAttribute('data-i').then(Number);
/** Run `action` (a key press or a click) and wait until the page shows the state the server saved after it. */
async function saved(p: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await version(p);
  await action();
  await p.locator(`main[data-version="${before + 1}"]`).waitFor();
}
/** Select link `i` with j / k. */
async function selectByKeys(p: Page, i: number): Promise<void> {
  while ((await selected(p)) < i) await p.keyboard.press('j');
  while ((await selected(p)) > i) await p.keyboard.press('k');
}
/** Console errors other than a 409 response, which the page is built to get (a stale tab) and handles. */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 409/.test(e));
const button = (p: Page, name: string) => p.getByRole('button', { name, exact: true });
const opButton = (p: Page, name: string) => p.locator('#links .link.sel .ops').getByRole('button', { name, exact: true });

beforeAll(async () => {
  server = await startReviewServer({ root, port: 0 });
  origin = new URL(server.url).origin;
  session = await launch();
  page = await session.newPage();
});
afterAll(async () => {
  await session?.close();
  await server?.close();
  removeFixtures();
});

describe('the token', () => {
  it('is required on every route: none or a wrong one is refused with 403, the query or the header admits', async () => {
    for (const path of ['/', '/doc/library', '/client.js', '/api/docs', '/api/doc/library']) {
      expect((await fetch(origin + path)).status, path).toBe(403);
      expect((await fetch(`${origin}${path}?token=${'0'.repeat(32)}`)).status, path).toBe(403);
      expect((await fetch(origin + path, { headers: { Authorization: `Token ${server.token}` } })).status, path).toBe(200);
    }
    const edit = await fetch(`${origin}/api/doc/library/edit`, { method: 'POST', body: JSON.stringify({ version: 1, op: { kind: 'confirm', link: 0 } }) });
    expect(edit.status).toBe(403);
    // In a browser of its own: the refused page (and the icon the browser then asks for) log console errors.
    const refused = await launch();
    try {
      const response = await (await refused.newPage()).goto(`${origin}/doc/library`);
      expect(response?.status()).toBe(403);
    } finally {
      await refused.close();
    }
    expect(existsSync(join(docDir, 'corrections.json'))).toBe(false);
  });
});

describe('the list page', () => {
  it('lists both documents with their link and review counts from the API, and links to each editor', async () => {
    await page.goto(server.url);
    const api = (await (await fetch(`${origin}/api/docs?token=${server.token}`)).json()) as { docs: { name: string; links: number; review: number }[] };
    for (const doc of api.docs) {
      const row = page.locator(`tr[data-doc="${doc.name}"]`);
      await expect.poll(() => row.locator('.links').textContent()).toBe(String(doc.links));
      expect(await row.locator('.review').textContent()).toBe(String(doc.review));
    }
    await page.getByRole('link', { name: 'library' }).click();
    await page.locator('main[data-version]').waitFor();
    expect(page.url()).toBe(editor());
  });
});

describe('the editor', () => {
  it('fixes the dropped paragraph in 3 key presses from the first marked link (n, then j → [)', async () => {
    await page.goto(editor());
    await page.locator('main[data-version]').waitFor();
    // On its own the aligner pairs zh 2 with en 2 and zh 3 with en 3 (test/align-corrections.test.ts).
    expect(await shape(page)).not.toEqual(GOLD);
    await page.keyboard.press('n');
    // The first link to review: zh 2 holds two sentences, its English one — a sentence link that is not 1-1.
    expect(await selected(page)).toBe(2);
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowRight');
    await saved(page, () => page.keyboard.press('['));
    expect(await shape(page)).toEqual(GOLD);
    expect(await page.locator('#status').textContent()).toMatch(/^Saved: /);
    expect(await page.locator('#links > .link.corrected').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-i'))))).toEqual([2, 3]);
    const file = JSON.parse(readFileSync(join(docDir, 'corrections.json'), 'utf8')) as { corrections: { source: { block: number }[]; target: { block: number }[] }[] };
    expect(file.corrections.map((c) => [c.source.map((b) => b.block), c.target.map((b) => b.block)])).toEqual([GOLD[2], GOLD[3]]);
  });

  it('shows the saved state after a reload', async () => {
    await page.reload();
    await page.locator('main[data-version]').waitFor();
    expect(await shape(page)).toEqual(GOLD);
    expect(await page.locator('#links > .link.corrected').count()).toBe(2);
  });

  it('does every operation by keyboard: m, M, s, ] [, Alt+↓ Alt+↑, x, c, and undo / redo by u, Ctrl+Z, Ctrl+Y, Ctrl+Shift+Z', async () => {
    await page.locator('#links > .link.sel').focus();
    await selectByKeys(page, 1);
    await saved(page, () => page.keyboard.press('m'));
    expect(await shape(page)).toEqual(MERGED);
    await saved(page, () => page.keyboard.press('u'));
    expect(await shape(page)).toEqual(GOLD);
    await saved(page, () => page.keyboard.press('Control+y'));
    expect(await shape(page)).toEqual(MERGED);
    await saved(page, () => page.keyboard.press('Control+z'));
    expect(await shape(page)).toEqual(GOLD);
    await saved(page, () => page.keyboard.press('Control+Shift+Z'));
    expect(await shape(page)).toEqual(MERGED);
    await saved(page, () => page.keyboard.press('u'));

    await selectByKeys(page, 2);
    await saved(page, () => page.keyboard.press('Shift+M'));
    expect(await shape(page)).toEqual(MERGED);
    await saved(page, () => page.keyboard.press('u'));

    await selectByKeys(page, 2);
    await saved(page, () => page.keyboard.press('s'));
    expect(await shape(page)).toEqual(SPLIT);
    await saved(page, () => page.keyboard.press('u'));

    await selectByKeys(page, 2);
    await page.keyboard.press('ArrowRight');
    await saved(page, () => page.keyboard.press(']'));
    expect(await shape(page)).toEqual(ONE_TO_ONE);
    await selectByKeys(page, 3);
    await saved(page, () => page.keyboard.press('['));
    expect(await shape(page)).toEqual(GOLD);
    await selectByKeys(page, 2);
    await saved(page, () => page.keyboard.press('Alt+ArrowDown'));
    expect(await shape(page)).toEqual(ONE_TO_ONE);
    await selectByKeys(page, 3);
    await saved(page, () => page.keyboard.press('Alt+ArrowUp'));
    expect(await shape(page)).toEqual(GOLD);

    await selectByKeys(page, 2);
    await saved(page, () => page.keyboard.press('x'));
    expect(await shape(page)).toEqual(ALONE);
    await saved(page, () => page.keyboard.press('u'));
    expect(await shape(page)).toEqual(GOLD);

    await page.keyboard.press('ArrowLeft');
    await selectByKeys(page, 0);
    await saved(page, () => page.keyboard.press('c'));
    expect(await page.locator('#l0').getAttribute('class')).toContain('corrected');
    await saved(page, () => page.keyboard.press('c'));
    expect(await page.locator('#l0').getAttribute('class')).not.toContain('corrected');
    expect(await shape(page)).toEqual(GOLD);
    expect(unexpected(session.errors)).toEqual([]);
  });

  it('does every operation by mouse: select by click, the link’s buttons, Undo and Redo', async () => {
    await page.locator('#l1 .cell.src').click();
    expect(await selected(page)).toBe(1);
    await saved(page, () => opButton(page, 'Merge with next').click());
    expect(await shape(page)).toEqual(MERGED);
    await saved(page, () => button(page, 'Undo').click());
    expect(await shape(page)).toEqual(GOLD);
    await saved(page, () => button(page, 'Redo').click());
    expect(await shape(page)).toEqual(MERGED);
    await saved(page, () => button(page, 'Undo').click());

    await page.locator('#l2 .cell.tgt').click();
    await saved(page, () => opButton(page, 'Merge with previous').click());
    expect(await shape(page)).toEqual(MERGED);
    await saved(page, () => button(page, 'Undo').click());

    await page.locator('#l2 .cell.tgt').click();
    await saved(page, () => opButton(page, 'Split').click());
    expect(await shape(page)).toEqual(SPLIT);
    await saved(page, () => button(page, 'Undo').click());

    await page.locator('#l2 .meta').click();
    await saved(page, () => opButton(page, 'Last English block to next link').click());
    expect(await shape(page)).toEqual(ONE_TO_ONE);
    await page.locator('#l3 .meta').click();
    await saved(page, () => opButton(page, 'First English block to previous link').click());
    expect(await shape(page)).toEqual(GOLD);

    await page.locator('#l2 .meta').click();
    await saved(page, () => opButton(page, 'English block 2 has no counterpart').click());
    expect(await shape(page)).toEqual(ALONE);
    await saved(page, () => button(page, 'Undo').click());

    await page.locator('#l0 .meta').click();
    await saved(page, () => opButton(page, 'Confirm').click());
    expect(await page.locator('#l0').getAttribute('class')).toContain('corrected');
    await saved(page, () => opButton(page, 'Remove correction').click());
    expect(await page.locator('#l0').getAttribute('class')).not.toContain('corrected');

    await button(page, 'Keys').click();
    expect(await page.locator('#help').isVisible()).toBe(true);
    await page.keyboard.press('?');
    expect(await page.locator('#help').isVisible()).toBe(false);
    expect(await shape(page)).toEqual(GOLD);
    expect(unexpected(session.errors)).toEqual([]);
  });

  it('tells a stale tab (another tab saved first) and reloads it; neither tab’s change is lost', async () => {
    const other = await session.newPage();
    await other.goto(editor());
    await other.locator('main[data-version]').waitFor();
    await page.reload();
    await page.locator('main[data-version]').waitFor();
    const start = await version(page);
    expect(await version(other)).toBe(start);
    await page.locator('#l0 .meta').click();
    await saved(page, () => page.keyboard.press('c'));
    // The other tab still shows the version before: its edit is refused, it is told and shows the saved state.
    await other.locator('#l4 .meta').click();
    await other.keyboard.press('c');
    await other.locator(`main[data-version="${start + 1}"]`).waitFor();
    expect(await other.locator('#status').textContent()).toMatch(/changed in another tab/);
    expect(await other.locator('#l0').getAttribute('class')).toContain('corrected');
    expect(await other.locator('#l4').getAttribute('class')).not.toContain('corrected');
    await saved(other, () => other.keyboard.press('c'));
    const state = (await (await fetch(`${origin}/api/doc/library?token=${server.token}`)).json()) as { links: { corrected: boolean }[] };
    expect(state.links.flatMap((l, k) => (l.corrected ? [k] : []))).toEqual([0, 2, 3, 4]);
    await other.close();
    // Back to the fix alone for the rebuild.
    await page.reload();
    await page.locator('main[data-version]').waitFor();
    await saved(page, () => page.keyboard.press('u'));
    await saved(page, () => page.keyboard.press('u'));
  });
});

describe('the corrections outside the editor', () => {
  it('a rebuild keeps them: alignment.json and the edition show zh 3 alone and zh 2 with en 2 and en 3', async () => {
    const out = fixture();
    await build(root, out);
    const json = JSON.parse(readFileSync(join(out, 'library', 'alignment.json'), 'utf8')) as { links: { source: number[]; target: number[] }[] };
    expect(json.links.map((l) => [l.source, l.target])).toEqual(GOLD);
    const html = readFileSync(join(out, 'library', 'index.html'), 'utf8');
    const row3 = html.slice(html.indexOf('id="b3"'), html.indexOf('id="b4"'));
    expect(row3).toContain(ZH[3]);
    expect(row3).toContain('Not translated.');
  });

  it('a revision of en.md keeps the unchanged correction and shows the changed one as stale, in the open tab too', async () => {
    await page.goto(editor());
    await page.locator('main[data-version]').waitFor();
    const before = await version(page);
    // en 2 is rewritten: the correction [2]:[2,3] names it; [3]:[] names only zh 3, unchanged.
    writeFileSync(join(docDir, 'en.md'), text(EN.map((t, k) => (k === 2 ? 'Each weekend the children come to the library to read books.' : t))));
    await page.locator('#l0 .meta').click();
    await page.keyboard.press('c');
    await page.locator(`main[data-version="${before + 1}"]`).waitFor();
    expect(await page.locator('#status').textContent()).toMatch(/changed in another tab or on disk/);
    expect(await page.locator('#stale').isVisible()).toBe(true);
    expect(await page.locator('#stale li').allTextContents()).toEqual([expect.stringContaining('[2]:[2,3]')]);
    const rows = await shape(page);
    const k = rows.findIndex(([src]) => src.includes(3));
    expect(rows[k]).toEqual([[3], []]);
    expect(await page.locator(`#l${k}`).getAttribute('class')).toContain('corrected');
    await page.reload();
    await page.locator('main[data-version]').waitFor();
    expect(await page.locator('#stale li').count()).toBe(1);
    // Confirming the link that now holds zh 2 records a correction over the stale one's recorded zh 2: the banner goes.
    const k2 = (await shape(page)).findIndex(([src]) => src.includes(2));
    await page.locator(`#l${k2} .meta`).click();
    await saved(page, () => page.keyboard.press('c'));
    expect(await page.locator('#stale').isVisible()).toBe(false);
    expect(unexpected(session.errors)).toEqual([]);
  });

  it('numbers links from 0 as check, the edition and export do, and keeps the selected one in the hash (#bN) across a reload and in a new tab', async () => {
    await page.goto(editor());
    await page.locator('main[data-version]').waitFor();
    expect(await page.locator('#h2').textContent()).toBe('Link 2');
    await page.locator('#l2 .meta').click();
    expect(await page.locator('#l2 .ops').getAttribute('aria-label')).toBe('Edit link 2');
    await page.keyboard.press('j');
    expect(new URL(page.url()).hash).toBe('#b3');
    await page.reload();
    await page.locator('main[data-version]').waitFor();
    expect(await selected(page)).toBe(3);
    const tab = await session.newPage();
    await tab.goto(`${editor()}#b4`);
    await tab.locator('main[data-version]').waitFor();
    await expect.poll(() => selected(tab)).toBe(4);
    await tab.close();
  });
});

describe('other documents', () => {
  const CODE = 'for (const x of xs) {\n  print(x);\n}';
  const fence = `\`\`\`\n${CODE}\n\`\`\``;
  const other = fixture({
    'code/zh.md': text([ZH[1], fence]),
    'code/en.md': text([EN[1], fence]),
    'one/zh.md': text([ZH[1]]),
    'one/en.md': text([EN[1]]),
    'bad/zh.md': text(ZH.slice(0, 2)),
    'bad/en.md': '',
  });
  let second: ReviewServer;
  const open = (name: string) => `${new URL(second.url).origin}/doc/${name}?token=${second.token}`;
  beforeAll(async () => {
    second = await startReviewServer({ root: other, port: 0 });
  });
  afterAll(() => second?.close());

  it('a document of one link says "1 link"; a code block is shown as code (monospace, white space and line breaks kept) on both sides', async () => {
    await page.goto(open('one'));
    await page.locator('main[data-version]').waitFor();
    expect(await page.locator('#summary').textContent()).toBe('1 link, 0 to review, version 1');
    await page.goto(open('code'));
    await page.locator('main[data-version]').waitFor();
    expect(await page.locator('#summary').textContent()).toBe('2 links, 0 to review, version 1');
    for (const side of ['src', 'tgt']) {
      const blk = page.locator(`#l1 .cell.${side} .blk.code`);
      expect(await blk.evaluate((e) => getComputedStyle(e).whiteSpace)).toBe('pre-wrap');
      expect(await blk.evaluate((e) => getComputedStyle(e).fontFamily)).toMatch(/monospace/);
      expect(await blk.evaluate((e) => e.lastChild!.textContent)).toBe(CODE);
      // Two line breaks kept: three lines of text, each at least a line high.
      const lineHeight = await blk.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
      expect((await blk.boundingBox())!.height).toBeGreaterThanOrEqual(3 * lineHeight);
    }
  });

  it('a document that cannot be read: "Could not open …" with the reason, never "Not saved", never left on "Loading…"', async () => {
    await page.goto(open('bad'));
    const why = `Could not open bad: ${join(other, 'bad', 'en.md')}: file is empty`;
    await expect.poll(() => page.locator('#status').textContent()).toBe(why);
    expect(await page.locator('#summary').textContent()).toBe('');
    await page.goto(second.url);
    await expect.poll(() => page.locator('tr[data-doc="bad"] .load-error').textContent()).toBe(why);
    expect(await page.locator('tr[data-doc="one"] .links').textContent()).toBe('1');
  });
});

describe('accessibility and phones', () => {
  it('axe-core finds no violation on the editor (help open, a link selected) and on the list page', async () => {
    const axe = await launch({ bypassCSP: true });
    try {
      const p = await axe.newPage();
      await p.goto(editor());
      await p.locator('main[data-version]').waitFor();
      await p.locator('#l2 .meta').click();
      await p.keyboard.press('?');
      expect(await axeViolations(p)).toEqual([]);
      await p.goto(server.url);
      await p.locator('tr[data-doc="library"] .links:not(:has-text("–"))').waitFor();
      expect(await axeViolations(p)).toEqual([]);
      expect(axe.errors).toEqual([]);
    } finally {
      await axe.close();
    }
  });

  it('at 390×844 stacks each link (Chinese above English, no sideways scroll) and edits by tap', async () => {
    const phone = await launch({ viewport: { width: 390, height: 844 }, hasTouch: true });
    try {
      const p = await phone.newPage();
      await p.goto(editor());
      await p.locator('main[data-version]').waitFor();
      const src = (await p.locator('#l1 .cell.src').boundingBox())!;
      const tgt = (await p.locator('#l1 .cell.tgt').boundingBox())!;
      expect(tgt.y).toBeGreaterThanOrEqual(src.y + src.height);
      expect(Math.abs(tgt.x - src.x)).toBeLessThan(2);
      expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      const start = await shape(p);
      await p.locator('#l0 .cell.src').tap();
      expect(await selected(p)).toBe(0);
      await saved(p, () => opButton(p, 'Merge with next').tap());
      expect(await shape(p)).toEqual([[[...start[0][0], ...start[1][0]], [...start[0][1], ...start[1][1]]], ...start.slice(2)]);
      await saved(p, () => button(p, 'Undo').tap());
      expect(await shape(p)).toEqual(start);
      // The selected link's buttons in two columns (ten buttons on 1:1 link 1, five rows of 44 px and gaps), not one a line.
      await p.locator('#l1 .cell.src').tap();
      const ops = (await p.locator('#l1 .ops').boundingBox())!;
      expect(ops.height).toBeLessThanOrEqual(5 * 48);
      // The header stays on screen when the list scrolls, as on a desktop.
      await p.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      expect(await p.evaluate(() => window.scrollY)).toBeGreaterThan(0);
      expect((await p.locator('header.top').boundingBox())!.y).toBe(0);
      await expect(button(p, 'Next to review').isVisible()).resolves.toBe(true);
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
