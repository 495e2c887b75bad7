/**
 * eval — strict and lax precision, recall and F1 of sentence alignments against a gold standard
 * (Sennrich & Volk 2011, "Iterative, MT-based sentence alignment of parallel texts"; the
 * definition used by vecalign's scorer and described in ../shared/README.md):
 *  - counts are micro-averaged: summed over all documents before dividing;
 *  - precision is over the test links with at least one side (duplicates counted once): a link
 *    counts strictly if the identical link is in the gold, laxly if any of its source ids is
 *    gold-linked to any of its target ids;
 *  - recall is over the gold links with both sides, checked the same way against the test links
 *    with both sides (1-0 and 0-1 links are ignored on both);
 *  - F1 = 2PR / (P + R); a ratio with a zero denominator is 0.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Link } from '../types.ts';
import { BitextError, located, readText } from '../io.ts';
import { parseAlign } from './formats.ts';

/** Precision, recall and F1 of one kind (strict or lax). */
export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

/** Scores with the raw counts behind them. */
export interface EvalResult {
  strict: Prf;
  lax: Prf;
  counts: {
    /** Test links with at least one side; those matching strictly / laxly. */
    testLinks: number;
    strictTestMatches: number;
    laxTestMatches: number;
    /** Gold links with both sides; those found strictly / laxly. */
    goldLinks: number;
    strictGoldMatches: number;
    laxGoldMatches: number;
  };
}

type Pair = readonly [readonly number[], readonly number[]];

const key = (source: readonly number[], target: readonly number[]) => `${source.join(',')}:${target.join(',')}`;

/** [strict matches, lax matches, total] of `test` links judged against `gold` links (one document). */
function matches(gold: readonly Pair[], test: readonly Pair[]): [number, number, number] {
  const goldKeys = new Set(gold.filter(([s, t]) => s.length + t.length > 0).map(([s, t]) => key(s, t)));
  const linked = new Map<number, Set<number>>();
  for (const [s, t] of gold) {
    for (const a of s) {
      let set = linked.get(a);
      if (!set) linked.set(a, (set = new Set()));
      for (const b of t) set.add(b);
    }
  }
  let strict = 0;
  let lax = 0;
  const seen = new Set<string>();
  for (const [s, t] of test) {
    if (s.length + t.length === 0) continue;
    const k = key(s, t);
    if (seen.has(k)) continue;
    seen.add(k);
    if (goldKeys.has(k)) {
      strict++;
      lax++;
    } else if (s.some((a) => t.some((b) => linked.get(a)?.has(b)))) {
      lax++;
    }
  }
  return [strict, lax, seen.size];
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Score test alignments against gold ones, one `{ gold, test }` pair per document. */
export function scoreAlignments(documents: readonly { gold: readonly Link[]; test: readonly Link[] }[]): EvalResult {
  const counts = { testLinks: 0, strictTestMatches: 0, laxTestMatches: 0, goldLinks: 0, strictGoldMatches: 0, laxGoldMatches: 0 };
  for (const { gold, test } of documents) {
    const g: Pair[] = gold.map((l) => [l.source, l.target]);
    const t: Pair[] = test.map((l) => [l.source, l.target]);
    const [ps, pl, pn] = matches(g, t);
    counts.strictTestMatches += ps;
    counts.laxTestMatches += pl;
    counts.testLinks += pn;
    const both = (p: Pair) => p[0].length > 0 && p[1].length > 0;
    const [rs, rl, rn] = matches(t.filter(both), g.filter(both));
    counts.strictGoldMatches += rs;
    counts.laxGoldMatches += rl;
    counts.goldLinks += rn;
  }
  const prf = (tp: number, rp: number): Prf => {
    const precision = ratio(tp, counts.testLinks);
    const recall = ratio(rp, counts.goldLinks);
    return { precision, recall, f1: f1(precision, recall) };
  };
  return { strict: prf(counts.strictTestMatches, counts.strictGoldMatches), lax: prf(counts.laxTestMatches, counts.laxGoldMatches), counts };
}

/** A strict error: a test link with at least one side that is not in the gold, and the gold links sharing a unit with it. */
export interface LinkError {
  test: Link;
  /** Gold links holding a source id or a target id of `test`, in gold order. */
  gold: Link[];
}

/**
 * The strict errors of one document (what strict precision counts against, see the module
 * comment), in test order. For error analysis by link size (bench/align-errors.ts): a test 1-1
 * whose gold is one 1-2 link put a sentence in the wrong link; a test 2-2 whose gold is two 1-1
 * links merged what should stay apart.
 */
export function strictErrors(gold: readonly Link[], test: readonly Link[]): LinkError[] {
  const goldKeys = new Set(gold.map((l) => key(l.source, l.target)));
  return test
    .filter((l) => l.source.length + l.target.length > 0 && !goldKeys.has(key(l.source, l.target)))
    .map((l) => ({ test: l, gold: gold.filter((g) => g.source.some((s) => l.source.includes(s)) || g.target.some((t) => l.target.includes(t))) }));
}

/** The type of a strict error by link sizes, `test 1-1 vs gold 1-2` (gold links joined by +, `none` when no gold link shares a unit). */
export function errorType(error: LinkError): string {
  const size = (l: Link) => `${l.source.length}-${l.target.length}`;
  return `test ${size(error.test)} vs gold ${error.gold.map(size).join('+') || 'none'}`;
}

/**
 * Score every `NNN.align` file of `goldDir` against the file of the same name in `testDir`.
 * Throws `BitextError` (exit 2) when a folder is missing or empty of `.align` files, when a test
 * file is missing, or when a file is malformed (naming file and line).
 */
export function evaluateFolders(goldDir: string, testDir: string): EvalResult & { files: string[] } {
  for (const dir of [goldDir, testDir]) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new BitextError(located(dir, undefined, 'no such folder'), { file: dir });
  }
  const files = readdirSync(goldDir).filter((f) => f.endsWith('.align')).sort();
  if (files.length === 0) throw new BitextError(located(goldDir, undefined, 'no .align files'), { file: goldDir });
  const documents = files.map((name) => {
    const testFile = join(testDir, name);
    if (!existsSync(testFile)) throw new BitextError(located(testFile, undefined, `missing: the gold folder has ${name}`), { file: testFile });
    const goldFile = join(goldDir, name);
    return { gold: parseAlign(readText(goldFile), goldFile), test: parseAlign(readText(testFile), testFile) };
  });
  return { ...scoreAlignments(documents), files };
}

/** A small text table of the scores (three decimals), as vecalign's scorer prints it. */
export function formatEvalTable(result: EvalResult): string {
  const f = (x: number) => x.toFixed(3);
  return [
    '            Strict    Lax',
    `Precision   ${f(result.strict.precision)}     ${f(result.lax.precision)}`,
    `Recall      ${f(result.strict.recall)}     ${f(result.lax.recall)}`,
    `F1          ${f(result.strict.f1)}     ${f(result.lax.f1)}`,
  ].join('\n') + '\n';
}
