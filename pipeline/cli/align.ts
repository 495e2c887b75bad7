/**
 * The actions behind the `align` and `eval` verbs (pipeline/cli.ts parses the arguments).
 * Both return the text to print; errors are `BitextError`s naming the file (exit 2).
 */
import { basename } from 'node:path';
import type { Link } from '../types.ts';
import { BitextError, located, readLines } from '../io.ts';
import { scriptOf } from '../text/index.ts';
import { formatAlign, formatTsv, toAlignmentJson } from '../align/index.ts';
import { alignBitext, alignSequences } from '../align/index.ts';
import { evaluateFolders, formatEvalTable } from '../align/index.ts';

/** Output formats of `align`. */
export type AlignFormat = 'json' | 'align' | 'tsv';

/** Options of `runAlign`. */
export interface RunAlignOptions {
  /** One sentence per line (the corpus format); otherwise Markdown or plain-text documents. */
  presegmented?: boolean;
  /** Default `align`. */
  format?: AlignFormat;
}

/**
 * Align the Chinese file `zh` with the English file `en` and return the output text:
 * - `--presegmented`: sentence links over line ids — `align`: vecalign lines; `tsv`: ids, score
 *   and texts; `json`: `{ sourceLang, targetLang, links }`.
 * - documents (read and segmented by `loadDocument`): `align`: block links (as `alignment.align`);
 *   `tsv`: sentence links with texts; `json`: the `alignment.json` object.
 */
export async function runAlign(zh: string, en: string, options: RunAlignOptions = {}): Promise<string> {
  const format = options.format ?? 'align';
  if (!['json', 'align', 'tsv'].includes(format)) throw new BitextError(`unknown format "${format}": use json, align or tsv`);
  if (options.presegmented) {
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
  const bitext = alignBitext(doc, loadDocument(zh, 'zh'), loadDocument(en, 'en'));
  if (format === 'align') return formatAlign(bitext.links);
  if (format === 'tsv') {
    const links: Link[] = bitext.links.flatMap((l) => l.sentences);
    return formatTsv(links, bitext.source.segments.map((s) => s.text), bitext.target.segments.map((s) => s.text), { source: '', target: ' ' });
  }
  const json = toAlignmentJson(bitext);
  return JSON.stringify(json, null, 2) + '\n';
}

/** Throw `BitextError` (exit 2) naming `file` when its lines are not in the expected script. */
function expectScript(file: string, lines: readonly string[], want: 'zh' | 'en'): void {
  const found = scriptOf(lines.slice(0, 2000).join('\n'));
  if (found !== want) {
    const name = { zh: 'Chinese', en: 'English' };
    throw new BitextError(located(file, undefined, `expected ${name[want]} text here but it holds ${found ? `${name[found]} text` : 'no clear script'}`), { file });
  }
}

/** Options of `runEval`. */
export interface RunEvalOptions {
  gold: string;
  test: string;
  json?: boolean;
}

/** Score the test folder against the gold folder (see `evaluateFolders`); a table, or JSON with `--json`. */
export function runEval(options: RunEvalOptions): string {
  const result = evaluateFolders(options.gold, options.test);
  if (options.json) return JSON.stringify(result, null, 2) + '\n';
  return `${result.files.length} documents\n` + formatEvalTable(result);
}
