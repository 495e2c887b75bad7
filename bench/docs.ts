/**
 * Block-alignment benchmark on real documentation (`npm run bench`): the docs-dev corpus
 * (../shared/corpus/docs-dev, one folder per document with zh.md, en.md and a hand-made gold.json).
 * Each pair is read, segmented and aligned in-process as `build` does (`loadDocument`,
 * `alignBitext`) and its block links are compared with the gold (bench/docs-gold.ts): exact links
 * (same Chinese and English block sets), 1-0 and 0-1 recall, gold block names that match no Bitext
 * block, and the documents refused (the error caught, named). A refused document's gold links all count as missed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDocument } from '../pipeline/segment/index.ts';
import { alignBitext } from '../pipeline/align/index.ts';
import { parseGold, resolveGold, scoreDocument, type DocScore } from './docs-gold.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The docs-dev corpus, read in place. */
export const DOCS = join(ROOT, '..', 'shared', 'corpus', 'docs-dev');

/** One document's result: its score, or the error that refused it. */
export interface DocResult {
  name: string;
  score: DocScore;
  refused: string | null;
}

/**
 * Read, segment and align docs-dev document `name` in-process and score its block links against
 * its gold.json (see the module comment). Never throws for a refused document: `refused` holds
 * the error message and every gold link counts as missed.
 */
export function runDocument(name: string): DocResult {
  const dir = join(DOCS, name);
  const gold = parseGold(readFileSync(join(dir, 'gold.json'), 'utf8'));
  const count = (pick: (l: (typeof gold)[number]) => boolean) => gold.filter(pick).length;
  try {
    const zhFile = join(dir, 'zh.md');
    const enFile = join(dir, 'en.md');
    const bitext = alignBitext(name, loadDocument(zhFile), loadDocument(enFile));
    const resolved = resolveGold(gold, bitext.source.blocks.map((b) => b.text), bitext.target.blocks.map((b) => b.text));
    const score = scoreDocument(resolved, bitext.links);
    return { name, score, refused: null };
  } catch (error) {
    // Nothing aligned: every gold link is missed; names are not resolved, so none counts as unmapped.
    const score: DocScore = { gold: gold.length, exact: 0, gold10: count((l) => l.en.length === 0), found10: 0, gold01: count((l) => l.zh.length === 0), found01: 0, unmapped: 0, tool: 0 };
    return { name, score, refused: error instanceof Error ? error.message : String(error) };
  }
}

/** Print the docs-dev table: exact block links per document and in total, 1-0 / 0-1 recall, unmapped gold blocks, refusals. */
export async function runDocsBench(): Promise<void> {
  console.log('== Block alignment on real documents (docs-dev) ==');
  if (!existsSync(DOCS)) {
    console.log(`  skipped: ${DOCS} not found`);
    return;
  }
  const started = performance.now();
  const names = readdirSync(DOCS).filter((n) => existsSync(join(DOCS, n, 'gold.json'))).sort();
  const results = names.map(runDocument);
  const ms = performance.now() - started;

  const total = results.reduce<DocScore>(
    (t, r) => ({
      gold: t.gold + r.score.gold,
      exact: t.exact + r.score.exact,
      gold10: t.gold10 + r.score.gold10,
      found10: t.found10 + r.score.found10,
      gold01: t.gold01 + r.score.gold01,
      found01: t.found01 + r.score.found01,
      unmapped: t.unmapped + r.score.unmapped,
      tool: t.tool + r.score.tool,
    }),
    { gold: 0, exact: 0, gold10: 0, found10: 0, gold01: 0, found01: 0, unmapped: 0, tool: 0 },
  );
  const width = Math.max(...names.map((n) => n.length), 'total'.length);
  const row = (name: string, s: DocScore, refused: boolean) =>
    `  ${name.padEnd(width)}  ${`${s.exact}/${s.gold}`.padStart(7)}  ${`${s.found10}/${s.gold10}`.padStart(5)}  ${`${s.found01}/${s.gold01}`.padStart(5)}  ${String(s.unmapped).padStart(8)}  ${(refused ? '—' : String(s.tool)).padStart(10)}${refused ? '  refused' : ''}`;
  console.log(`  ${'document'.padEnd(width)}  ${'exact'.padStart(7)}  ${'1-0'.padStart(5)}  ${'0-1'.padStart(5)}  ${'unmapped'.padStart(8)}  ${'tool links'.padStart(10)}  `);
  for (const r of results) console.log(row(r.name, r.score, r.refused !== null));
  console.log(row('total', total, false));
  const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)} %`);
  console.log(`  exact ${pct(total.exact, total.gold)}; 1-0 recall ${pct(total.found10, total.gold10)}, 0-1 recall ${pct(total.found01, total.gold01)}; ${total.unmapped} gold block names match no Bitext block (links holding them cannot be exact)`);
  const refused = results.filter((r) => r.refused !== null);
  console.log(`  documents refused: ${refused.length === 0 ? 'none' : refused.length}`);
  for (const r of refused) console.log(`    ${r.name}: ${r.refused}`);
  console.log(`  ${(ms / 1000).toFixed(2)} s for ${names.length} documents (dictionary load included)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runDocsBench();
