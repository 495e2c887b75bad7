/**
 * Adversarial-input benchmark (`npm run bench`): generated texts that used to take quadratic time
 * or unbounded memory, each run through `check` (read, segment, align, check) in a child process
 * (bench/adversarial-worker.ts) so that its peak RSS is its own. Targets: a 100 KB adversarial
 * English or Chinese text ≤ 5 s; one 1 MB paragraph a side ≤ 1 GB; one Chinese paragraph without
 * punctuation ≤ 1 GB, at 300,000 characters in about twice the time of 150,000 (linear). The paired
 * side of each case is a short ordinary text (or, for the 1 MB and unpunctuated cases, the
 * translation at the same size).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The sample news pair (zh.md, en.md), read in place. */
export const SAMPLE = join(ROOT, '..', 'shared', 'corpus', 'zhongnanhai');

interface Case {
  name: string;
  zh: string;
  en: string;
  /** Wall-time target in ms, peak-memory target in bytes. */
  ms: number;
  rss: number;
}

/**
 * The sample's prose (headings dropped) with its paragraphs joined by `join`, repeated to at
 * least `bytes` UTF-8 bytes: one paragraph when `join` is '' or ' ', paragraphs with '\n\n'.
 */
export function paragraph(file: string, bytes: number, join: string): string {
  const body = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).map((l) => l.trim()).join(join);
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    parts.push(body);
    size += Buffer.byteLength(body) + 1;
  }
  return parts.join(join);
}

/** Chinese words and their English glosses for `unpunctuated`. */
const GLOSSED = [['组件', 'component'], ['浏览器', 'browser'], ['桌面', 'desktop'], ['移动端', 'mobile'], ['样式', 'style'], ['选择', 'choose'], ['业务', 'business'], ['注册', 'registration'], ['单元', 'unit'], ['适配', 'adaptation']];

/**
 * One paragraph a side: at least `chars` Han characters of words drawn from `GLOSSED` with no
 * punctuation at all, and their glosses in the same order as English sentences of 15 words (a
 * fixed pseudo-random sequence, so every run reads the same text).
 */
export function unpunctuated(chars: number): { zh: string; en: string } {
  const zh: string[] = [];
  const en: string[] = [];
  let seed = 1;
  for (let size = 0; size < chars; ) {
    seed = (seed * 48271) % 2147483647; // Park and Miller's minimal standard generator
    const [word, gloss] = GLOSSED[seed % GLOSSED.length];
    zh.push(word);
    size += word.length;
    const first = en.length % 15 === 0;
    en.push(`${first ? gloss[0].toUpperCase() + gloss.slice(1) : gloss}${en.length % 15 === 14 ? '.' : ''}`);
  }
  return { zh: `${zh.join('')}\n`, en: `${en.join(' ').replace(/(?<!\.)$/, '.')}\n` };
}

function cases(): Case[] {
  const K = 100_000;
  const zhShort = '我们早上出发。路上下起了小雨。\n';
  const enShort = 'We set off in the morning. It began to drizzle on the way.\n';
  const fiveSeconds = 5_000;
  const gigabyte = 1e9;
  return [
    { name: 'English, 100 KB of letters then one full stop', zh: zhShort, en: `${'a'.repeat(K)}. Then more.\n`, ms: fiveSeconds, rss: gigabyte },
    { name: 'English, 25,000 abbreviations (Mr. Mr. …)', zh: zhShort, en: `${'Mr. '.repeat(K / 4)}\n`, ms: fiveSeconds, rss: gigabyte },
    { name: 'English, 12,500 short sentences', zh: zhShort, en: `${'Go now. '.repeat(K / 8)}\n`, ms: fiveSeconds, rss: gigabyte },
    { name: 'English, 100,000 digits', zh: zhShort, en: `Count ${'1'.repeat(K)} now.\n`, ms: fiveSeconds, rss: gigabyte },
    { name: 'Chinese, 33,000 一 (100 KB)', zh: `${'一'.repeat(K / 3)}。\n`, en: enShort, ms: fiveSeconds, rss: gigabyte },
    { name: 'Chinese, 33,000 sentences 好。', zh: `${'好。'.repeat(K / 6)}\n`, en: enShort, ms: fiveSeconds, rss: gigabyte },
    { name: 'Markdown, 100 KB of unpairable emphasis (*a … a**)', zh: zhShort, en: `${'*a '.repeat(K / 6)}${'a** '.repeat(K / 8)}\n`, ms: fiveSeconds, rss: gigabyte },
    { name: 'Markdown, 2,000 nested list levels', zh: zhShort, en: `${Array.from({ length: 2000 }, (_, k) => `${' '.repeat(2 * k)}- Go.`).join('\n')}\n`, ms: fiveSeconds, rss: gigabyte },
    { name: 'Markdown, 5,000 nested quotes', zh: zhShort, en: `${'> '.repeat(5000)}Go.\n`, ms: fiveSeconds, rss: gigabyte },
    { name: 'Chinese, one paragraph of 150,000 Han characters without punctuation', ...unpunctuated(150_000), ms: Infinity, rss: gigabyte },
    { name: 'Chinese, one paragraph of 300,000 Han characters without punctuation', ...unpunctuated(300_000), ms: Infinity, rss: gigabyte },
    { name: 'one 1 MB paragraph a side', zh: `${paragraph(join(SAMPLE, 'zh.md'), 1e6, '')}\n`, en: `${paragraph(join(SAMPLE, 'en.md'), 1e6, ' ')}\n`, ms: Infinity, rss: gigabyte },
  ];
}

/** Run every case and print its time and peak memory against the targets. */
export async function runAdversarialBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bitext-adversarial-'));
  try {
    console.log('adversarial inputs through check (child process each):');
    for (const c of cases()) {
      const doc = join(dir, c.name.replace(/[^a-z0-9]+/gi, '-'));
      mkdirSync(doc);
      writeFileSync(join(doc, 'zh.md'), c.zh);
      writeFileSync(join(doc, 'en.md'), c.en);
      const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'adversarial-worker.ts'), doc], { cwd: ROOT, encoding: 'utf8' });
      if (run.status !== 0) {
        console.log(`  ${c.name}: worker failed: ${run.stderr.trim().split('\n')[0]}`);
        continue;
      }
      const r = JSON.parse(run.stdout) as { ms: number; findings: number; error: string; maxRss: number };
      const time = `${(r.ms / 1000).toFixed(2)} s${Number.isFinite(c.ms) ? ` (target ≤ ${c.ms / 1000} s: ${r.ms <= c.ms ? 'met' : 'NOT met'})` : ''}`;
      const memory = `peak ${(r.maxRss / 1e6).toFixed(0)} MB (target ≤ ${c.rss / 1e6} MB: ${r.maxRss <= c.rss ? 'met' : 'NOT met'})`;
      const outcome = r.error ? `refused: ${r.error}` : `${r.findings} findings`;
      console.log(`  ${c.name}: ${time}, ${memory}; ${outcome}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
