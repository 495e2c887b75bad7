/**
 * `bitext fix DOC_DIR [LINK...]`: record, list and remove the corrections of one document pair —
 * block links fixed by hand, kept beside the sources in `corrections.json`
 * (pipeline/align/corrections.ts) and honoured by every verb that aligns the pair.
 */
import { join } from 'node:path';
import { BitextError, located } from '../io.ts';
import { escapeControls } from '../text/index.ts';
import { loadDocument } from '../segment/index.ts';
import {
  conflict,
  correctionLabel,
  correctionOf,
  CORRECTIONS_FILE,
  findPair,
  linkLabel,
  matchGranularity,
  overlapsRecorded,
  parseAlign,
  parseCorrectionLink,
  readCorrections,
  resolveCorrections,
  writeCorrections,
  type Correction,
} from '../align/index.ts';
import { pathIn, type CliIo } from './context.ts';

/** Arguments of `fix`. */
export interface FixArgs {
  /** The document folder (holding zh.md and en.md). */
  dir: string;
  /** Links to record, in `.align` notation over the current block ids: `[8]:[]`, `[7]:[6,7]`. */
  links: string[];
  /** Links of corrections to remove (as recorded, or as they stand now). */
  remove?: string[];
  /** List the corrections (the default when nothing is added or removed). */
  list?: boolean;
  /** Print JSON instead: `{ doc, file, changes: ["added [8]:[]"…], corrections: [{ link, recorded, stale? }] }`. */
  json?: boolean;
}

/**
 * Read the pair in `args.dir` as `alignBitext` does (`matchGranularity`: the block ids of
 * `alignment.json`), remove the corrections named by `--remove`, then record each LINK that fits
 * (`parseCorrectionLink`; one already recorded is kept as it is; a stale correction naming one of
 * its blocks by recorded id, same side, is dropped: `overlapsRecorded`) and write the file
 * (`writeCorrections`; corrections that still apply with their current ids, stale ones as
 * recorded). Prints one line a change (`added [8]:[]`, `removed [7]:[6,7]`, `removed stale [7]:[6,7]`), and the list with
 * `--list` or when nothing changed: one line a correction, `[7]:[6,7]`, `[9]:[6,7] (recorded as
 * [7]:[6,7])` or `[7]:[6,7] stale: Chinese block 7 changed`; as JSON with `--json`. Resolves to 0;
 * throws `BitextError` (exit 2), one line, on a link that does not fit — ids out of range, not
 * consecutive, overlapping or crossing another correction — or names no correction to remove.
 */
export async function runFix(args: FixArgs, io: CliIo): Promise<number> {
  const pair = findPair(pathIn(io, args.dir));
  const file = join(pair.dir, CORRECTIONS_FILE);
  const { source, target } = matchGranularity(loadDocument(pair.sourceFile), loadDocument(pair.targetFile));
  let entries = resolveCorrections(readCorrections(pair.dir), source, target);
  const done: string[] = [];
  for (const text of args.remove ?? []) {
    const label = linkLabel(parseAlign(text, file)[0] ?? { source: [], target: [] });
    const at = entries.findIndex((e) => correctionLabel(e.correction) === label || (e.link && linkLabel(e.link) === label));
    if (at < 0) throw new BitextError(located(file, undefined, `no correction ${text.trim()} to remove`), { file });
    entries = entries.filter((_, k) => k !== at);
    done.push(`removed ${label}`);
  }
  for (const text of args.links) {
    const link = parseCorrectionLink(text, source, target, file);
    if (entries.some((e) => e.link && linkLabel(e.link) === linkLabel(link))) continue;
    const why = entries.flatMap((e) => (e.link ? [conflict(link, e.link)] : [])).find((c) => c !== null);
    if (why) throw new BitextError(located(file, undefined, `link ${text.trim()} does not fit: ${why}`), { file });
    // A stale correction over the same blocks is what this one replaces (`overlapsRecorded`).
    const replaced = entries.filter((e) => !e.link && overlapsRecorded(e.correction, link));
    entries = entries.filter((e) => !replaced.includes(e));
    done.push(...replaced.map((e) => `removed stale ${correctionLabel(e.correction)}`));
    entries.push({ correction: correctionOf(link, source, target), link });
    done.push(`added ${linkLabel(link)}`);
  }
  if (done.length > 0) {
    const corrections: Correction[] = entries.map((e) => (e.link ? correctionOf(e.link, source, target) : e.correction));
    writeCorrections(pair.dir, corrections);
    entries = resolveCorrections(readCorrections(pair.dir), source, target); // in the file's order
  }
  const list = entries.map((e) => ({ link: e.link ? linkLabel(e.link) : correctionLabel(e.correction), recorded: correctionLabel(e.correction), ...(e.stale ? { stale: e.stale } : {}) }));
  if (args.json) {
    io.stdout.write(JSON.stringify({ doc: pair.doc, file, changes: done, corrections: list }, null, 2) + '\n');
    return 0;
  }
  const lines = done.length > 0 && !args.list ? done : list.map((c) => (c.stale ? `${c.recorded} stale: ${c.stale}` : c.link === c.recorded ? c.link : `${c.link} (recorded as ${c.recorded})`));
  io.stdout.write(lines.map((l) => `${escapeControls(l)}\n`).join(''));
  return 0;
}
