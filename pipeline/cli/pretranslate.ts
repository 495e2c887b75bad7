/**
 * `bitext pretranslate DOC`: fill a new document from the translation memory — a Markdown draft
 * in the document's structure and a leverage report (pipeline/memory/pretranslate.ts).
 */
import { basename, dirname, extname, join } from 'node:path';
import { BitextError, checkOutputFile, located } from '../io.ts';
import { isChinese, languageOfFileName } from '../text/index.ts';
import { loadDocument } from '../segment/index.ts';
import { pretranslateFileIn } from '../memory/index.ts';
import { pathIn, type CliIo } from './context.ts';
import { integerArgument, languageArgument, memoryIn, withBackend } from './memory.ts';

/** Arguments of `pretranslate`. */
export interface PretranslateArgs {
  /** Source document (.md or .txt). */
  doc: string;
  /** Language of the document (default: from the file name, else Chinese with the script detected). */
  src?: string;
  /** Language of the draft (default: en for a Chinese document, else zh-Hans). */
  tgt?: string;
  /** Lowest score used, 50–100 (as typed; checked here). */
  min: string;
  /** Draft file (default `defaultDraftPath`). */
  out?: string;
  memory: string;
  /** Print the leverage report as JSON. */
  json?: boolean;
}

/** The default draft path of `pretranslate`: `output/<name>.draft.<tgt>.md` (name: the file's stem, or its folder for zh.md). */
export function defaultDraftPath(doc: string, targetLang: string): string {
  const stem = basename(doc, extname(doc));
  const name = languageOfFileName(doc) !== null ? basename(dirname(doc)) || stem : stem;
  return join('output', `${name}.draft.${targetLang}.md`);
}

/**
 * Pretranslate `doc` from the memory, write the draft (never over an input or a source document)
 * and print the leverage report: segments and characters per band and in total, and when there
 * are any, the fuzzy segments with numbers substituted or named as differing; or JSON. Resolves
 * to 0; a document and draft in the same language, bad arguments or unreadable input throw
 * `BitextError` (exit 2).
 */
export async function runPretranslate(args: PretranslateArgs, io: CliIo): Promise<number> {
  const min = integerArgument(args.min, '--min', 50, 100);
  const doc = pathIn(io, args.doc);
  const memory = memoryIn(io, args.memory);
  const document = loadDocument(doc, languageArgument(args.src, '--src') ?? (languageOfFileName(doc) === null ? 'zh' : undefined));
  const targetLang = languageArgument(args.tgt, '--tgt') ?? (isChinese(document.lang) ? 'en' : 'zh-Hans');
  if (isChinese(targetLang) === isChinese(document.lang)) {
    throw new BitextError(located(doc, undefined, `source and draft language are both ${isChinese(targetLang) ? 'Chinese' : 'English'} (${document.lang} → ${targetLang}): pretranslate a Chinese document, or give --tgt`), { file: doc });
  }
  const out = args.out === undefined ? pathIn(io, defaultDraftPath(doc, targetLang)) : pathIn(io, args.out);
  checkOutputFile(out, [doc, memory], ['.md', '.markdown', '.txt']);
  const result = await withBackend(memory, 'write', (b) => pretranslateFileIn(b, document, out, { targetLang, min }));
  const report = { ...result.report, draft: out };
  if (args.json) {
    io.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return 0;
  }
  const lines = [`${doc} → ${out} (${report.sourceLang} → ${report.targetLang})`, 'band        segments  characters'];
  for (const b of report.bands) lines.push(`${b.band.padEnd(10)}  ${String(b.segments).padStart(8)}  ${String(b.characters).padStart(10)}`);
  lines.push(`${'total'.padEnd(10)}  ${String(report.total.segments).padStart(8)}  ${String(report.total.characters).padStart(10)}`);
  const { substituted, differ } = report.numbers;
  if (substituted + differ > 0) lines.push(`numbers substituted in ${substituted} fuzzy segment(s); numbers that differ named in ${differ}`);
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}
