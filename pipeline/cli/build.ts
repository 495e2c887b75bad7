/**
 * `bitext build [SOURCE] [OUTPUT]`: the main job (`npm start`), pipeline/build.ts, and its summary.
 */
import type { WriteStream } from 'node:tty';
import { build } from '../build.ts';
import { escapeControls } from '../text/index.ts';
import { pathIn, type CliIo } from './context.ts';
import { memoryIn } from './memory.ts';

/** Arguments of `build`. */
export interface BuildArgs {
  /** Folder of document folders; default `source`. */
  source: string;
  /** Output folder; default `output`. */
  output: string;
  /** Translation memory file or postgres:// URL; default `BITEXT_MEMORY`, else `<output>/memory.sqlite`. */
  memory?: string;
  /** Interface language of the editions (a tag or POSIX locale name, resolved by publish). */
  uiLang: string;
  /** `hant`: also write Traditional Chinese editions. */
  script?: 'hans' | 'hant';
  /** Leave units of block links with `check` errors out of the memory (`BuildOptions.strict`). */
  strict?: boolean;
  /** Print the summary as JSON. */
  json?: boolean;
}

/**
 * Run `build` (see pipeline/build.ts) and print one line per document and one for the memory,
 * and, when some units come from block links with `check` errors, how many and whether they were
 * stored (`--strict` leaves them out), or the summary as JSON; a progress bar on stderr when it is a terminal and there are at least
 * two documents; skipped source entries as warnings on stderr (control characters escaped). Resolves to 0; bad input or an unusable output place throws `BitextError` (exit 2).
 */
export async function runBuild(args: BuildArgs, io: CliIo): Promise<number> {
  // cli-progress draws nothing on a stream that is not a terminal, so it is loaded only for one.
  const progress = io.stderr.isTTY ? (await import('cli-progress')).default : undefined;
  let bar: InstanceType<NonNullable<typeof progress>['SingleBar']> | undefined;
  const output = pathIn(io, args.output);
  const summary = await build(pathIn(io, args.source), output, {
    memory: args.memory === undefined ? undefined : memoryIn(io, args.memory),
    uiLang: args.uiLang,
    script: args.script,
    strict: args.strict === true,
    onWarning: (message) => io.stderr.write(`${escapeControls(message)}\n`),
    onProgress: (done, total) => {
      if (!progress || total < 2) return;
      if (!bar) {
        bar = new progress.SingleBar({ stream: io.stderr as WriteStream, format: 'aligning {bar} {value}/{total} documents' }, progress.Presets.shades_classic);
        bar.start(total, 0);
      }
      bar.update(done);
      if (done === total) bar.stop();
    },
  });
  if (args.json) {
    io.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    return 0;
  }
  for (const d of summary.documents) {
    io.stdout.write(`${escapeControls(d.doc)}: ${d.blockLinks} block links, ${d.segmentLinks} sentence links, ${d.flagged} to review → ${escapeControls(`${output}/${d.doc}/`)}\n`);
  }
  io.stdout.write(`translation memory ${summary.memory}: ${summary.unitsAdded} new units (${summary.unitsExisting} already stored or repeated)\n`);
  if (summary.unitsSuperseded + summary.unitsRestored > 0) {
    io.stdout.write(`${summary.unitsSuperseded} units of earlier builds superseded (no longer in the alignment; bitext tm prune removes them), ${summary.unitsRestored} current again\n`);
  }
  if (summary.unitsWithErrors > 0) {
    const fate = summary.strict ? 'left out (--strict)' : 'stored (--strict leaves them out)';
    io.stdout.write(`${summary.unitsWithErrors} units come from links with check errors: ${fate}\n`);
  }
  return 0;
}
