/**
 * `bitext export DIR --format xliff|tsv|xlsx [-o FILE]`: the alignment of every document pair
 * under DIR (or of one document folder) as an interchange file, pipeline/export.
 */
import { findPairs, loadPair } from '../align/index.ts';
import { BitextError, checkOutputFile, writeFileAtomic } from '../io.ts';
import { escapeControls } from '../text/index.ts';
import { pathIn, type CliIo } from './context.ts';

/** Formats of `export`. */
export type ExportFormat = 'xliff' | 'tsv' | 'xlsx';

/** Arguments of `export`. */
export interface ExportArgs {
  /** A folder of document folders, or one document folder. */
  dir: string;
  format: ExportFormat;
  /** File to write; stdout when absent (not for xlsx). */
  output?: string;
}

/** File name endings `export` accepts for an existing output file of each format. */
const EXTENSIONS: Record<ExportFormat, string[]> = { xliff: ['.xlf', '.xliff'], tsv: ['.tsv', '.txt'], xlsx: ['.xlsx'] };

/**
 * Align every pair (with its corrections) and write the file: to `output` atomically, else to
 * stdout. Resolves to 0. Throws `BitextError` (exit 2) for xlsx without `output`, an output file
 * that must not be overwritten (`checkOutputFile`), or unreadable input.
 */
export async function runExport(args: ExportArgs, io: CliIo): Promise<number> {
  if (args.format === 'xlsx' && args.output === undefined) throw new BitextError('export --format xlsx needs an output file (-o FILE.xlsx)');
  const output = args.output === undefined ? undefined : pathIn(io, args.output);
  const pairs = findPairs(pathIn(io, args.dir), { onWarning: (message) => io.stderr.write(`${escapeControls(message)}\n`) });
  if (output !== undefined) checkOutputFile(output, pairs.flatMap((p) => [p.sourceFile, p.targetFile]), EXTENSIONS[args.format]);
  const bitexts = pairs.map((pair) => loadPair(pair, (message) => io.stderr.write(`${escapeControls(message)}\n`)));
  const { toXliff, toTsv, toXlsx } = await import('../export/index.ts');
  const data = args.format === 'xlsx' ? await toXlsx(bitexts) : args.format === 'xliff' ? toXliff(bitexts) : toTsv(bitexts);
  if (output === undefined) io.stdout.write(data as string);
  else writeFileAtomic(output, data);
  return 0;
}
