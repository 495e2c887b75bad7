/**
 * Sentence-alignment benchmark (`npm run bench`; issue 3 targets):
 * 1. MAC-dev (../shared/corpus/mac-dev, 6 literary chapters): strict and lax P/R/F1 as `bitext
 *    eval` computes them, alignment wall time and peak memory (in a child process);
 * 2. Bible (../shared/corpus/bible): the same, with the gold's English-first ids swapped and
 *    consecutive test links inside one verse merged before scoring (shared/README.md);
 * 3. the whole `bitext align --presegmented --format align` command on the Bible (process start,
 *    dictionary load, alignment, output), run from the TypeScript through tsx (development) and
 *    as the compiled dist/main.js that `npm run bitext` runs (rebuilt first by
 *    scripts/build-dist.ts, so it is the code under test); compared with hunalign's 0.50 s;
 * 4. scaling: the Bible concatenated 1×, 2× and 4× (written to the OS temp folder), time and memory.
 * Targets: MAC-dev strict F1 ≥ 0.86 (lax ≥ 0.98); Bible strict F1 ≥ 0.97; align command ≤ 0.50 s;
 * 4× ≤ 4.5 × the 1× time; peak memory ≤ 1 GB. Times are wall clock and, because other work on
 * the machine skews wall time, also CPU time (user + system) of the process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Link } from '../pipeline/types.ts';
import { scoreAlignments, type EvalResult } from '../pipeline/align/eval.ts';
import { parseAlign } from '../pipeline/align/formats.ts';
import { buildDist, DIST_MAIN } from '../scripts/build-dist.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const MAC = join(CORPUS, 'mac-dev');
const BIBLE = join(CORPUS, 'bible');

interface WorkerResult {
  links: [number[], number[]][][];
  ms: number;
  cpuMs: number;
  maxRss: number;
}

function runWorker(files: string[]): WorkerResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'align-worker.ts'), ...files], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`align worker failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as WorkerResult;
}

const toLinks = (pairs: [number[], number[]][]): Link[] => pairs.map(([source, target]) => ({ source, target, score: 1 }));
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function printScores(name: string, r: EvalResult, run: WorkerResult): void {
  const f = (x: number) => x.toFixed(3);
  console.log(`${name}: strict P ${f(r.strict.precision)} R ${f(r.strict.recall)} F1 ${f(r.strict.f1)} | lax P ${f(r.lax.precision)} R ${f(r.lax.recall)} F1 ${f(r.lax.f1)}`);
  console.log(`  alignment ${s(run.ms)} wall (process CPU ${s(run.cpuMs)}), peak ${mb(run.maxRss)}`);
}

/** Merge consecutive links whose sentences all lie in one verse (the Bible gold is verse-based). */
export function mergeWithinVerses(links: readonly Link[], zhVerse: readonly string[], enVerse: readonly string[]): Link[] {
  const out: Link[] = [];
  let previous: string | null = null;
  for (const l of links) {
    const verses = new Set([...l.source.map((i) => zhVerse[i]), ...l.target.map((i) => enVerse[i])]);
    const verse = verses.size === 1 ? [...verses][0] : null;
    if (verse !== null && verse === previous) {
      const last = out[out.length - 1];
      last.source.push(...l.source);
      last.target.push(...l.target);
    } else {
      out.push({ source: [...l.source], target: [...l.target], score: l.score });
    }
    previous = verse;
  }
  return out;
}

function bibleGold(): Link[] {
  return parseAlign(readFileSync(join(BIBLE, 'gold', '001.align'), 'utf8')).map((l) => ({ source: l.target, target: l.source, score: 1 }));
}

/** Best-of-`runs` wall time and CPU time (user + system) of a command, and its largest peak RSS (GNU time). */
function timeCommand(command: string[], runs = 3): { ms: number; cpuMs: number; maxRss: number } {
  let best = Infinity;
  let cpuMs = Infinity;
  let maxRss = 0;
  for (let k = 0; k < runs; k++) {
    const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', ...command], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (result.status !== 0) throw new Error(`${command.join(' ')} failed: ${result.stderr}`);
    const [elapsed, user, system, kb] = result.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    best = Math.min(best, elapsed * 1000);
    cpuMs = Math.min(cpuMs, (user + system) * 1000);
    maxRss = Math.max(maxRss, kb * 1024);
  }
  return { ms: best, cpuMs, maxRss };
}

/** Run the alignment benchmark and print its figures. */
export async function runAlignBench(): Promise<void> {
  console.log('== Sentence alignment ==');
  // Warm the dictionary cache so no run below pays for building it.
  runWorker([join(MAC, 'zh', '001'), join(MAC, 'en', '001')]);

  const docs = readdirSync(join(MAC, 'gold')).filter((f) => f.endsWith('.align')).map((f) => f.replace('.align', '')).sort();
  const mac = runWorker(docs.flatMap((d) => [join(MAC, 'zh', d), join(MAC, 'en', d)]));
  const macScores = scoreAlignments(docs.map((d, k) => ({ gold: parseAlign(readFileSync(join(MAC, 'gold', `${d}.align`), 'utf8')), test: toLinks(mac.links[k]) })));
  printScores(`MAC-dev (${docs.length} docs)`, macScores, mac);
  console.log('  targets: strict F1 ≥ 0.86 (stretch 0.90), lax ≥ 0.98; published: Gale-Church .485, hunalign .610, Bleualign .641, Vecalign .863, Bertalign .911');

  const bible = runWorker([join(BIBLE, 'zh', '001'), join(BIBLE, 'en', '001')]);
  const zhVerse = lines(join(BIBLE, 'zh.verse'));
  const enVerse = lines(join(BIBLE, 'en.verse'));
  const bibleScores = scoreAlignments([{ gold: bibleGold(), test: mergeWithinVerses(toLinks(bible.links[0]), zhVerse, enVerse) }]);
  printScores('Bible', bibleScores, bible);
  console.log('  target: strict F1 ≥ 0.97; hunalign 0.861 in 0.50 s');

  const dir = mkdtempSync(join(tmpdir(), 'bitext-align-bench-'));
  try {
    const zh = join(BIBLE, 'zh', '001');
    const en = join(BIBLE, 'en', '001');
    const viaTsx = timeCommand([process.execPath, '--import', 'tsx', join(ROOT, 'pipeline', 'cli', 'main.ts'), 'align', zh, en, '--presegmented', '--format', 'align']);
    console.log(`bitext align (Bible, whole command via tsx): ${s(viaTsx.ms)} wall (CPU ${s(viaTsx.cpuMs)}), peak ${mb(viaTsx.maxRss)}`);
    await buildDist();
    const compiled = timeCommand([process.execPath, DIST_MAIN, 'align', zh, en, '--presegmented', '--format', 'align']);
    console.log(`bitext align (Bible, whole command, compiled dist/main.js): ${s(compiled.ms)} wall (CPU ${s(compiled.cpuMs)}), peak ${mb(compiled.maxRss)}  (target ≤ 0.50 s, hunalign 0.50 s)`);

    console.log('scaling (Bible concatenated; alignment in a child process, dictionary load included):');
    const zhLines = readFileSync(zh, 'utf8');
    const enLines = readFileSync(en, 'utf8');
    let base = 0;
    let baseCpu = 0;
    for (const times of [1, 2, 4]) {
      const zf = join(dir, `zh-${times}`);
      const ef = join(dir, `en-${times}`);
      writeFileSync(zf, zhLines.repeat(times));
      writeFileSync(ef, enLines.repeat(times));
      const r = runWorker([zf, ef]);
      if (times === 1) base = r.ms;
      if (times === 1) baseCpu = r.cpuMs;
      console.log(`  ${times}×: ${6301 * times} × ${5000 * times} sentences: ${s(r.ms)} wall (${(r.ms / base).toFixed(2)}× the 1× time), CPU ${s(r.cpuMs)} (${(r.cpuMs / baseCpu).toFixed(2)}×), peak ${mb(r.maxRss)}`);
    }
    console.log('  targets: 4× ≤ 4.5 × the 1× time; peak ≤ 1 GB');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runAlignBench();
