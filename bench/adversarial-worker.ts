/**
 * Child process of the adversarial benchmark (bench/adversarial.ts): runs `check` in-process on
 * one document folder given as argument (read, segment, align, check: what `bitext check DIR`
 * does, without the report) and prints one JSON line with the wall and CPU (user + system) time
 * (ms, dictionary load excluded), the number of
 * findings, or the one-line error of a refused input, and the peak RSS (bytes). Run in a child
 * so that the peak memory is this input's own.
 */
import { loadBitext } from '../pipeline/align/index.ts';
import { checkBitext } from '../pipeline/check/index.ts';
import { loadLexicon } from '../pipeline/align/lexicon/cedict.ts';

loadLexicon(); // loaded before the clock starts: the dictionary is not the input's cost
const started = performance.now();
const cpuStart = process.cpuUsage();
let findings = -1;
let error = '';
try {
  findings = checkBitext(loadBitext(process.argv[2])).length;
} catch (e) {
  error = (e as Error).message;
}
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, findings, error, maxRss: process.resourceUsage().maxRSS * 1024 }) + '\n');
