/**
 * Child process of the alignment benchmark: aligns one-sentence-per-line file pairs given as
 * arguments (`zh1 en1 zh2 en2 …`) in this process and prints one JSON line with the links per
 * pair, the wall time of the alignment (ms, dictionary load included), the process's CPU time
 * (user + system, ms, process start included) and the peak RSS (bytes).
 * Run in a child so that the peak memory is the alignment's own.
 */
import { alignSequences } from '../pipeline/align/index.ts';
import { readLines } from '../pipeline/io.ts';
import { loadLexicon } from '../pipeline/align/lexicon/cedict.ts';

const files = process.argv.slice(2);
const started = performance.now();
const lexicon = loadLexicon();
const results = [];
for (let k = 0; k + 1 < files.length; k += 2) {
  const zh = readLines(files[k]).map((text) => ({ text }));
  const en = readLines(files[k + 1]).map((text) => ({ text }));
  results.push(alignSequences(zh, en, { lexicon }).map((l) => [l.source, l.target]));
}
const ms = performance.now() - started;
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ links: results, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRss: process.resourceUsage().maxRSS * 1024 }) + '\n');
