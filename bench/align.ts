/**
 * Sentence-alignment benchmark (`npm run bench`; issue 3 targets):
 * 1. MAC-dev (../shared/corpus/mac-dev, 6 literary chapters): strict and lax P/R/F1 as `bitext
 *    eval` computes them, alignment wall time and peak memory (in a child process);
 * 2. Bible (../shared/corpus/bible): the same, with the gold's English-first ids swapped and
 *    consecutive test links inside one verse merged before scoring (shared/README.md);
 * 3. the whole `bitext align --presegmented --format align` command on the Bible (process start,
 *    dictionary load, alignment, output), run from the TypeScript through tsx (development) and
 *    as the compiled dist/main.js that `npm run bitext` runs (rebuilt first by
 *    scripts/build-dist.ts, so it is the code under test), beside hunalign run in this same
 *    bench on the same sentences (bench/hunalign.ts): tokenised (its input format, dictionary
 *    in use) and as raw lines (build-hunalign.sh's recipe; a Chinese line is then one token, so
 *    only lengths count), with its strict scores;
 * 4. scaling: the Bible concatenated 1×, 2× and 4× (written to the OS temp folder), time and memory;
 * 5. one 200 KB paragraph a side beside the same text in paragraphs (`longParagraphs`).
 * Targets: MAC-dev strict F1 ≥ 0.86 (lax ≥ 0.98); Bible strict F1 ≥ 0.97; align command ≤ 1.0×
 * hunalign's wall time (0.5× the goal); 4× ≤ 4.5 × the 1× time; peak memory ≤ 1 GB; one long
 * paragraph ≤ 3× the paragraphed time. Times are wall clock (best of 3 for whole commands) and,
 * because other work on the machine skews wall time, also CPU time (user + system) of the process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Link } from '../pipeline/types.ts';
import { scoreAlignments, type EvalResult } from '../pipeline/align/eval.ts';
import { parseAlign } from '../pipeline/align/formats.ts';
import { loadLexicon } from '../pipeline/align/lexicon/cedict.ts';
import { buildDist, DIST_MAIN } from '../scripts/build-dist.ts';
import { paragraph, SAMPLE } from './adversarial.ts';
import { findHunalign, runHunalign, tokenizeForHunalign } from './hunalign.ts';

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

/**
 * hunalign on the Bible in this run, beside Bitext's compiled `align` command (`bitext`, the
 * command line): the same sentences, tokenised as hunalign expects (bench/hunalign.ts;
 * tokenising not timed), its links scored like Bitext's. The two are run in turn, three times
 * each, and the best of each kept, so that other work on the machine weighs on both alike.
 * Prints "hunalign: not built (reason)" when it is unavailable.
 */
function compareHunalign(bitext: string[], dir: string, zhVerse: readonly string[], enVerse: readonly string[]): void {
  const peer = findHunalign();
  if (typeof peer === 'string') {
    console.log(`hunalign: not built (${peer})`);
    return;
  }
  const lexicon = loadLexicon();
  const zhRaw = join(BIBLE, 'zh', '001');
  const enRaw = join(BIBLE, 'en', '001');
  const zh = join(dir, 'hunalign.zh');
  const en = join(dir, 'hunalign.en');
  writeFileSync(zh, tokenizeForHunalign(lines(zhRaw), 'zh', lexicon).join('\n') + '\n');
  writeFileSync(en, tokenizeForHunalign(lines(enRaw), 'en', lexicon).join('\n') + '\n');
  const inputs: [string, string, string][] = [
    ['tokenised: Chinese words by Bitext\'s segmenter, English lower-cased, punctuation split off; tokenising not timed', zh, en],
    ['raw lines as Bitext gets them: each Chinese line one token, so no dictionary match, lengths only', zhRaw, enRaw],
  ];
  for (const [given, zhFile, enFile] of inputs) {
    let ours = { ms: Infinity, cpuMs: Infinity };
    let peerRun = { ms: Infinity, cpuMs: Infinity, maxRss: 0, links: [] as Link[] };
    for (let k = 0; k < 3; k++) {
      const a = timeCommand(bitext, 1);
      const b = runHunalign(peer, zhFile, enFile);
      ours = { ms: Math.min(ours.ms, a.ms), cpuMs: Math.min(ours.cpuMs, a.cpuMs) };
      peerRun = { ...b, ms: Math.min(peerRun.ms, b.ms), cpuMs: Math.min(peerRun.cpuMs, b.cpuMs), maxRss: Math.max(peerRun.maxRss, b.maxRss) };
    }
    const r = scoreAlignments([{ gold: bibleGold(), test: mergeWithinVerses(peerRun.links, zhVerse, enVerse) }]).strict;
    const ratio = ours.ms / peerRun.ms;
    console.log(`hunalign (Bible, same sentences, -onebyteencoding, CC-CEDICT): ${s(peerRun.ms)} wall (CPU ${s(peerRun.cpuMs)}), peak ${mb(peerRun.maxRss)}; strict F1 ${r.f1.toFixed(3)}`);
    console.log(`  given ${given}`);
    console.log(`  bitext align in turn with it: ${s(ours.ms)} wall (CPU ${s(ours.cpuMs)}); bitext / hunalign: wall ${ratio.toFixed(2)}×, CPU ${(ours.cpuMs / peerRun.cpuMs).toFixed(2)}× (target ≤ 1.0× wall: ${ratio <= 1 ? 'met' : 'NOT met'}; goal 0.5×)`);
  }
}

/** The first Bible chapters, in order, until the Chinese reaches `bytes` UTF-8 bytes: [Chinese, English] text per chapter. */
function bibleChapters(bytes: number): [string, string][] {
  const zh = lines(join(BIBLE, 'zh', '001'));
  const en = lines(join(BIBLE, 'en', '001'));
  const chapterOf = (verse: string) => verse.split(':').slice(0, 2).join(':');
  const zhChapter = lines(join(BIBLE, 'zh.verse')).map(chapterOf);
  const enChapter = lines(join(BIBLE, 'en.verse')).map(chapterOf);
  const chapters: [string, string][] = [];
  let size = 0;
  for (const chapter of [...new Set(zhChapter)]) {
    if (size >= bytes) break;
    const zhText = zh.filter((_, k) => zhChapter[k] === chapter).join('');
    chapters.push([zhText, en.filter((_, k) => enChapter[k] === chapter).join(' ')]);
    size += Buffer.byteLength(zhText);
  }
  return chapters;
}

/**
 * One 200 KB paragraph a side against the same text in paragraphs, through `check` (read,
 * segment, align) in a child process each (bench/adversarial-worker.ts): wall time and peak RSS.
 * Texts: the sample news pair repeated (as bench/adversarial.ts builds it) and the first Bible
 * chapters (one paragraph a chapter). Targets: ≤ 1 GB and ≤ 3× the paragraphed time.
 */
function longParagraphs(dir: string): void {
  console.log('one 200 KB paragraph a side vs the same text in paragraphs (read, segment, align, check; child process each, dictionary load not timed):');
  const bible = bibleChapters(200_000);
  const texts: [string, (join: string) => [string, string]][] = [
    ['news sample repeated', (j) => [paragraph(join(SAMPLE, 'zh.md'), 200_000, j === ' ' ? '' : j), paragraph(join(SAMPLE, 'en.md'), 200_000, j)]],
    [`Bible, ${bible.length} chapters`, (j) => [bible.map((c) => c[0]).join(j === ' ' ? '' : j), bible.map((c) => c[1]).join(j)]],
  ];
  for (const [name, make] of texts) {
    const measure = (join_: string) => {
      const doc = mkdtempSync(join(dir, 'paragraph-'));
      const [zh, en] = make(join_);
      writeFileSync(join(doc, 'zh.md'), `${zh}\n`);
      writeFileSync(join(doc, 'en.md'), `${en}\n`);
      const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'adversarial-worker.ts'), doc], { cwd: ROOT, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`adversarial worker failed: ${run.stderr}`);
      return JSON.parse(run.stdout) as { ms: number; cpuMs: number; maxRss: number };
    };
    const paragraphs = measure('\n\n');
    const one = measure(' ');
    const ratio = one.ms / paragraphs.ms;
    console.log(`  ${name}: one paragraph ${s(one.ms)} (CPU ${s(one.cpuMs)}), peak ${mb(one.maxRss)}; in paragraphs ${s(paragraphs.ms)} (CPU ${s(paragraphs.cpuMs)}), peak ${mb(paragraphs.maxRss)}`);
    console.log(`    ${ratio.toFixed(2)}× the paragraphed wall time, CPU ${(one.cpuMs / paragraphs.cpuMs).toFixed(2)}× (target ≤ 3×: ${ratio <= 3 ? 'met' : 'NOT met'}), peak ≤ 1 GB: ${one.maxRss <= 1e9 ? 'met' : 'NOT met'}`);
  }
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
  console.log('  target: strict F1 ≥ 0.97');

  const dir = mkdtempSync(join(tmpdir(), 'bitext-align-bench-'));
  try {
    const zh = join(BIBLE, 'zh', '001');
    const en = join(BIBLE, 'en', '001');
    const viaTsx = timeCommand([process.execPath, '--import', 'tsx', join(ROOT, 'pipeline', 'cli', 'main.ts'), 'align', zh, en, '--presegmented', '--format', 'align']);
    console.log(`bitext align (Bible, whole command via tsx): ${s(viaTsx.ms)} wall (CPU ${s(viaTsx.cpuMs)}), peak ${mb(viaTsx.maxRss)}`);
    await buildDist();
    const command = [process.execPath, DIST_MAIN, 'align', zh, en, '--presegmented', '--format', 'align'];
    const compiled = timeCommand(command);
    console.log(`bitext align (Bible, whole command, compiled dist/main.js): ${s(compiled.ms)} wall (CPU ${s(compiled.cpuMs)}), peak ${mb(compiled.maxRss)}`);
    console.log('  given the raw sentence files (one sentence per line); time includes process start and dictionary load');
    compareHunalign(command, dir, zhVerse, enVerse);

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
    longParagraphs(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runAlignBench();
