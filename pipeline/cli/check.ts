/**
 * `bitext check [DIR]`: QA findings on the alignment of every document pair under DIR (or of one
 * document folder), pipeline/check; with `--glossary FILE` also the terms of a term base.
 */
import { findPairs, loadPair } from '../align/index.ts';
import { checkBitext, checkExitCode, checkGlossary, countFindings, formatFindings, readGlossary } from '../check/index.ts';
import { escapeControls } from '../text/index.ts';
import { pathIn, useColor, type CliIo } from './context.ts';

/** Arguments of `check`. */
export interface CheckArgs {
  /** A folder of document folders, or one document folder; default `source`. */
  dir: string;
  /** Print `{ documents, findings }` as JSON. */
  json?: boolean;
  /** Exit 1 when there are more warnings than this. */
  maxWarnings?: number;
  /** A term base (TBX, or TSV `zh en [status]`) whose terms are checked too (`checkGlossary`). */
  glossary?: string;
}

/**
 * Align and check every pair, print the report (coloured on a terminal) or JSON, and resolve to
 * `checkExitCode`: 1 when an error was found or warnings exceed `maxWarnings`, else 0. Unreadable
 * input throws `BitextError` (exit 2).
 */
export async function runCheck(args: CheckArgs, io: CliIo): Promise<number> {
  const onWarning = (message: string) => io.stderr.write(`${escapeControls(message)}\n`);
  const bitexts = findPairs(pathIn(io, args.dir), { onWarning }).map((pair) => loadPair(pair, onWarning));
  const glossary = args.glossary === undefined ? undefined : readGlossary(pathIn(io, args.glossary));
  // Term findings join the others in block-link order (a stable sort keeps each link's own order).
  const findings = bitexts.flatMap((b) => (glossary ? [...checkBitext(b), ...checkGlossary(b, glossary)].sort((x, y) => x.link - y.link) : checkBitext(b)));
  if (args.json) {
    const documents = bitexts.map((b) => ({ doc: b.doc, ...countFindings(findings.filter((f) => f.doc === b.doc)) }));
    io.stdout.write(JSON.stringify({ documents, findings }, null, 2) + '\n');
  } else {
    io.stdout.write(formatFindings(findings, { color: useColor(io), docs: bitexts.map((b) => b.doc) }));
  }
  return checkExitCode(findings, args.maxWarnings);
}
