/**
 * Glossary checks (`bitext check --glossary FILE`): terms a term base requires or forbids in the
 * English of each block link, as Xbench's and Crowdin's term checks do.
 *
 * Term bases:
 * - TSV (any name not ending in `.tbx`/`.xml`): one row per term, columns `zh`, `en` and an
 *   optional `status` — `required` (the default), `preferred` or `forbidden`; a first row naming
 *   the columns (`zh en status`, `chinese english`, `source target`, or language tags) is a
 *   header; blank lines and lines starting with `#` are skipped. Rows with the same Chinese term
 *   are one entry (its English alternatives).
 * - TBX (`.tbx`, `.xml`; TBX 2008 core / TBX-Basic `termEntry`/`langSet`/`tig`|`ntig`/`term`, and
 *   TBX 2019's `conceptEntry`/`langSec`/`termSec`): one entry per concept, the terms of its
 *   Chinese and English language sections; a term's `termNote` of type `administrativeStatus`
 *   or `normativeAuthorization` gives its status — `preferredTerm-admn-sts` required,
 *   `admittedTerm-admn-sts` preferred, `deprecatedTerm-admn-sts` / `supersededTerm-admn-sts`
 *   forbidden (a term without one is required). Read with saxes; a DTD is never read.
 *
 * Findings (codes added to the table in check.ts):
 * - `term-missing`: a Chinese term occurs in the Chinese of a link with English, and none of its
 *   English terms that are not forbidden is in the English: an error when one of them is required,
 *   a warning when all are only preferred.
 * - `term-forbidden` (error): a forbidden English term is in the English of a link.
 * Messages start with the term base's `file:line` and name the document's `file:line` of the block.
 *
 * Matching: a Chinese term in either script matches text in either (both converted to Simplified
 * with `converterTo`, after NFKC, so full-width Latin letters in a term match half-width ones);
 * an English term matches a run of whole words of the English (`englishWords`), each word compared
 * by its `normalizeEnglish` key (so "API keys" has "API key"; case, plural and tense do not
 * matter), a function word as itself.
 */
import { extname } from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Bitext, Block, BlockId, Document, Finding, SentenceId } from '../types.ts';
import { BitextError, located, readText } from '../io.ts';
import { converterTo, englishWords, isChinese, languageFamily, normalizeEnglish } from '../text/index.ts';
import { sentencesByBlock } from '../segment/index.ts';

/** What a term base says of an English term. */
export type TermStatus = 'required' | 'preferred' | 'forbidden';

/** One concept of a term base: its Chinese terms and English terms, and where it is written. */
export interface GlossaryEntry {
  /** The term base file and the 1-based line of the entry (its first row, or its `termEntry`). */
  file: string;
  line: number;
  zh: string[];
  en: { text: string; status: TermStatus }[];
}

const STATUS = new Set<TermStatus>(['required', 'preferred', 'forbidden']);

/**
 * Read the term base `file` (TBX when it ends in `.tbx` or `.xml`, else TSV; module comment).
 * Throws `BitextError` (exit 2) naming `file` and the line when it cannot be read, a status is
 * unknown, a row has no English term, or the TBX is not well-formed or has no `termEntry`.
 */
export function readGlossary(file: string): GlossaryEntry[] {
  const text = readText(file);
  return ['.tbx', '.xml'].includes(extname(file).toLowerCase()) ? parseTbx(text, file) : parseTsvGlossary(text, file);
}

const HEADER_ZH = /^(zh([-_][a-z]+)*|chinese|source)$/i;
const HEADER_EN = /^(en([-_][a-z]+)*|english|target)$/i;

/** The entries of a TSV term base `text` read from `file` (see `readGlossary`). */
export function parseTsvGlossary(text: string, file: string): GlossaryEntry[] {
  const byChinese = new Map<string, GlossaryEntry>();
  const entries: GlossaryEntry[] = [];
  let first = true;
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const [zh = '', en = '', status = ''] = raw.split('\t').map((cell) => cell.trim());
    const header = first && HEADER_ZH.test(zh) && HEADER_EN.test(en);
    first = false;
    if (header) return;
    const said = (status.toLowerCase() || 'required') as TermStatus;
    if (!STATUS.has(said)) throw new BitextError(located(file, line, `unknown term status "${status}" (expected required, preferred or forbidden)`), { file, line });
    if (en === '') throw new BitextError(located(file, line, 'no English term in the second column'), { file, line });
    const key = zh === '' ? undefined : chineseKey(zh);
    let entry = key === undefined ? undefined : byChinese.get(key);
    if (!entry) {
      entry = { file, line, zh: zh === '' ? [] : [zh], en: [] };
      entries.push(entry);
      if (key !== undefined) byChinese.set(key, entry);
    }
    entry.en.push({ text: en, status: said });
  });
  return entries;
}

/** TBX element names (TBX 2008 and TBX 2019) by what they are here. */
const ENTRY = new Set(['termentry', 'conceptentry']);
const LANGUAGE = new Set(['langset', 'langsec']);
const TERM_GROUP = new Set(['tig', 'ntig', 'termsec']);

/** A TBX status value (`preferredTerm-admn-sts`, TBX 2019 `preferred`…) as a `TermStatus`; undefined for others. */
function tbxStatus(value: string): TermStatus | undefined {
  if (/^(preferred)/i.test(value)) return 'required';
  if (/^(admitted)/i.test(value)) return 'preferred';
  if (/^(deprecated|superseded|forbidden)/i.test(value)) return 'forbidden';
  return undefined;
}

/** The entries of a TBX term base `text` read from `file` (see `readGlossary`). */
export function parseTbx(text: string, file: string): GlossaryEntry[] {
  const parser = new SaxesParser({ fileName: file, position: true });
  const fail = (message: string): never => {
    throw new BitextError(`${file}:${parser.line}:${parser.column}: ${message}`, { file, line: parser.line });
  };
  const entries: GlossaryEntry[] = [];
  let entry: GlossaryEntry | null = null;
  let lang: 'zh' | 'en' | null = null;
  let group: { text: string; status: TermStatus } | null = null;
  let reading: 'term' | 'status' | null = null;
  let chars = '';
  const local = (name: string) => name.slice(name.indexOf(':') + 1).toLowerCase();
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) fail('the DTD declares entities; entity declarations are refused');
  });
  parser.on('opentag', (tag) => {
    const name = local(tag.name);
    const attributes = (tag as SaxesTagPlain).attributes as Record<string, string>;
    if (ENTRY.has(name)) entry = { file, line: parser.line, zh: [], en: [] };
    else if (LANGUAGE.has(name)) {
      const tag = attributes['xml:lang'] ?? attributes.lang ?? '';
      lang = tag === '' ? null : isChinese(tag) ? 'zh' : languageFamily(tag) === 'en' ? 'en' : null;
    } else if (TERM_GROUP.has(name)) group = { text: '', status: 'required' };
    else if (name === 'term' || (name === 'termnote' && /^(administrativeStatus|normativeAuthorization)$/.test(attributes.type ?? ''))) {
      reading = name === 'term' ? 'term' : 'status';
      chars = '';
    }
  });
  parser.on('text', (t) => {
    if (reading) chars += t;
  });
  parser.on('closetag', (tag) => {
    const name = local(tag.name);
    if (reading === 'term' && name === 'term' && group) group.text = chars.trim();
    else if (reading === 'status' && name === 'termnote' && group) group.status = tbxStatus(chars.trim()) ?? group.status;
    if (name === 'term' || name === 'termnote') reading = null;
    else if (TERM_GROUP.has(name)) {
      if (entry && group && group.text !== '') {
        if (lang === 'zh') entry.zh.push(group.text);
        else if (lang === 'en') entry.en.push(group);
      }
      group = null;
    } else if (LANGUAGE.has(name)) lang = null;
    else if (ENTRY.has(name)) {
      if (entry && entry.en.length > 0) entries.push(entry);
      entry = null;
    }
  });
  parser.on('error', (error) => fail(`not a well-formed TBX file: ${error.message.replace(/^.*?:\d+:\d+: /, '')}`));
  parser.write(text).close();
  if (entries.length === 0) throw new BitextError(located(file, undefined, 'no termEntry with an English term: not a TBX term base?'), { file });
  return entries;
}

/** A Chinese text as terms are looked for in it: NFKC, Simplified, lower case. */
function chineseKey(text: string): string {
  return converterTo('hans')(text.normalize('NFKC')).toLowerCase();
}

/** The word keys of an English text: `normalizeEnglish`, or the word lower-cased for a function word. */
function englishKeys(text: string): string[] {
  return englishWords(text.normalize('NFKC')).map((w) => normalizeEnglish(w) ?? w.toLowerCase());
}

/** Whether the word keys `term` occur as a run in `words`. */
function hasRun(words: readonly string[], term: readonly string[]): boolean {
  if (term.length === 0) return false;
  for (let i = 0; i + term.length <= words.length; i++) {
    if (term.every((t, j) => words[i + j] === t)) return true;
  }
  return false;
}

const quoted = (terms: readonly string[]) => terms.map((t) => `"${t}"`).join(' or ');

/**
 * The `term-missing` and `term-forbidden` findings (module comment) of `glossary` on `bitext`, in
 * block-link order, each term once per link. Links without English (1-0) are not checked for
 * missing terms: `checkBitext` reports them as untranslated.
 */
export function checkGlossary(bitext: Bitext, glossary: readonly GlossaryEntry[]): Finding[] {
  const findings: Finding[] = [];
  const { source: zhDoc, target: enDoc } = bitext;
  const zhSentences = sentencesByBlock(zhDoc.segments, zhDoc.blocks.length);
  const enSentences = sentencesByBlock(enDoc.segments, enDoc.blocks.length);
  const terms = glossary.map((entry) => ({
    entry,
    zh: entry.zh.map(chineseKey),
    wanted: entry.en.filter((t) => t.status !== 'forbidden'),
    forbidden: entry.en.filter((t) => t.status === 'forbidden').map((t) => ({ text: t.text, keys: englishKeys(t.text) })),
  }));
  const wantedKeys = new Map(terms.map((t) => [t, t.wanted.map((w) => englishKeys(w.text))]));
  const where = (blocks: readonly Block[], doc: Document) => `${blocks[0].position.file ?? doc.file}:${blocks[0].position.line}`;
  bitext.links.forEach((link, k) => {
    const zhBlocks = link.source.map((id) => zhDoc.blocks[id]);
    const enBlocks = link.target.map((id) => enDoc.blocks[id]);
    const zhText = chineseKey(zhBlocks.map((b) => b.text).join('\n'));
    const enWords = englishKeys(enBlocks.map((b) => b.text).join('\n'));
    const base = { doc: bitext.doc, link: k, sourceBlocks: [...link.source], targetBlocks: [...link.target] };
    for (const term of terms) {
      const { entry } = term;
      const at = `${entry.file}:${entry.line}`;
      const found = enBlocks.length > 0 ? entry.zh.find((_, i) => zhText.includes(term.zh[i])) : undefined;
      if (found !== undefined && term.wanted.length > 0 && !wantedKeys.get(term)!.some((keys) => hasRun(enWords, keys))) {
        const key = chineseKey(found);
        const sentence = link.source.flatMap((id: BlockId) => zhSentences[id] ?? []).find((s) => chineseKey(s.text).includes(key));
        const required = term.wanted.some((t) => t.status === 'required');
        findings.push({
          level: required ? 'error' : 'warning',
          code: 'term-missing',
          ...base,
          ...(sentence ? { sourceSegments: [sentence.index as SentenceId] } : {}),
          source: sentence?.text ?? zhBlocks.map((b) => b.text).join('\n'),
          target: enBlocks.map((b) => b.text).join('\n'),
          message: `${at}: "${found}" is in the Chinese (${where(zhBlocks, zhDoc)}) but its ${required ? 'required' : 'preferred'} English ${quoted(term.wanted.map((t) => t.text))} is not in the English`,
        });
      }
      for (const bad of term.forbidden) {
        if (!hasRun(enWords, bad.keys)) continue;
        const sentence = link.target.flatMap((id: BlockId) => enSentences[id] ?? []).find((s) => hasRun(englishKeys(s.text), bad.keys));
        findings.push({
          level: 'error',
          code: 'term-forbidden',
          ...base,
          ...(sentence ? { targetSegments: [sentence.index as SentenceId] } : {}),
          source: zhBlocks.map((b) => b.text).join('\n'),
          target: sentence?.text ?? enBlocks.map((b) => b.text).join('\n'),
          message: `${at}: forbidden term "${bad.text}" in the English (${where(enBlocks, enDoc)})${term.wanted.length > 0 ? `; use ${quoted(term.wanted.map((t) => t.text))}` : ''}`,
        });
      }
    }
  });
  return findings;
}
