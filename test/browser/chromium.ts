/**
 * Launch Debian's Chromium (`/usr/bin/chromium`, installed by `.ci/run` with apt-get; never a
 * downloaded browser) through playwright-core, headless, with a fresh profile folder, and record
 * every request, console error and page error of the pages it opens.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Session {
  context: BrowserContext;
  /** Every URL requested by any page of the context. */
  requests: string[];
  /** Console messages of type error and uncaught page errors. */
  errors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * A headless Chromium context; `javaScriptEnabled: false` for the no-JavaScript checks,
 * `bypassCSP: true` only to inject axe-core (the pages' CSP admits no other script); `viewport`
 * (default 1280×900) and `hasTouch` (taps) for a phone.
 */
export async function launch(options: { javaScriptEnabled?: boolean; bypassCSP?: boolean; viewport?: { width: number; height: number }; hasTouch?: boolean } = {}): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'bitext-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    bypassCSP: options.bypassCSP ?? false,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    hasTouch: options.hasTouch ?? false,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const watch = (page: Page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    requests,
    errors,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** axe-core's browser build, from node_modules (no download). */
const AXE = join(fileURLToPath(new URL('../../', import.meta.url)), 'node_modules/axe-core/axe.min.js');

/**
 * Run axe-core on `page`'s document as it is now: each violation as `id: target target…`
 * (an empty list when the page is clean). The page's context needs `bypassCSP` for the script.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (c: Document) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run(document);
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
  });
}
