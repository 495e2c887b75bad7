/**
 * The `bitext` command line: `parse` turns arguments into an `Invocation` (which verb, with which
 * arguments) with commander and nothing else; `run` parses, then loads the verb's module (and so
 * its stage) with `import()` and runs it. A fresh commander program is built for every call and
 * writes only to the streams it is given, so tests run the real command line in-process
 * (test/helpers/cli.ts). Each verb lives in its own file (build.ts, align.ts, eval.ts, tm.ts,
 * pretranslate.ts, check.ts, diff.ts, fix.ts, export.ts, review.ts).
 *
 * Exit codes: 0 success, 1 failed checks (for `diff`: differences found), 2 bad usage or
 * unreadable input. Every error is one line on stderr, `bitext: …`, naming the file and line.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { BitextError, systemErrorReason } from '../io.ts';
import { escapeControls } from '../text/terminal.ts';
import { VERSION } from '../version.ts';
import type { CliIo } from './context.ts';
import type { BuildArgs } from './build.ts';
import type { AlignArgs } from './align.ts';
import type { EvalArgs } from './eval.ts';
import type { TmExportArgs, TmImportArgs, TmConcordanceArgs, TmLookupArgs, TmMigrateArgs, TmPruneArgs, TmStatsArgs } from './tm.ts';
import type { PretranslateArgs } from './pretranslate.ts';
import type { CheckArgs } from './check.ts';
import type { DiffArgs } from './diff.ts';
import type { FixArgs } from './fix.ts';
import type { ExportArgs } from './export.ts';
import type { ReviewArgs } from './review.ts';

export type { CliIo, OutputStream } from './context.ts';

/** A parsed command line: the verb (`tm import` for a sub-verb), its arguments, and how to run it. */
export interface Invocation<Args = unknown> {
  verb: string;
  args: Args;
  /** Load the verb's module and run it; resolves to the exit code. */
  run(io: CliIo): Promise<number>;
}

/** Default translation memory file of the memory verbs (as the user would type it). */
const DEFAULT_MEMORY = 'output/memory.sqlite';

/**
 * `--ui-lang` values: any well-formed BCP 47 tag (checked by `Intl.getCanonicalLocales`; `_` read as
 * `-`) or a POSIX locale name (`zh_TW.UTF-8`, `C.UTF-8`, `POSIX`); resolved later with fallback to
 * English. Anything else (markup, spaces) is bad usage.
 */
function uiLanguage(value: string): string {
  const m = /^([^.@]+)(?:\.[A-Za-z0-9-]+)?(?:@[A-Za-z0-9]+)?$/.exec(value);
  const tag = m?.[1].replace(/_/g, '-');
  if (tag === 'C' || tag === 'POSIX') return value;
  try {
    if (tag === undefined) throw new RangeError(value);
    Intl.getCanonicalLocales(tag);
  } catch {
    throw new InvalidArgumentError('expected a language tag such as en, zh-Hans, zh-Hant or zh_TW.UTF-8');
  }
  return value;
}

/** `--port` values: a whole number 0–65535 (0: any free port). */
function portNumber(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('expected a port number 0–65535');
  return Number(value);
}

/** `--max-warnings` values: a whole number ≥ 0. */
function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return Number(value);
}

/**
 * Parse `argv` (the arguments after `bitext`) into an `Invocation`. Help and the version are
 * written to `io.stdout`, usage errors to `io.stderr` as one line; both then throw
 * `CommanderError` (`exitCode` 0 for help and version, otherwise a usage error). Nothing is
 * loaded or run.
 */
export function parse(argv: readonly string[], io: CliIo): Invocation {
  let found: Invocation | undefined;
  // BITEXT_MEMORY names the memory of every verb run without --memory (a team's shared server).
  const envMemory = (io.env ?? process.env).BITEXT_MEMORY || undefined;
  const memoryDefault = envMemory ?? DEFAULT_MEMORY;
  // An action only records what to run: `run()` (or a test) decides when to load and run it.
  const on =
    <Args,>(verb: string, load: (args: Args, io: CliIo) => Promise<number>) =>
    (args: Args) => {
      found = { verb, args, run: (runIo) => load(args, runIo) };
    };

  const program = new Command('bitext')
    .description('Chinese–English bitext pipeline: read, segment, align, translation memory, check, diff, publish')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // commander's own default: the terminal's width, else 80 columns
      getOutHelpWidth: () => (io.stdout.isTTY && io.stdout.columns) || 80,
      getErrHelpWidth: () => (io.stderr.isTTY && io.stderr.columns) || 80,
      outputError: (message, write) => write(`bitext: ${message.replace(/^error: /, '').trim()} (see --help)\n`),
    });

  const build = on<BuildArgs>('build', async (args, io) => (await import('./build.ts')).runBuild(args, io));
  program
    .command('build')
    .description('align every document pair under SOURCE and write the editions, alignment files, TMX and TM entries to OUTPUT')
    .argument('[source]', 'folder of document folders (each with zh.md and en.md)', 'source')
    .argument('[output]', 'output folder', 'output')
    .option('--memory <path>', 'translation memory: a file or a postgres:// URL (default $BITEXT_MEMORY, else OUTPUT/memory.sqlite)', envMemory)
    .option('--ui-lang <tag>', 'interface language of the edition: en, zh-Hans, zh-Hant (zh-CN, zh_TW.UTF-8… are resolved; others fall back to en)', uiLanguage, 'en')
    .addOption(new Option('--script <script>', 'also write a Traditional Chinese edition with "hant"').choices(['hans', 'hant']))
    .option('--strict', 'leave units of links with check errors out of the translation memory and TMX files')
    .option('--json', 'print the summary as JSON')
    .action((source: string, output: string, opts: Omit<BuildArgs, 'source' | 'output'>) => build({ source, output, ...opts }));

  const align = on<AlignArgs>('align', async (args, io) => (await import('./align.ts')).runAlign(args, io));
  program
    .command('align')
    .description('align a Chinese file with its English translation and print the links')
    .argument('<zh>', 'Chinese file (Markdown, text, or one sentence per line with --presegmented)')
    .argument('<en>', 'English file')
    .option('--presegmented', 'input is one sentence per line (ids are line numbers from 0)')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'align', 'tsv']).default('align'))
    .action((zh: string, en: string, opts: Omit<AlignArgs, 'zh' | 'en'>) => align({ zh, en, ...opts }));

  const evaluate = on<EvalArgs>('eval', async (args, io) => (await import('./eval.ts')).runEval(args, io));
  program
    .command('eval')
    .description('strict and lax precision, recall and F1 of the NNN.align files of TEST against GOLD')
    .requiredOption('--gold <dir>', 'folder of gold NNN.align files')
    .requiredOption('--test <dir>', 'folder of test NNN.align files (same names)')
    .option('--json', 'print the scores and counts as JSON')
    .action((opts: EvalArgs) => evaluate(opts));

  const tm = program.command('tm').description('translation memory: import, export, lookup, concordance, stats, prune, migrate');
  const tmImport = on<TmImportArgs>('tm import', async (args, io) => (await import('./tm.ts')).runTmImport(args, io));
  tm.command('import')
    .description('import a TMX file (TMX 1.4b or 1.1; UTF-8 or UTF-16): by default every unit with a Chinese and an English variant')
    .argument('<file>', 'TMX file')
    .option('--src <lang>', 'source language of the units to take (BCP 47)')
    .option('--tgt <lang>', 'target language of the units to take (BCP 47)')
    .option('--replace', 'empty the translation memory first (same transaction)')
    .option('--memory <path>', 'translation memory: a file or a postgres:// URL (the default is $BITEXT_MEMORY when set)', memoryDefault)
    .option('--json', 'print the counts as JSON')
    .action((file: string, opts: Omit<TmImportArgs, 'file'>) => tmImport({ file, ...opts }));

  const tmExport = on<TmExportArgs>('tm export', async (args, io) => (await import('./tm.ts')).runTmExport(args, io));
  tm.command('export')
    .description('export the translation memory as TMX 1.4b (UTF-8)')
    .argument('<file>', 'TMX file to write')
    .option('--src <lang>', 'only units with this source language (either direction)')
    .option('--tgt <lang>', 'only units with this target language (either direction)')
    .option('--doc <name>', 'only units from this document')
    .option('--memory <path>', 'translation memory: a file or a postgres:// URL (the default is $BITEXT_MEMORY when set)', memoryDefault)
    .action((file: string, opts: Omit<TmExportArgs, 'file'>) => tmExport({ file, ...opts }));

  const tmLookup = on<TmLookupArgs>('tm lookup', async (args, io) => (await import('./tm.ts')).runTmLookup(args, io));
  tm.command('lookup')
    .description('fuzzy lookup: units whose source scores at least --min (0–100), best first')
    .argument('<text>', 'text to look up')
    .option('--src <lang>', 'language of the text (default: zh-Hans if it has CJK characters, else en)')
    .option('--tgt <lang>', 'language wanted (default: en for Chinese text, else zh-Hans)')
    .option('--min <score>', 'lowest score shown', '50')
    .option('--max <n>', 'most hits shown', '5')
    .option('--memory <path>', 'translation memory: a file or a postgres:// URL (the default is $BITEXT_MEMORY when set)', memoryDefault)
    .option('--json', 'print [{source, target, sourceLang, targetLang, origin, created, changed, usage, score, band}]')
    .action((text: string, opts: Omit<TmLookupArgs, 'text'>) => tmLookup({ text, ...opts }));

  const tmConcordance = on<TmConcordanceArgs>('tm concordance', async (args, io) => (await import('./tm.ts')).runTmConcordance(args, io));
  tm.command('concordance')
    .description('units holding a term (Chinese characters anywhere, other words whole, any case), the term marked, newest first')
    .argument('<term>', 'term to find')
    .addOption(new Option('--side <side>', 'side of the stored units searched').choices(['source', 'target', 'both']).default('both'))
    .option('--max <n>', 'most units shown', '20')
    .option('--memory <path>', 'translation memory: a file or a postgres:// URL (the default is $BITEXT_MEMORY when set)', memoryDefault)
    .option('--json', 'print [{source, target, sourceLang, targetLang, origin, created, changed, usage, matches: [{side, start, end}]}] (offsets in UTF-16 code units)')
    .action((term: string, opts: Omit<TmConcordanceArgs, 'term'>) => tmConcordance({ term, ...opts }));

  const tmStats = on<TmStatsArgs>('tm stats', async (args, io) => (await import('./tm.ts')).runTmStats(args, io));
  tm.command('stats')
    .description('units (current and superseded apart), per language pair and per origin document')
    .option('--memory <path>', 'translation memory: a file or a postgres:// URL (the default is $BITEXT_MEMORY when set)', memoryDefault)
    .option('--json', 'print as JSON')
    .action((opts: TmStatsArgs) => tmStats(opts));

  const tmPrune = on<TmPruneArgs>('tm prune', async (args, io) => (await import('./tm.ts')).runTmPrune(args, io));
  tm.command('prune')
    .description('remove the units rebuilds superseded (their alignment no longer has them) and print them')
    .option('--memory <path>', 'translation memory: a file or a postgres:// URL (the default is $BITEXT_MEMORY when set)', memoryDefault)
    .option('--json', 'print {removed: [{source, target, sourceLang, targetLang, origin, superseded, build}]}')
    .action((opts: TmPruneArgs) => tmPrune(opts));

  const tmMigrate = on<TmMigrateArgs>('tm migrate', async (args, io) => (await import('./tm.ts')).runTmMigrate(args, io));
  tm.command('migrate')
    .description('copy every unit, build and supersession of one memory into another (files and postgres:// URLs, either way)')
    .argument('<from>', 'memory to copy from')
    .argument('<to>', 'memory to copy into (created when missing)')
    .option('--json', 'print {added, existing}')
    .action((from: string, to: string, opts: Omit<TmMigrateArgs, 'from' | 'to'>) => tmMigrate({ from, to, ...opts }));

  const pretranslate = on<PretranslateArgs>('pretranslate', async (args, io) => (await import('./pretranslate.ts')).runPretranslate(args, io));
  program
    .command('pretranslate')
    .description('fill a new Chinese document from the translation memory: a draft and a leverage report')
    .argument('<doc>', 'source document (.md or .txt)')
    .option('--src <lang>', 'language of the document (default: from the file name, else Chinese with the script detected)')
    .option('--tgt <lang>', 'language of the draft (default: en for a Chinese document, else zh-Hans)')
    .option('--min <score>', 'lowest score used (50–100: below 50 is "no match", as in the bands)', '50')
    .option('--out <file>', 'draft file (default output/<name>.draft.<tgt>.md)')
    .option('--memory <path>', 'translation memory: a file or a postgres:// URL (the default is $BITEXT_MEMORY when set)', memoryDefault)
    .option('--json', 'print the leverage report as JSON')
    .action((doc: string, opts: Omit<PretranslateArgs, 'doc'>) => pretranslate({ doc, ...opts }));

  const check = on<CheckArgs>('check', async (args, io) => (await import('./check.ts')).runCheck(args, io));
  program
    .command('check')
    .description('QA report per document pair: links not 1-1, low scores, numbers and Latin names that do not match, untranslated or empty blocks, length-ratio outliers; exit 1 on an error or too many warnings')
    .argument('[dir]', 'a folder of document folders, or one document folder', 'source')
    .option('--json', 'print the findings as JSON')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than N', wholeNumber)
    .option('--glossary <file>', 'also check the terms of a term base: TBX, or TSV with columns zh, en and an optional status (required, preferred, forbidden)')
    .action((dir: string, opts: Omit<CheckArgs, 'dir'>) => check({ dir, ...opts }));

  const exportFile = on<ExportArgs>('export', async (args, io) => (await import('./export.ts')).runExport(args, io));
  program
    .command('export')
    .description('write the alignment of every document pair under DIR as XLIFF 1.2, TSV or XLSX for review tools: one row per sentence link with its score and review state')
    .argument('<dir>', 'a folder of document folders, or one document folder')
    .addOption(new Option('--format <format>', 'file format').choices(['xliff', 'tsv', 'xlsx']).makeOptionMandatory())
    .option('-o, --output <file>', 'file to write (default: stdout; required for xlsx)')
    .action((dir: string, opts: Omit<ExportArgs, 'dir'>) => exportFile({ dir, ...opts }));

  const diff = on<DiffArgs>('diff', async (args, io) => (await import('./diff.ts')).runDiff(args, io));
  program
    .command('diff')
    .description('what changed between two revisions of a document pair (folders, REV:path git revisions, or alignment.json files): links added, removed, re-paired, text changes, stale TM units; exit 0 same, 1 different, 2 trouble')
    .argument('<old>', 'old revision: document folder, REV:path, or alignment.json')
    .argument('<new>', 'new revision: document folder, REV:path, or alignment.json')
    .option('--json', 'print the differences as JSON')
    .option('--html <file>', 'also write the differences as an HTML page')
    .option('--ui-lang <tag>', 'interface language of the HTML page', uiLanguage, 'en')
    .action((oldSpec: string, newSpec: string, opts: Omit<DiffArgs, 'old' | 'new'>) => diff({ old: oldSpec, new: newSpec, ...opts }));

  const fix = on<FixArgs>('fix', async (args, io) => (await import('./fix.ts')).runFix(args, io));
  program
    .command('fix')
    .description('record corrected block links of one document pair beside its sources (corrections.json); every verb aligns around them')
    .argument('<doc-dir>', 'document folder (zh.md and en.md)')
    .argument('[link...]', "links to record in .align notation over the current block ids: '[8]:[]', '[7]:[6,7]'")
    .option('--remove <link>', 'remove the correction with this link (repeatable)', (value: string, list: string[] = []) => [...list, value])
    .option('--list', 'list the corrections (the default when nothing is added or removed)')
    .option('--json', 'print the changes and the corrections as JSON')
    .action((dir: string, links: string[], opts: Omit<FixArgs, 'dir' | 'links'>) => fix({ dir, links, ...opts }));

  const review = on<ReviewArgs>('review', async (args, io) => (await import('./review.ts')).runReview(args, io));
  program
    .command('review')
    .description('serve the review editor on 127.0.0.1: fix block links in the browser (saved as corrections beside the sources); prints the URL with its token first; stop with Ctrl+C')
    .argument('[dir]', 'a folder of document folders, or one document folder', 'source')
    .option('--port <n>', 'TCP port (0: any free port)', portNumber, 0)
    .option('--no-open', 'do not open the URL in a browser')
    .option('--ui-lang <tag>', 'interface language of the editor', uiLanguage, 'en')
    .action((dir: string, opts: Omit<ReviewArgs, 'dir'>) => review({ dir, ...opts }));

  program.parse([...argv], { from: 'user' });
  // commander either ran an action or threw (`tm` alone shows help and throws); this only narrows the type.
  if (!found) throw new CommanderError(2, 'bitext.noVerb', 'no verb given');
  return found;
}

/**
 * Run the command line with `argv` (the arguments after `bitext`, e.g. `['check', 'source']`) on
 * the streams of `io`; resolves to the exit code (never rejects): the verb's own (0, or 1 for
 * failed checks and differences), 0 for help and the version, 2 for bad usage, and for a
 * `BitextError` its `exitCode` — printed as one line `bitext: …` (the stack too when
 * `BITEXT_DEBUG` is set). Any other error is printed the same way and exits 2.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 0) {
    io.stderr.write('bitext: no verb given (see bitext --help)\n');
    return 2;
  }
  try {
    return await parse(argv, io).run(io);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2; // --help and --version exit 0; help shown for a missing verb is bad usage
    }
    // Paths and TMX names in a message may hold control characters: printed escaped.
    io.stderr.write(`bitext: ${escapeControls(describeError(error))}\n`);
    if ((io.env ?? process.env).BITEXT_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return error instanceof BitextError ? error.exitCode : 2;
  }
}

/** One line for any error: a `BitextError` as written, a system error as "path: reason". */
function describeError(error: unknown): string {
  if (error instanceof BitextError) return error.message;
  const path = (error as NodeJS.ErrnoException)?.path;
  return path ? `${path}: ${systemErrorReason(error)}` : systemErrorReason(error);
}
