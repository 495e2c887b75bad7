/**
 * Review editor benchmark (`npm run bench`; issue 12's target: the editor opens a 2,000-link
 * document in ≤ 1 s). A pair of 2,000 paragraphs is written to a temporary folder from the Bible
 * pair read in place (../shared/corpus/bible: each paragraph the verses of one gold link of
 * gold/001.align, whose ids are English first), the review server (pipeline/review/server.ts) is
 * started on 127.0.0.1 over it, and Debian's Chromium (test/browser/chromium.ts) opens the editor:
 * the figures are the times from navigation start to the page's `bitext-rendered` mark (every link
 * in the list) and `bitext-first-screen` mark (the first chunk of links shown), medians of 5 loads
 * once the server has aligned the document. The server's first
 * alignment of the document (its first `GET /api/doc`) is printed beside it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAlign } from '../pipeline/align/formats.ts';
import { startReviewServer } from '../pipeline/review/index.ts';
import { launch } from '../test/browser/chromium.ts';

const BIBLE = fileURLToPath(new URL('../../shared/corpus/bible/', import.meta.url));
/** Links in the benchmark document. */
export const REVIEW_PAGE_LINKS = 2000;

/** zh.md and en.md of `links` paragraphs: the first gold links of the Bible pair that have both sides. */
function biblePair(links: number): { zh: string; en: string } {
  const lines = (side: string) => readFileSync(join(BIBLE, side, '001'), 'utf8').split('\n');
  const [zh, en] = [lines('zh'), lines('en')];
  const gold = parseAlign(readFileSync(join(BIBLE, 'gold', '001.align'), 'utf8')).filter((l) => l.source.length > 0 && l.target.length > 0);
  if (gold.length < links) throw new Error(`the Bible gold has ${gold.length} links with both sides, fewer than ${links}`);
  const chosen = gold.slice(0, links);
  return {
    en: chosen.map((l) => l.source.map((i) => en[i]).join(' ')).join('\n\n') + '\n',
    zh: chosen.map((l) => l.target.map((i) => zh[i]).join('')).join('\n\n') + '\n',
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Print the editor's opening time on a 2,000-link document (see the module comment). */
export async function runReviewPageBench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'bitext-bench-review-'));
  const { zh, en } = biblePair(REVIEW_PAGE_LINKS);
  mkdirSync(join(root, 'bible'));
  writeFileSync(join(root, 'bible', 'zh.md'), zh);
  writeFileSync(join(root, 'bible', 'en.md'), en);
  const server = await startReviewServer({ root });
  const session = await launch();
  try {
    const origin = new URL(server.url).origin;
    const start = performance.now();
    const state = (await (await fetch(`${origin}/api/doc/bible?token=${server.token}`)).json()) as { links: unknown[] };
    const aligned = performance.now() - start;
    const page = await session.newPage();
    const times: number[] = [];
    const firsts: number[] = [];
    /** When the state's JSON had arrived: what the page's own work starts from. */
    const fetched: number[] = [];
    for (let k = 0; k < 5; k++) {
      await page.goto(`${origin}/doc/bible?token=${server.token}`);
      await page.locator('main[data-version]').waitFor({ timeout: 60_000 });
      const mark = (name: string) => page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN, name);
      times.push(await mark('bitext-rendered'));
      firsts.push(await mark('bitext-first-screen'));
      fetched.push(await page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => e.name.includes('/api/doc/'))?.responseEnd ?? NaN));
    }
    const rows = await page.locator('#links > .link').count();
    console.log(
      `review editor: ${rows} links (${state.links.length} in the API) all in the page ${median(times).toFixed(0)} ms after navigation, the first screen ${median(firsts).toFixed(0)} ms, the state fetched at ${median(fetched).toFixed(0)} ms (medians of 5; target ≤ 1000 ms; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs); ` +
        `the server's first alignment of the document ${(aligned / 1000).toFixed(1)} s`,
    );
  } finally {
    await session.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runReviewPageBench();
