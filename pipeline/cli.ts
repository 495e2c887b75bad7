#!/usr/bin/env -S npx tsx
/**
 * The `bitext` command line (DESIGN.md "Command line"): parses arguments and calls the stages,
 * nothing else. Exit codes: 0 success, 1 failed checks (or, for `diff`, differences found),
 * 2 bad usage or unreadable input. Errors are one line on stderr naming the file and line.
 */
import { Command, CommanderError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { BitextError } from './io.ts';
import { build } from './build.ts';

const program = new Command('bitext')
  .description('Chinese–English bitext pipeline: read, segment, align, translation memory, check, diff, publish')
  .exitOverride()
  .showHelpAfterError('(run with --help for usage)');

program
  .command('build')
  .description('align every document pair under SOURCE and write the editions, alignment files, TMX and TM entries to OUTPUT')
  .argument('[source]', 'folder of document folders (each with zh.md and en.md)', 'source')
  .argument('[output]', 'output folder', 'output')
  .option('--memory <path>', 'translation memory file (default OUTPUT/memory.sqlite)')
  .option('--ui-lang <tag>', 'interface language of the edition: en, zh-Hans, zh-Hant (zh-CN, zh_TW… are resolved)', 'en')
  .addOption(new Option('--script <script>', 'also write a Traditional Chinese edition with "hant"').choices(['hans', 'hant']))
  .option('--json', 'print the summary as JSON')
  .action(async (source: string, output: string, opts: { memory?: string; uiLang: string; script?: 'hans' | 'hant'; json?: boolean }) => {
    let bar: cliProgress.SingleBar | undefined;
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
    console.log(`translation memory ${summary.memory}: ${summary.unitsAdded} units added, ${summary.unitsExisting} already there`);
  });

// ---- align verbs (align, eval) ----
// ---- end align verbs ----

// ---- memory verbs (tm import|export|lookup|stats, pretranslate) ----
// ---- end memory verbs ----

// ---- publish verbs (check, diff) ----
// ---- end publish verbs ----

/** Run the command line with `argv` (as `process.argv`); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : 2;
    }
    if (error instanceof BitextError) {
      process.stderr.write(`bitext: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`bitext: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv);
