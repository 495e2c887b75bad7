/**
 * PostgreSQL translation-memory benchmark (`npm run bench`; issue 13 targets), on a throwaway
 * cluster started like the tests' (scripts/postgres-cluster.ts) and removed at the end:
 * 1. import BENCH_TM_UNITS (default 1,000,000) units — bench/memory.ts's `benchPairs` — in one
 *    transaction: units/s (target ≥ 20,000);
 * 2. the same units into an SQLite memory (the reference);
 * 3. 1,000 lookups of freshly perturbed corpus sentences on the server: p50 and p99 (targets
 *    ≤ 10 ms and ≤ 100 ms), and top-1 agreement with SQLite (same text and score; target ≥ 99%);
 * 3b. 1,000 concordance searches of two-character Chinese terms on the server (`concordanceBench`
 *    of bench/memory.ts): p50 (target ≤ 20 ms) and the same hits as SQLite;
 * 4. 4 client processes at once, each pretranslating a 200-sentence document (usage counts
 *    raised) and adding 1,000 new units: no error, no unit lost, every usage increment kept.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { lookupIn, openBackend, pretranslateFileIn, sqliteBackend } from '../pipeline/memory/backend.ts';
import { concordance } from '../pipeline/memory/concordance.ts';
import { lookup } from '../pipeline/memory/lookup.ts';
import { closeMemory, openMemory } from '../pipeline/memory/store.ts';
import { loadDocument } from '../pipeline/segment/index.ts';
import type { TranslationUnit } from '../pipeline/types.ts';
import { startPostgres } from '../scripts/postgres-cluster.ts';
import { benchPairs, concordanceBench, corpusSentences, mulberry32, perturb } from './memory.ts';

const QUERIES = 1000;
const CLIENTS = 4;
const CLIENT_UNITS = 1000;
const DATE = '2026-01-01T00:00:00Z';

function* asUnits(pairs: Iterable<[string, string]>): Generator<TranslationUnit> {
  for (const [source, target] of pairs) yield { source, target, sourceLang: 'zh-CN', targetLang: 'en', origin: null, score: null, created: DATE, changed: DATE, usage: 0 };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Child-process entry: client `k` pretranslates `doc` into `draft` and adds its own units; prints JSON. */
async function client(url: string, k: number, doc: string, draft: string): Promise<void> {
  const backend = await openBackend(url, 'write');
  const start = performance.now();
  const result = await pretranslateFileIn(backend, loadDocument(doc, 'zh'), draft);
  const own = Array.from({ length: CLIENT_UNITS }, (_, i): [string, string] => [`第${k}号客户端的新句子${i}`, `new sentence ${i} of client ${k}`]);
  const added = await backend.addUnits(asUnits(own));
  await backend.close();
  console.log(JSON.stringify({ used: result.used.length, added: added.added, seconds: (performance.now() - start) / 1000 }));
}

function runClient(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--client', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function scalar(url: string, sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query(sql)).rows[0].n);
  } finally {
    await c.end();
  }
}

/** Run the benchmark and print every figure. */
export async function runPostgresBench(): Promise<void> {
  const units = Number(process.env.BENCH_TM_UNITS ?? 1_000_000);
  console.log(`\n== translation memory on PostgreSQL (BENCH_TM_UNITS=${units}) ==`);
  console.log(`machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (wall-clock figures suffer when other processes compete)`);
  const cluster = await startPostgres('bitext_bench');
  const dir = mkdtempSync(join(tmpdir(), 'bitext-pg-bench-'));
  try {
    const { zh, en } = corpusSentences();
    const pool = [...new Set(zh.join('').match(/\p{sc=Han}/gu) ?? [])];
    const server = await openBackend(cluster.url, 'create');
    let t = performance.now();
    const imported = await server.addUnits(asUnits(benchPairs(units, zh, en, pool)));
    const seconds = (performance.now() - t) / 1000;
    const rate = units / seconds;
    console.log(`import: ${units} units (${imported.added} added, ${imported.existing} identical) in ${seconds.toFixed(1)} s = ${Math.round(rate)} units/s (target ≥ 20,000) ${rate >= 20000 ? 'OK' : 'MISSED'}`);
    console.log(`database: ${(await scalar(cluster.url, 'SELECT pg_database_size(current_database()) / 1000000 AS n')).toFixed(0)} MB`);

    t = performance.now();
    const memory = openMemory(join(dir, 'reference.sqlite'));
    await sqliteBackend(memory).addUnits(asUnits(benchPairs(units, zh, en, pool)));
    console.log(`SQLite reference: the same units in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const rand = mulberry32(7);
    const queries = Array.from({ length: QUERIES }, () => perturb(zh[Math.floor(rand() * zh.length)], pool, rand));
    await lookupIn(server, queries[0]); // warm the connection and the server's caches
    const times: number[] = [];
    let agree = 0;
    let found = 0;
    for (const q of queries) {
      t = performance.now();
      const hits = await lookupIn(server, q, { min: 50, max: 5 });
      times.push(performance.now() - t);
      const ref = lookup(memory, q, { min: 50, max: 5 });
      const [a, b] = [hits[0], ref[0]];
      if ((a === undefined && b === undefined) || (a !== undefined && b !== undefined && a.score === b.score && a.source === b.source && a.target === b.target)) agree++;
      if (a !== undefined) found++;
    }
    await concordanceBench('PostgreSQL', (term, options) => server.concordance(term, options), zh, rand, (term, options) => concordance(memory, term, options));
    closeMemory(memory);
    const sorted = [...times].sort((x, y) => x - y);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    console.log(`lookup (${QUERIES} perturbed sentences, min 50): p50 ${p50.toFixed(2)} ms (target ≤ 10) ${p50 <= 10 ? 'OK' : 'MISSED'}, p99 ${p99.toFixed(2)} ms (target ≤ 100) ${p99 <= 100 ? 'OK' : 'MISSED'}, max ${sorted[sorted.length - 1].toFixed(1)} ms; ${found}/${QUERIES} with a match`);
    console.log(`top-1 agreement with SQLite: ${((100 * agree) / QUERIES).toFixed(1)}% (target ≥ 99%) ${agree >= 0.99 * QUERIES ? 'OK' : 'MISSED'}`);

    const before = await scalar(cluster.url, 'SELECT count(*) AS n FROM tm_units');
    const usageBefore = await scalar(cluster.url, 'SELECT sum(usage) AS n FROM tm_units');
    const docRand = mulberry32(11);
    const runs = await Promise.all(Array.from({ length: CLIENTS }, (_, k) => {
      const doc = join(dir, `client${k}.zh.md`);
      writeFileSync(doc, Array.from({ length: 200 }, () => perturb(zh[Math.floor(docRand() * zh.length)], pool, docRand)).join('\n\n') + '\n');
      return runClient([cluster.url, String(k), doc, join(dir, `client${k}.draft.md`)]);
    }));
    const failed = runs.filter((r) => r.code !== 0);
    const results = runs.filter((r) => r.code === 0).map((r) => JSON.parse(r.stdout.trim().split('\n').pop()!) as { used: number; added: number; seconds: number });
    const after = await scalar(cluster.url, 'SELECT count(*) AS n FROM tm_units');
    const usageAfter = await scalar(cluster.url, 'SELECT sum(usage) AS n FROM tm_units');
    const used = results.reduce((n, r) => n + r.used, 0);
    const lost = before + CLIENTS * CLIENT_UNITS - after;
    const ok = failed.length === 0 && lost === 0 && usageAfter - usageBefore === used;
    console.log(`${CLIENTS} concurrent clients (pretranslate 200 sentences + add ${CLIENT_UNITS} units each): ${failed.length} errors${failed.map((r) => ` [${r.stderr.trim().split('\n')[0]}]`).join('')}, units ${before} → ${after} (${lost} lost), usage +${usageAfter - usageBefore} of ${used} hits used, slowest client ${Math.max(...results.map((r) => r.seconds)).toFixed(1)} s ${ok ? 'OK' : 'MISSED'}`);
    await server.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    cluster.stop();
  }
}

if (process.argv[2] === '--client') await client(process.argv[3], Number(process.argv[4]), process.argv[5], process.argv[6]);
else if (process.argv[1] === fileURLToPath(import.meta.url)) await runPostgresBench();
