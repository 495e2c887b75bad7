/**
 * hunalign (Varga et al. 2005, danielvarga/hunalign) as a peer for the alignment benchmark
 * (bench/align.ts): found or built outside the repo, given the same sentences as Bitext, timed.
 * It is built by ../shared/peers/build-hunalign.sh from a bare git mirror of danielvarga/hunalign
 * (`HUNALIGN_MIRROR`, default the `fetch` mirror beside the shared folder) into `HUNALIGN_HOME`
 * (default ../peers, beside the worktree); a failure is reported, never thrown.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Link } from '../pipeline/types.ts';
import { segmentChinese } from '../pipeline/align/lexicon/chinese.ts';
import type { Lexicon } from '../pipeline/align/lexicon/cedict.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const HOME = process.env.HUNALIGN_HOME ?? join(ROOT, '..', 'peers');
/** The workplace folder: the one holding the shared folder (../shared may be a symbolic link to it, as in a fresh clone). */
const WORKPLACE = existsSync(join(ROOT, '..', 'shared')) ? dirname(realpathSync(join(ROOT, '..', 'shared'))) : join(ROOT, '..');
const MIRROR = process.env.HUNALIGN_MIRROR ?? join(WORKPLACE, '.mirror', 'danielvarga+hunalign', 'repo');
const SCRIPT = join(ROOT, '..', 'shared', 'peers', 'build-hunalign.sh');

/** The hunalign binary and its CC-CEDICT dictionary ("chinese @ english" lines). */
export interface Hunalign {
  binary: string;
  dictionary: string;
}

/**
 * hunalign under `HUNALIGN_HOME`, built there first when missing. Returns the binary and
 * dictionary, or a one-line reason why they are not available (no mirror, build failed).
 */
export function findHunalign(): Hunalign | string {
  const found: Hunalign = { binary: join(HOME, 'hunalign', 'src', 'hunalign', 'hunalign'), dictionary: join(HOME, 'ce.cedict.dic') };
  if (existsSync(found.binary) && existsSync(found.dictionary)) return found;
  if (!existsSync(MIRROR)) return `no git mirror of danielvarga/hunalign at ${MIRROR} (set HUNALIGN_MIRROR)`;
  const build = spawnSync('bash', [SCRIPT, MIRROR, HOME], { encoding: 'utf8' });
  if (build.status !== 0) return `build-hunalign.sh failed: ${(build.stderr || build.error?.message || '').trim().split('\n').pop()}`;
  return existsSync(found.binary) && existsSync(found.dictionary) ? found : 'build-hunalign.sh made no binary';
}

/**
 * hunalign's input form of sentences, one per line: Chinese split into words by the aligner's own
 * segmentation (`segmentChinese`, dictionary maximum matching) with the other characters as
 * tokens between them; English lower-cased (the dictionary is) with punctuation split off.
 */
export function tokenizeForHunalign(sentences: readonly string[], lang: 'zh' | 'en', lexicon: Lexicon): string[] {
  if (lang === 'en') return sentences.map((s) => s.toLowerCase().replace(/([^\p{L}\p{N}'\s-])/gu, ' $1 ').replace(/\s+/g, ' ').trim());
  return sentences.map((s) => {
    const words = segmentChinese(s, lexicon);
    const cuts = new Set([...words.start, ...words.end]);
    let out = '';
    for (let k = 0; k < s.length; k++) out += (cuts.has(k) ? ' ' : '') + s[k];
    return out.replace(/\s+/g, ' ').trim();
  });
}

/**
 * Run hunalign once on sentence files (`zhFile`, `enFile`: one sentence per line), English as its
 * source side as build-hunalign.sh prescribes, and read its ladder output ("en zh score" rungs)
 * back as links of 0-based Chinese → English sentence positions. Wall and CPU (user + system)
 * time (ms) and peak RSS (bytes) by GNU time; throws if hunalign fails.
 */
export function runHunalign(h: Hunalign, zhFile: string, enFile: string): { links: Link[]; ms: number; cpuMs: number; maxRss: number } {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', h.binary, '-onebyteencoding', h.dictionary, enFile, zhFile], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`hunalign failed: ${run.stderr}`);
  const [elapsed, user, system, kb] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  const rungs = run.stdout.trim().split('\n').map((line) => line.split('\t').map(Number));
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, x) => from + x);
  const links: Link[] = [];
  for (let k = 0; k + 1 < rungs.length; k++) {
    const [en0, zh0] = rungs[k];
    const [en1, zh1] = rungs[k + 1];
    links.push({ source: range(zh0, zh1), target: range(en0, en1), score: 1 });
  }
  return { links, ms: elapsed * 1000, cpuMs: (user + system) * 1000, maxRss: kb * 1024 };
}
