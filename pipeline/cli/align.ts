/**
 * `bitext align ZH EN`: align a Chinese file with its English translation and print the links.
 * Errors are `BitextError`s naming the file (exit 2).
 */
import { basename } from 'node:path';
import type { Link } from '../types.ts';
import { BitextError, located, readLines } from '../io.ts';
import { escapeControls, scriptOf } from '../text/index.ts';
import { alignBitext, alignSequences, formatAlign, formatTsv, toAlignmentJson } from '../align/index.ts';
import { pathIn, type CliIo } from './context.ts';

/** Output formats of `align`. */
export type AlignFormat = 'json' | 'align' | 'tsv';

/** Arguments of `align`. */
export interface AlignArgs {
  /** The Chinese file. */
  zh: string;
  /** The English file. */
  en: string;
  /** One sentence per line (the corpus format); otherwise Markdown or plain-text documents. */
  presegmented?: boolean;
  format: AlignFormat;
}

/**
 * Align the Chinese file `zh` with the English file `en` (languages by position, never by file
 * name) and print:
 * - `--presegmented`: sentence links over line ids — `align`: vecalign lines; `tsv`: ids, score
 *   and texts; `json`: `{ sourceLang, targetLang, links }`;
 * - documents (read and segmented by `loadDocument`): `align`: block links (as `alignment.align`);
 *   `tsv`: sentence links with texts; `json`: the `alignment.json` object; a side read one
 *   paragraph a line (`matchGranularity`) is told on stderr as `file: warning: …`.
 * Resolves to 0; an unreadable file, or one not in the expected script, throws `BitextError` (exit 2).
 */
export async function runAlign(args: AlignArgs, io: CliIo): Promise<number> {
  io.stdout.write(await alignOutput(pathIn(io, args.zh), pathIn(io, args.en), args, (message) => io.stderr.write(`${escapeControls(message)}\n`)));
  return 0;
}

async function alignOutput(zh: string, en: string, { presegmented, format }: AlignArgs, onWarning: (message: string) => void): Promise<string> {
  if (presegmented) {
    const zhLines = readLines(zh);
    const enLines = readLines(en);
    expectScript(zh, zhLines, 'zh');
    expectScript(en, enLines, 'en');
    const links = alignSequences(zhLines.map((text) => ({ text })), enLines.map((text) => ({ text })));
    if (format === 'align') return formatAlign(links);
    if (format === 'tsv') return formatTsv(links, zhLines, enLines, { source: '', target: ' ' });
    return JSON.stringify({ sourceLang: 'zh', targetLang: 'en', links }, null, 2) + '\n';
  }
  const doc = basename(zh).replace(/\.[^.]*$/, '');
  const { loadDocument } = await import('../segment/index.ts'); // Markdown parsing only when documents are given
  const bitext = alignBitext(doc, loadDocument(zh, 'zh'), loadDocument(en, 'en'), { onWarning });
  if (format === 'align') return formatAlign(bitext.links);
  if (format === 'tsv') {
    const links: Link[] = bitext.links.flatMap((l) => l.sentences);
    return formatTsv(links, bitext.source.segments.map((s) => s.text), bitext.target.segments.map((s) => s.text), { source: '', target: ' ' });
  }
  return JSON.stringify(toAlignmentJson(bitext), null, 2) + '\n';
}

/** Throw `BitextError` (exit 2) naming `file` when its lines are not in the expected script. */
function expectScript(file: string, lines: readonly string[], want: 'zh' | 'en'): void {
  const found = scriptOf(lines.slice(0, 2000).join('\n'));
  if (found !== want) {
    const name = { zh: 'Chinese', en: 'English' };
    throw new BitextError(located(file, undefined, `expected ${name[want]} text here but it holds ${found ? `${name[found]} text` : 'no clear script'}`), { file });
  }
}
