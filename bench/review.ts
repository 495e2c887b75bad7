/**
 * Review editor benchmark (`npm run bench`; issue 12 item 5, pipeline/review/server.ts): a
 * document of one paragraph a verse, the first `VERSES` verses of the Bible pair
 * (../shared/corpus/bible, read in place; each side's sentences grouped by their verse in
 * zh.verse / en.verse) written to the OS temp folder, served by the review server in this process.
 * Times, through real HTTP: opening it (the first `GET /api/doc/NAME`: read, segment, align,
 * check), and saving one edit — `POST /api/doc/NAME/edit`, which writes the corrections file,
 * re-aligns the whole document around them and answers the new state — median of `ROUNDS` edits
 * (merging a link with the next, then taking that correction back, at five places through the document).
 * Target: an edit ≤ 200 ms on a 500-link document.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../pipeline/text/index.ts';
import { startReviewServer, type DocState, type EditOp } from '../pipeline/review/index.ts';

const BIBLE = join(fileURLToPath(new URL('../', import.meta.url)), '..', 'shared', 'corpus', 'bible');
/** Verses in the document: about 500 block links. */
const VERSES = 500;
/** Edits timed. */
const ROUNDS = 10;

/** The first `VERSES` verses of one side of the Bible pair: each verse's sentences as one paragraph. */
function verses(lang: 'zh' | 'en'): string[] {
  const sentences = readFileSync(join(BIBLE, lang, '001'), 'utf8').split('\n');
  const keys = readFileSync(join(BIBLE, `${lang}.verse`), 'utf8').split('\n');
  const byVerse = new Map<string, string[]>();
  keys.forEach((key, k) => {
    if (key && sentences[k] !== undefined) byVerse.set(key, [...(byVerse.get(key) ?? []), sentences[k]]);
  });
  return [...byVerse.values()].slice(0, VERSES).map((s) => s.join(lang === 'zh' ? '' : ' '));
}

/** Print the review editor's figures (see the module comment). */
export async function runReviewBench(): Promise<void> {
  console.log('\n== Review editor: open and edit a 500-link document through HTTP ==');
  if (!existsSync(BIBLE)) {
    console.log(`  skipped: ${BIBLE} not found`);
    return;
  }
  const root = mkdtempSync(join(tmpdir(), 'bitext-bench-review-'));
  try {
    const dir = join(root, 'genesis');
    mkdirSync(dir);
    writeFileSync(join(dir, 'zh.md'), verses('zh').join('\n\n') + '\n');
    writeFileSync(join(dir, 'en.md'), verses('en').join('\n\n') + '\n');
    const server = await startReviewServer({ root });
    const base = new URL(server.url).origin;
    const headers = { authorization: `Token ${server.token}`, 'content-type': 'application/json' };
    try {
      let started = performance.now();
      let state = (await (await fetch(`${base}/api/doc/genesis`, { headers })).json()) as DocState;
      const openMs = performance.now() - started;
      const times: number[] = [];
      // CPU time of this process (server and client both): the figure a loaded machine does not inflate.
      const cpuTimes: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Even rounds merge a link with the next at a new place; odd rounds take that correction back.
        const at = Math.floor(((round >> 1) + 0.5) * (state.links.length / Math.ceil(ROUNDS / 2)));
        const op: EditOp = round % 2 === 0 ? { kind: 'merge-next', link: at } : { kind: 'unconfirm', link: state.links.findIndex((l) => l.corrected) };
        started = performance.now();
        const cpu = process.cpuUsage();
        const response = await fetch(`${base}/api/doc/genesis/edit`, { method: 'POST', headers, body: JSON.stringify({ version: state.version, op }) });
        state = (await response.json()) as DocState;
        times.push(performance.now() - started);
        const used = process.cpuUsage(cpu);
        cpuTimes.push((used.user + used.system) / 1000);
        if (!response.ok) throw new Error(`edit ${JSON.stringify(op)}: ${JSON.stringify(state)}`);
      }
      const edit = median(times);
      console.log(`document: ${VERSES} verses of Genesis, ${state.links.length} block links`);
      console.log(`open (first GET of its state): ${openMs.toFixed(0)} ms`);
      console.log(`save one edit and re-align (POST …/edit, median of ${ROUNDS}): ${edit.toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}) (target ≤ 200 ms) ${edit <= 200 ? 'OK' : 'MISSED'}; CPU ${median(cpuTimes).toFixed(0)} ms`);
      console.log(`machine: load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs (wall-clock figures suffer when other processes compete)`);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// Run on its own: `npx tsx bench/review.ts`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runReviewBench();
