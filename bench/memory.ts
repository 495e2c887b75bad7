/**
 * Translation-memory benchmark (`npm run bench`; issue 4 targets):
 * 1. generate a TMX of BENCH_TM_UNITS (default 1,000,000) zh→en units, variations (1–3 random
 *    character edits) of the Chinese sentences in ../shared/corpus, in os.tmpdir() at run time;
 * 2. import it in a child process (so its peak RSS is the import's own): units/s, peak memory;
 * 3. run 1,000 lookups of freshly perturbed corpus sentences: p50 and p99 latency;
 * 3b. run 1,000 concordance searches of two-character Chinese terms: p50 and p99 latency;
 * 4. run the same queries through a plain linear scan (every unit scored, same `matchScore`) in
 *    this process: speed-up and top-1 agreement (same best score; same unit).
 * 5. export the TM (child process) and import that export again: time, size, peak memory.
 * Targets: import ≥ 20,000 units/s with peak ≤ 1 GB; lookup p50 ≤ 5 ms, p99 ≤ 50 ms; agreement ≥ 99%.
 * The generated TMX and database are deleted at the end.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeMemory, concordance, exportTmx, importTmx, lookup, openMemory, type ConcordanceHit, type ConcordanceOptions } from '../pipeline/memory/index.ts';
import { scanLookup, type ScanEntry } from '../pipeline/memory/lookup.ts';
import { escapeText } from '../pipeline/memory/tmx-read.ts';
import { prepareText } from '../pipeline/memory/text.ts';

const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const QUERIES = 1000;

/** Mulberry32, a small seeded PRNG (Tommy Ettinger's public-domain generator): numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

/** Chinese and English sentences of the shared corpus (read in place). */
export function corpusSentences(): { zh: string[]; en: string[] } {
  const zh: string[] = [];
  const en: string[] = [];
  for (const dir of ['mac-dev', 'bible']) {
    for (const name of readdirSync(join(CORPUS, dir, 'zh')).sort()) zh.push(...lines(join(CORPUS, dir, 'zh', name)));
    for (const name of readdirSync(join(CORPUS, dir, 'en')).sort()) en.push(...lines(join(CORPUS, dir, 'en', name)));
  }
  for (const l of lines(join(CORPUS, 'zhongnanhai', 'zh.md'))) zh.push(...l.replace(/^[#>*\-\s]+|\*+$/g, '').split(/(?<=[。！？])/).filter((s) => s.trim().length > 1));
  return { zh: zh.filter((s) => [...s].length >= 4), en };
}

/** 1–3 random edits (substitute, insert, delete) of CJK characters from `pool`. */
export function perturb(text: string, pool: string[], rand: () => number): string {
  const chars = [...text];
  const edits = 1 + Math.floor(rand() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * chars.length);
    const op = rand();
    const ch = pool[Math.floor(rand() * pool.length)];
    if (op < 0.5) chars[at] = ch;
    else if (op < 0.8) chars.splice(at, 0, ch);
    else if (chars.length > 3) chars.splice(at, 1);
  }
  return chars.join('');
}

/**
 * The bench's `units` zh→en pairs `[source, target]`: pair i is corpus sentence i mod |zh|
 * (unchanged the first time round, then perturbed), target an English line. Seeded: every call
 * gives the same pairs.
 */
export function* benchPairs(units: number, zh: string[], en: string[], pool: string[]): Generator<[string, string]> {
  const rand = mulberry32(42);
  for (let i = 0; i < units; i++) {
    const base = i % zh.length;
    const variant = Math.floor(i / zh.length);
    yield [variant === 0 ? zh[base] : perturb(zh[base], pool, rand), en[(base * 7 + variant) % en.length]];
  }
}

/** Write a TMX of the `benchPairs` (zh-CN→en) to `file`, streamed in 1 MB pieces. */
export function generateTmx(file: string, units: number, zh: string[], en: string[], pool: string[]): void {
  const fd = openSync(file, 'w');
  let buffer = '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header creationtool="bitext-bench" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="zh-CN" datatype="plaintext"/>\n<body>\n';
  for (const [source, target] of benchPairs(units, zh, en, pool)) {
    buffer += `<tu><tuv xml:lang="zh-CN"><seg>${escapeText(source)}</seg></tuv><tuv xml:lang="en"><seg>${escapeText(target)}</seg></tuv></tu>\n`;
    if (buffer.length > 1 << 20) { writeSync(fd, buffer); buffer = ''; }
  }
  writeSync(fd, buffer + '</body>\n</tmx>\n');
  closeSync(fd);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Peak resident memory of this process in MB: VmHWM from /proc/self/status (per address space,
 * so not inherited from the parent as getrusage's ru_maxrss is across exec on Linux), else maxRSS.
 */
function peakMB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch { /* not Linux */ }
  return process.resourceUsage().maxRSS / 1024;
}

/** Child-process entry: import `tmx` into `db`, print timing and peak RSS as JSON. */
function importChild(tmx: string, db: string): void {
  const start = process.hrtime.bigint();
  const startCpu = process.cpuUsage();
  const memory = openMemory(db);
  const result = importTmx(memory, tmx, { now: '2026-01-01T00:00:00Z' });
  closeMemory(memory);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(startCpu);
  console.log(JSON.stringify({ result, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMB: peakMB() }));
}

/** Child-process entry: export `db` to `tmx`, print timing and peak RSS as JSON. */
function exportChild(db: string, tmx: string): void {
  const start = process.hrtime.bigint();
  const memory = openMemory(db);
  const units = exportTmx(memory, tmx);
  closeMemory(memory);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(JSON.stringify({ units, seconds, maxRssMB: peakMB() }));
}

function child<T>(args: string[]): T {
  const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`bench child ${args[0]} failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as T;
}

/**
 * Concordance of 1,000 two-character Chinese terms (two adjacent Han characters of a random corpus
 * sentence, so every term is in the memory), 20 units each, through `search` (a back end's
 * concordance; `name` says which in the line printed): p50 and p99 latency (issue 13 target: p50
 * ≤ 20 ms at 1,000,000 units on both back ends). With `reference` (the same units in another back
 * end) it also counts the terms whose hits are the same units with the same places.
 */
export async function concordanceBench(name: string, search: ConcordanceSearch, zh: string[], rand: () => number, reference?: ConcordanceSearch): Promise<void> {
  const terms: string[] = [];
  while (terms.length < QUERIES) {
    const chars = [...zh[Math.floor(rand() * zh.length)]];
    const at = Math.floor(rand() * (chars.length - 1));
    const term = chars[at] + chars[at + 1];
    if (/^\p{sc=Han}{2}$/u.test(term)) terms.push(term);
  }
  await search(terms[0]);
  const times: number[] = [];
  let found = 0;
  let same = 0;
  // A hit as compared between back ends: the unit's texts and the places of the term.
  const key = (hits: ConcordanceHit[]) => JSON.stringify(hits.map((h) => [h.source, h.target, h.matches]));
  for (const term of terms) {
    const t = performance.now();
    const hits = await search(term, { max: 20 });
    times.push(performance.now() - t);
    if (hits.length > 0) found++;
    if (reference && key(hits) === key(await reference(term, { max: 20 }))) same++;
  }
  const sorted = times.sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  console.log(`concordance on ${name} (${QUERIES} two-character Chinese terms, 20 units each): p50 ${p50.toFixed(2)} ms (target ≤ 20) ${p50 <= 20 ? 'OK' : 'MISSED'}, p99 ${percentile(sorted, 99).toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms; ${found}/${QUERIES} terms found${reference ? `; the same hits as SQLite for ${same}/${QUERIES}` : ''}`);
}

/** A back end's concordance search, as `concordanceBench` times it. */
export type ConcordanceSearch = (term: string, options?: ConcordanceOptions) => ConcordanceHit[] | Promise<ConcordanceHit[]>;

/** Run the benchmark and print every figure. */
export async function runMemoryBench(): Promise<void> {
  const units = Number(process.env.BENCH_TM_UNITS ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'bitext-tm-bench-'));
  const tmx = join(dir, 'bench.tmx');
  const db = join(dir, 'bench.sqlite');
  try {
    console.log(`\n== translation memory (BENCH_TM_UNITS=${units}) ==`);
    console.log(`machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (wall-clock figures suffer when other processes compete)`);
    const { zh, en } = corpusSentences();
    const pool = [...new Set(zh.join('').match(/\p{sc=Han}/gu) ?? [])];
    let t = Date.now();
    generateTmx(tmx, units, zh, en, pool);
    console.log(`generated ${units} units from ${zh.length} corpus sentences: ${(statSync(tmx).size / 1e6).toFixed(1)} MB TMX in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    type Imported = { result: { added: number; existing: number; tus: number }; seconds: number; cpuSeconds: number; maxRssMB: number };
    const imported = child<Imported>(['--import-child', tmx, db]);
    const rate = imported.result.tus / imported.seconds;
    console.log(`import: ${imported.result.tus} units read (${imported.result.added} added, ${imported.result.existing} identical) in ${imported.seconds.toFixed(1)} s = ${Math.round(rate)} units/s (target ≥ 20,000) ${rate >= 20000 ? 'OK' : 'MISSED'}; ${imported.cpuSeconds.toFixed(1)} CPU s = ${Math.round(imported.result.tus / imported.cpuSeconds)} units per CPU second`);
    console.log(`import peak memory (child RSS): ${imported.maxRssMB.toFixed(0)} MB (target ≤ 1024 MB) ${imported.maxRssMB <= 1024 ? 'OK' : 'MISSED'}; database ${(statSync(db).size / 1e6).toFixed(0)} MB`);

    const rand = mulberry32(7);
    const queries = Array.from({ length: QUERIES }, () => perturb(zh[Math.floor(rand() * zh.length)], pool, rand));
    const memory = openMemory(db);
    lookup(memory, queries[0]); // warm the statement cache
    const times: number[] = [];
    const best: ({ id: number; score: number } | null)[] = [];
    for (const q of queries) {
      t = performance.now();
      const hits = lookup(memory, q, { min: 50, max: 5 });
      times.push(performance.now() - t);
      best.push(hits[0] ? { id: hits[0].id, score: hits[0].score } : null);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    const indexMean = times.reduce((a, b) => a + b, 0) / times.length;
    console.log(`lookup (${QUERIES} perturbed sentences, min 50): p50 ${p50.toFixed(2)} ms (target ≤ 5) ${p50 <= 5 ? 'OK' : 'MISSED'}, p99 ${p99.toFixed(2)} ms (target ≤ 50) ${p99 <= 50 ? 'OK' : 'MISSED'}, mean ${indexMean.toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`);
    console.log(`hits: ${best.filter((b) => b !== null).length}/${QUERIES} queries with a match ≥ 50`);
    await concordanceBench('SQLite', (term, options) => concordance(memory, term, options), zh, rand);

    t = Date.now();
    const entries: ScanEntry[] = [];
    for (const row of memory.db.prepare('SELECT id, source FROM units ORDER BY id').iterate() as IterableIterator<{ id: number; source: string }>) {
      entries.push({ id: row.id, text: prepareText(row.source) });
    }
    closeMemory(memory);
    console.log(`linear scan: ${entries.length} units prepared in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    let sameScore = 0;
    let sameUnit = 0;
    const scanTimes: number[] = [];
    for (let i = 0; i < queries.length; i++) {
      t = performance.now();
      const ref = scanLookup(entries, queries[i], 50);
      scanTimes.push(performance.now() - t);
      const got = best[i];
      if ((ref === null && got === null) || (ref !== null && got !== null && ref.score === got.score)) sameScore++;
      if ((ref === null && got === null) || (ref !== null && got !== null && ref.id === got.id)) sameUnit++;
    }
    const scanMean = scanTimes.reduce((a, b) => a + b, 0) / scanTimes.length;
    console.log(`linear scan: mean ${scanMean.toFixed(1)} ms per lookup; index speed-up ×${(scanMean / indexMean).toFixed(0)}`);
    console.log(`top-1 agreement with the scan: ${((100 * sameScore) / QUERIES).toFixed(1)}% same best score (target ≥ 99%) ${sameScore >= 0.99 * QUERIES ? 'OK' : 'MISSED'}, ${((100 * sameUnit) / QUERIES).toFixed(1)}% same unit`);
    entries.length = 0;

    const exported = join(dir, 'export.tmx');
    const out = child<{ units: number; seconds: number; maxRssMB: number }>(['--export-child', db, exported]);
    console.log(`export: ${out.units} units, ${(statSync(exported).size / 1e6).toFixed(0)} MB TMX in ${out.seconds.toFixed(1)} s, peak memory ${out.maxRssMB.toFixed(0)} MB`);
    rmSync(tmx, { force: true });
    const again = child<Imported>(['--import-child', exported, join(dir, 'again.sqlite')]);
    console.log(`re-import of the export: ${again.result.added} added of ${again.result.tus} in ${again.seconds.toFixed(1)} s = ${Math.round(again.result.tus / again.seconds)} units/s, peak memory ${again.maxRssMB.toFixed(0)} MB ${again.result.added === out.units ? '(all units back)' : '(UNITS LOST)'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--import-child') importChild(process.argv[3], process.argv[4]);
else if (process.argv[2] === '--export-child') exportChild(process.argv[3], process.argv[4]);
else if (process.argv[1] === fileURLToPath(import.meta.url)) await runMemoryBench();
