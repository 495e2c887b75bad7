/**
 * `bitext diff OLD NEW`: what changed between two revisions of a document pair (pipeline/diff),
 * as text, JSON and optionally an HTML page.
 */
import { checkOutputFile, writeFileAtomic } from '../io.ts';
import { diffExitCode, diffRevisions, formatDiff } from '../diff/index.ts';
import { formatDiffHtml } from '../publish/index.ts';
import { pathIn, useColor, type CliIo } from './context.ts';

/** Arguments of `diff`. */
export interface DiffArgs {
  /** Old revision: a document folder, `REV:path` (git), an alignment.json or a folder holding one. */
  old: string;
  /** New revision, as `old`. */
  new: string;
  /** Print the differences as JSON. */
  json?: boolean;
  /** Also write the differences as an HTML page to this file. */
  html?: string;
  /** Interface language of the HTML page. */
  uiLang: string;
}

/**
 * Diff the two revisions and print the report (coloured on a terminal) or JSON; write the HTML
 * page when asked (never over an input or a source document). Resolves to `diffExitCode`: 0 when
 * nothing changed, 1 when something did; trouble throws `BitextError` (exit 2), as GNU diff.
 * `REV:path` revisions are read with git in `io.cwd` (default the working folder).
 */
export async function runDiff(args: DiffArgs, io: CliIo): Promise<number> {
  const html = args.html === undefined ? undefined : pathIn(io, args.html);
  if (html) checkOutputFile(html, [pathIn(io, args.old), pathIn(io, args.new)], ['.html', '.htm']);
  const diff = diffRevisions(args.old, args.new, { cwd: io.cwd });
  io.stdout.write(args.json ? JSON.stringify(diff, null, 2) + '\n' : formatDiff(diff, { color: useColor(io) }));
  if (html) writeFileAtomic(html, formatDiffHtml(diff, { uiLang: args.uiLang }));
  return diffExitCode(diff);
}
