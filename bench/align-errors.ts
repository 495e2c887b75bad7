/**
 * Strict errors of the sentence aligner on MAC-dev (../shared/corpus/mac-dev) by type of link
 * size (`strictErrors`, `errorType` in pipeline/align/eval.ts), most frequent first, with the
 * strict and lax F1; `--show N` also prints the first N errors with their sentences, read from
 * the corpus in place. Run: `npx tsx bench/align-errors.ts [--show N]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alignSequences, errorType, parseAlign, scoreAlignments, strictErrors } from '../pipeline/align/index.ts';
import { loadLexicon } from '../pipeline/align/lexicon/cedict.ts';
import { readLines } from '../pipeline/io.ts';

const MAC = fileURLToPath(new URL('../../shared/corpus/mac-dev/', import.meta.url));
const showAt = process.argv.indexOf('--show');
let show = showAt >= 0 ? Number(process.argv[showAt + 1]) : 0;

const lexicon = loadLexicon();
const docs = readdirSync(join(MAC, 'gold')).filter((f) => f.endsWith('.align')).map((f) => f.slice(0, -'.align'.length)).sort();
const counts = new Map<string, number>();
const results = docs.map((doc) => {
  const zh = readLines(join(MAC, 'zh', doc));
  const en = readLines(join(MAC, 'en', doc));
  const test = alignSequences(zh.map((text) => ({ text })), en.map((text) => ({ text })), { lexicon });
  const gold = parseAlign(readFileSync(join(MAC, 'gold', `${doc}.align`), 'utf8'));
  for (const error of strictErrors(gold, test)) {
    const type = errorType(error);
    counts.set(type, (counts.get(type) ?? 0) + 1);
    if (show-- <= 0) continue;
    const format = (l: { source: number[]; target: number[] }) => `[${l.source}]:[${l.target}]`;
    console.log(`${doc} ${type}: test ${format(error.test)}, gold ${error.gold.map(format).join(' ')}`);
    for (const s of new Set([...error.test.source, ...error.gold.flatMap((g) => g.source)])) console.log(`  zh ${s}: ${zh[s]}`);
    for (const t of new Set([...error.test.target, ...error.gold.flatMap((g) => g.target)])) console.log(`  en ${t}: ${en[t]}`);
  }
  return { gold, test };
});
for (const [type, n] of [...counts].sort((x, y) => y[1] - x[1])) console.log(`${String(n).padStart(4)}  ${type}`);
const r = scoreAlignments(results);
console.log(`MAC-dev strict F1 ${r.strict.f1.toFixed(4)}, lax F1 ${r.lax.f1.toFixed(4)}`);
