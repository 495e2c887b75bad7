/**
 * The memory verbs of the command line (`tm import|export|lookup|stats`, `pretranslate`): argument
 * parsing and printing only; each action calls the memory stage (pipeline/memory). Registered by
 * pipeline/cli.ts. Every verb takes `--memory PATH` (default `output/memory.sqlite`); only
 * `tm import` creates a missing memory. Bad usage or unreadable input throws `BitextError` (exit 2);
 * no verb overwrites a source document or a file that is not what it writes.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import { BitextError, checkOutputFile, located } from '../io.ts';

import { canonicalTag, isChinese, languageOfFileName } from '../text/index.ts';
import type { Memory } from '../memory/index.ts';

/** The memory stage, loaded when a memory verb runs (so other verbs start without SQLite). */
const stage = () => import('../memory/index.ts');

/** Default translation memory file of the memory verbs. */
export const DEFAULT_MEMORY = 'output/memory.sqlite';

function tag(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    return canonicalTag(value);
  } catch {
    throw new BitextError(`${option}: "${value}" is not a BCP 47 language tag`);
  }
}

function integer(value: string, option: string, low: number, high: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < low || n > high) throw new BitextError(`${option}: expected a whole number from ${low} to ${high}, got "${value}"`);
  return n;
}

async function withMemory<T>(path: string, work: (memory: Memory) => T, create = false): Promise<T> {
  if (!create && !existsSync(path)) {
    throw new BitextError(located(path, undefined, 'no such translation memory (run build or tm import first, or give --memory PATH)'), { file: path });
  }
  const { openMemory, closeMemory } = await stage();
  const memory = openMemory(path);
  try {
    return work(memory);
  } finally {
    closeMemory(memory);
  }
}

/** The default draft path of `pretranslate`: `output/<name>.draft.<tgt>.md` (name: the file's stem, or its folder for zh.md). */
export function defaultDraftPath(doc: string, targetLang: string): string {
  const stem = basename(doc, extname(doc));
  const name = languageOfFileName(doc) !== null ? basename(dirname(doc)) || stem : stem;
  return join('output', `${name}.draft.${targetLang}.md`);
}

/** Add the memory verbs to `program`. */
export function registerMemoryCommands(program: Command): void {
  const tm = program.command('tm').description('translation memory: import, export, lookup, stats');

  tm.command('import')
    .description('import a TMX file (TMX 1.4b or 1.1; UTF-8 or UTF-16): by default every unit with a Chinese and an English variant')
    .argument('<file>', 'TMX file')
    .option('--src <lang>', 'source language of the units to take (BCP 47)')
    .option('--tgt <lang>', 'target language of the units to take (BCP 47)')
    .option('--replace', 'empty the translation memory first (same transaction)')
    .option('--memory <path>', 'translation memory file', DEFAULT_MEMORY)
    .option('--json', 'print the counts as JSON')
    .action(async (file: string, opts: { src?: string; tgt?: string; replace?: boolean; memory: string; json?: boolean }) => {
      const { importTmx } = await stage();
      const result = await withMemory(
        opts.memory,
        (m) => importTmx(m, file, { sourceLang: tag(opts.src, '--src'), targetLang: tag(opts.tgt, '--tgt'), replace: opts.replace }),
        true,
      );
      if (opts.json) console.log(JSON.stringify(result, null, 2));
      else console.log(`${file}: ${result.tus} units read, ${result.added} added, ${result.existing} already there, ${result.skipped} skipped (no variant pair in the languages asked) → ${opts.memory}`);
    });

  tm.command('export')
    .description('export the translation memory as TMX 1.4b (UTF-8)')
    .argument('<file>', 'TMX file to write')
    .option('--src <lang>', 'only units with this source language (either direction)')
    .option('--tgt <lang>', 'only units with this target language (either direction)')
    .option('--doc <name>', 'only units from this document')
    .option('--memory <path>', 'translation memory file', DEFAULT_MEMORY)
    .action(async (file: string, opts: { src?: string; tgt?: string; doc?: string; memory: string }) => {
      checkOutputFile(file, [opts.memory], ['.tmx', '.xml']);
      const { exportTmx, exportWarning } = await stage();
      const filter = { sourceLang: tag(opts.src, '--src'), targetLang: tag(opts.tgt, '--tgt'), doc: opts.doc };
      const { n, warning } = await withMemory(opts.memory, (m) => {
        const n = exportTmx(m, file, filter);
        return { n, warning: exportWarning(m, filter, n) };
      });
      if (warning) console.error(`${file}: warning: ${warning}`);
      console.log(`${file}: ${n} units written`);
    });

  tm.command('lookup')
    .description('fuzzy lookup: units whose source scores at least --min (0–100), best first')
    .argument('<text>', 'text to look up')
    .option('--src <lang>', 'language of the text (default: zh-Hans if it has CJK characters, else en)')
    .option('--tgt <lang>', 'language wanted (default: en for Chinese text, else zh-Hans)')
    .option('--min <score>', 'lowest score shown', '50')
    .option('--max <n>', 'most hits shown', '5')
    .option('--memory <path>', 'translation memory file', DEFAULT_MEMORY)
    .option('--json', 'print [{source, target, sourceLang, targetLang, score, band, origin}]')
    .action(async (text: string, opts: { src?: string; tgt?: string; min: string; max: string; memory: string; json?: boolean }) => {
      const min = integer(opts.min, '--min', 0, 100);
      const max = integer(opts.max, '--max', 1, 1000);
      const { lookup } = await stage();
      const hits = await withMemory(opts.memory, (m) => lookup(m, text, { sourceLang: tag(opts.src, '--src'), targetLang: tag(opts.tgt, '--tgt'), min, max }));
      if (opts.json) {
        console.log(JSON.stringify(hits.map(({ source, target, sourceLang, targetLang, score, band, origin }) => ({ source, target, sourceLang, targetLang, score, band, origin })), null, 2));
        return;
      }
      if (hits.length === 0) console.log(`no match with score ≥ ${min}`);
      for (const h of hits) {
        const origin = h.origin ? `  (${h.origin.doc} ${h.origin.link})` : '';
        console.log(`${String(h.score).padStart(3)}  ${h.source}\n     → ${h.target}${origin}`);
      }
    });

  tm.command('stats')
    .description('units per language pair and per origin document')
    .option('--memory <path>', 'translation memory file', DEFAULT_MEMORY)
    .option('--json', 'print as JSON')
    .action(async (opts: { memory: string; json?: boolean }) => {
      const { memoryStats } = await stage();
      const stats = await withMemory(opts.memory, (m) => memoryStats(m));
      if (opts.json) {
        console.log(JSON.stringify(stats, null, 2));
        return;
      }
      console.log(`${opts.memory}: ${stats.units} units`);
      for (const p of stats.pairs) console.log(`  ${p.sourceLang} → ${p.targetLang}: ${p.units}`);
      for (const o of stats.origins) console.log(`  from ${o.doc ?? '(imported TMX)'}: ${o.units}`);
    });

  program
    .command('pretranslate')
    .description('fill a new Chinese document from the translation memory: a draft and a leverage report')
    .argument('<doc>', 'source document (.md or .txt)')
    .option('--src <lang>', 'language of the document (default: from the file name, else Chinese with the script detected)')
    .option('--tgt <lang>', 'language of the draft (default: en for a Chinese document, else zh-Hans)')
    .option('--min <score>', 'lowest score used (50–100: below 50 is "no match", as in the bands)', '50')
    .option('--out <file>', 'draft file (default output/<name>.draft.<tgt>.md)')
    .option('--memory <path>', 'translation memory file', DEFAULT_MEMORY)
    .option('--json', 'print the leverage report as JSON')
    .action(async (doc: string, opts: { src?: string; tgt?: string; min: string; out?: string; memory: string; json?: boolean }) => {
      const min = integer(opts.min, '--min', 50, 100);
      const { loadDocument } = await import('../segment/index.ts');
      const { pretranslateFile } = await stage();
      const document = loadDocument(doc, tag(opts.src, '--src') ?? (languageOfFileName(doc) === null ? 'zh' : undefined));
      const targetLang = tag(opts.tgt, '--tgt') ?? (isChinese(document.lang) ? 'en' : 'zh-Hans');
      if (isChinese(targetLang) === isChinese(document.lang)) {
        throw new BitextError(located(doc, undefined, `source and draft language are both ${isChinese(targetLang) ? 'Chinese' : 'English'} (${document.lang} → ${targetLang}): pretranslate a Chinese document, or give --tgt`), { file: doc });
      }
      const out = opts.out ?? defaultDraftPath(doc, targetLang);
      checkOutputFile(out, [doc, opts.memory], ['.md', '.markdown', '.txt']);
      const result = await withMemory(opts.memory, (m) => pretranslateFile(m, document, out, { targetLang, min }));
      const report = { ...result.report, draft: out };
      if (opts.json) {
        console.log(JSON.stringify(report, null, 2));
        return;
      }
      console.log(`${doc} → ${out} (${report.sourceLang} → ${report.targetLang})`);
      console.log('band        segments  characters');
      for (const b of report.bands) console.log(`${b.band.padEnd(10)}  ${String(b.segments).padStart(8)}  ${String(b.characters).padStart(10)}`);
      console.log(`${'total'.padEnd(10)}  ${String(report.total.segments).padStart(8)}  ${String(report.total.characters).padStart(10)}`);
    });
}
