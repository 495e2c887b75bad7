#!/usr/bin/env -S npx tsx
/**
 * The `bitext` command line (DESIGN.md "Command line"): parses arguments and calls the stages,
 * nothing else. Exit codes: 0 success, 1 failed checks (or, for `diff`, differences found),
 * 2 bad usage or unreadable input. Errors are one line on stderr naming the file and line.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { BitextError, checkOutputFile, systemErrorReason, writeFileAtomic } from '../io.ts';
import { registerMemoryCommands } from './memory.ts';
import { VERSION } from '../version.ts';

// Stage modules are imported inside each verb's action, so a verb loads only what it uses.

/** `--ui-lang` values: a language tag or a POSIX locale name (`zh_TW.UTF-8`, `C.UTF-8`); resolved later with fallback. */
function uiLanguage(value: string): string {
  if (!/^(?:[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*|C|POSIX)(?:\.[A-Za-z0-9-]+)?(?:@[A-Za-z0-9]+)?$/.test(value)) {
    throw new InvalidArgumentError('expected a language tag such as en, zh-Hans, zh-Hant or zh_TW.UTF-8');
  }
  return value;
}

const program = new Command('bitext')
  .description('Chinese–English bitext pipeline: read, segment, align, translation memory, check, diff, publish')
  .version(VERSION, '-V, --version')
  .exitOverride()
  .configureOutput({ outputError: (message, write) => write(`bitext: ${message.replace(/^error: /, '').trim()} (see --help)\n`) });

program
  .command('build')
  .description('align every document pair under SOURCE and write the editions, alignment files, TMX and TM entries to OUTPUT')
  .argument('[source]', 'folder of document folders (each with zh.md and en.md)', 'source')
  .argument('[output]', 'output folder', 'output')
  .option('--memory <path>', 'translation memory file (default OUTPUT/memory.sqlite)')
  .option('--ui-lang <tag>', 'interface language of the edition: en, zh-Hans, zh-Hant (zh-CN, zh_TW.UTF-8… are resolved; others fall back to en)', uiLanguage, 'en')
  .addOption(new Option('--script <script>', 'also write a Traditional Chinese edition with "hant"').choices(['hans', 'hant']))
  .option('--json', 'print the summary as JSON')
  .action(async (source: string, output: string, opts: { memory?: string; uiLang: string; script?: 'hans' | 'hant'; json?: boolean }) => {
    const { build } = await import('../build.ts');
    const { default: cliProgress } = await import('cli-progress');
    let bar: InstanceType<typeof cliProgress.SingleBar> | undefined;
    const summary = await build(source, output, {
      memory: opts.memory,
      uiLang: opts.uiLang,
      script: opts.script,
      onProgress: (done, total) => {
        if (total < 2) return;
        if (!bar) {
          bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'aligning {bar} {value}/{total} documents' }, cliProgress.Presets.shades_classic);
          bar.start(total, 0);
        }
        bar.update(done);
        if (done === total) bar.stop();
      },
    });
    if (opts.json) {
      console.log(JSON.stringify(summary, null, 2));
      return;
    }
    for (const d of summary.documents) {
      console.log(`${d.doc}: ${d.blockLinks} block links, ${d.segmentLinks} sentence links, ${d.flagged} to review → ${output}/${d.doc}/`);
    }
    console.log(`translation memory ${summary.memory}: ${summary.unitsAdded} new units (${summary.unitsExisting} already stored or repeated)`);
  });

// ---- align verbs (align, eval) ----
program
  .command('align')
  .description('align a Chinese file with its English translation and print the links')
  .argument('<zh>', 'Chinese file (Markdown, text, or one sentence per line with --presegmented)')
  .argument('<en>', 'English file')
  .option('--presegmented', 'input is one sentence per line (ids are line numbers from 0)')
  .addOption(new Option('--format <format>', 'output format').choices(['json', 'align', 'tsv']).default('align'))
  .action(async (zh: string, en: string, opts: { presegmented?: boolean; format: 'json' | 'align' | 'tsv' }) => {
    const { runAlign } = await import('./align.ts');
    process.stdout.write(await runAlign(zh, en, opts));
  });

program
  .command('eval')
  .description('strict and lax precision, recall and F1 of the NNN.align files of TEST against GOLD')
  .requiredOption('--gold <dir>', 'folder of gold NNN.align files')
  .requiredOption('--test <dir>', 'folder of test NNN.align files (same names)')
  .option('--json', 'print the scores and counts as JSON')
  .action(async (opts: { gold: string; test: string; json?: boolean }) => {
    const { runEval } = await import('./align.ts');
    process.stdout.write(runEval(opts));
  });
// ---- end align verbs ----

// ---- memory verbs (tm import|export|lookup|stats, pretranslate) ----
registerMemoryCommands(program);
// ---- end memory verbs ----

// ---- publish verbs (check, diff) ----
const useColor = () => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';

program
  .command('check')
  .description('QA report per document pair: links not 1-1, low scores, numbers and Latin names that do not match, untranslated or empty blocks, length-ratio outliers; exit 1 on an error or too many warnings')
  .argument('[dir]', 'a folder of document folders, or one document folder', 'source')
  .option('--json', 'print the findings as JSON')
  .option('--max-warnings <n>', 'exit 1 when there are more warnings than N', (value: string) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number ≥ 0');
    return Number(value);
  })
  .action(async (dir: string, opts: { json?: boolean; maxWarnings?: number }) => {
    const { findPairs, loadPair } = await import('../align/index.ts');
    const { checkBitext, checkExitCode, countFindings, formatFindings } = await import('../check/index.ts');
    const bitexts = findPairs(dir).map(loadPair);
    const findings = bitexts.flatMap((b) => checkBitext(b));
    if (opts.json) {
      const documents = bitexts.map((b) => ({ doc: b.doc, ...countFindings(findings.filter((f) => f.doc === b.doc)) }));
      console.log(JSON.stringify({ documents, findings }, null, 2));
    } else {
      process.stdout.write(formatFindings(findings, { color: useColor(), docs: bitexts.map((b) => b.doc) }));
    }
    process.exitCode = checkExitCode(findings, opts.maxWarnings);
  });

program
  .command('diff')
  .description('what changed between two revisions of a document pair (folders, REV:path git revisions, or alignment.json files): links added, removed, re-paired, text changes, stale TM units; exit 0 same, 1 different, 2 trouble')
  .argument('<old>', 'old revision: document folder, REV:path, or alignment.json')
  .argument('<new>', 'new revision: document folder, REV:path, or alignment.json')
  .option('--json', 'print the differences as JSON')
  .option('--html <file>', 'also write the differences as an HTML page')
  .option('--ui-lang <tag>', 'interface language of the HTML page', uiLanguage, 'en')
  .action(async (oldSpec: string, newSpec: string, opts: { json?: boolean; html?: string; uiLang: string }) => {
    const { diffExitCode, diffRevisions, formatDiff } = await import('../diff/index.ts');
    const { formatDiffHtml } = await import('../publish/index.ts');
    if (opts.html) checkOutputFile(opts.html, [oldSpec, newSpec], ['.html', '.htm']);
    const diff = diffRevisions(oldSpec, newSpec);
    if (opts.json) console.log(JSON.stringify(diff, null, 2));
    else process.stdout.write(formatDiff(diff, { color: useColor() }));
    if (opts.html) writeFileAtomic(opts.html, formatDiffHtml(diff, { uiLang: opts.uiLang }));
    process.exitCode = diffExitCode(diff);
  });
// ---- end publish verbs ----

/** Run the command line with `argv` (as `process.argv`); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  if (argv.length <= 2) {
    process.stderr.write('bitext: no verb given (see bitext --help)\n');
    return 2;
  }
  // A reader that stops early (`bitext … | head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2; // --help and --version exit 0; help shown for a missing verb is bad usage
    }
    process.stderr.write(`bitext: ${describeError(error)}\n`);
    if (process.env.BITEXT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return error instanceof BitextError ? error.exitCode : 2;
  }
}

/** One line for any error: a `BitextError` as written, a system error as "path: reason". */
function describeError(error: unknown): string {
  if (error instanceof BitextError) return error.message;
  const path = (error as NodeJS.ErrnoException)?.path;
  return path ? `${path}: ${systemErrorReason(error)}` : systemErrorReason(error);
}

process.exitCode = await main(process.argv);
