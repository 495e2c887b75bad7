/**
 * check — a QA report on an aligned document pair, the things an editor wants to know before
 * publishing (`bitext check`). Every finding names its level, the document, the block link (and
 * block and sentence ids) and both texts.
 *
 * | code | level | what |
 * |---|---|---|
 * | `untranslated` | error | a Chinese block with no English (1-0 block link) |
 * | `note` | info | a translator's or editor's note, byline or end marker on one side only (1-0 or 0-1 block link of such blocks, `isNoteBlock`) |
 * | `key-mismatch` | error | a 1-1 link of two table rows whose first cells, written without Chinese characters (`rowKey`: `confirm-button-text`), differ — a row paired with another key's row, whose translation must not reach the memory |
 * | `untranslated-copy` | error | an English block identical to a Chinese block of the document that has Chinese characters (after normalising) |
 * | `chinese-in-target` | error / warning | Chinese characters left in the English (error when ≥ 30% of the letters, or when they make a Chinese sentence: ≥ 4 Chinese characters, ≥ 30% of its letters, ending in 。！？) |
 * | `number-mismatch` | error / warning | a number on one side missing from the other (`pipeline/text/numbers.ts`); error when written in digits and absent from the other side, warning when the other side has it fewer times |
 * | `name-missing` | error / warning | a capitalised Latin-script name in the Chinese (`魏玲灵（Lingling Wei）`) absent from the English of its link; a warning when the English document has it elsewhere |
 * | `empty` | warning | a block whose text has no letters or digits |
 * | `extra-target` | warning | an English block with no Chinese (0-1 block link) |
 * | `low-score` | warning | a block link scoring below `LOW_SCORE` (0.5) |
 * | `question-lost` | warning | a Chinese question (？) whose English sentence link has no question mark (FR-19) |
 * | `sentence-untranslated` | error | a Chinese sentence with no English inside a linked block (1-0 sentence link) |
 * | `sentence-extra` | warning | an English sentence with no Chinese inside a linked block (0-1 sentence link) |
 * | `length-ratio` | warning | English/Chinese length ratio far from the document's own (robust z-score > 3.5 and factor > 2) |
 * | `not-one-to-one` | info | a block link that is not 1-1 (paragraphs merged or split) |
 * | `term-missing` | error / warning | with `--glossary`: a Chinese term of the term base in the Chinese of a link whose English has none of its English terms (warning when they are only preferred), glossary.ts |
 * | `term-forbidden` | error | with `--glossary`: an English term the term base forbids in the English of a link, glossary.ts |
 * | `moved` | warning | a section the translator likely moved (`Bitext.moves`, pipeline/align/moves.ts): its blocks and where their translation is; its 1-0 and 0-1 blocks get this instead of `untranslated` / `extra-target` |
 *
 * A link of image blocks alone (`Block.kind` `image`, whose text is an alt text) has no finding:
 * an image is linked by its URL, not translated, so a copied or missing alt text is no error, and
 * no English block is called a copy of an alt text.
 *
 * Numbers and names are read from prose only: inline code and the technical tokens of
 * `technicalRanges` (URLs, versions, identifiers such as `GB2312` or `UTF-8`, inline math, markup
 * kept as text) are blanked first, and a link of code blocks is not read at all — code is linked
 * by identity (`pipeline/align/`), its digits are code, and its comments are checked by
 * `chinese-in-target`. A block written without Chinese characters (a product name, "API", a code
 * block, `=== "Python"`) is the same in both languages by nature, not an untranslated copy.
 * Punctuation is compared only for questions: ：/: and 。/. stand for each other at the end of a
 * sentence in a Chinese–English pair (FR-19, ../shared/cases/field-reports.md), a question turned
 * statement changes the meaning.
 *
 * Pure: works on a `Bitext`, reads nothing.
 */
import type { Bitext, Block, BlockId, BySide, Finding, FindingLevel, LanguageTag, Segment, Side } from '../types.ts';
import type { PhrasingContent } from 'mdast';
import { blankRanges, escapeControls, extractNumbers, hanCharacters, isNoteBlock, median, paint, technicalRanges, unmatchedNumbers, type NumberMention, type TextFormat } from '../text/index.ts';
import { sentencesByBlock } from '../segment/index.ts';
import { rowKey } from '../align/index.ts';
import { LOW_SCORE, isNotOneToOne } from './review.ts';

/** Options of `checkBitext`. */
export interface CheckOptions {
  /** Block links scoring below this are `low-score` (default `LOW_SCORE`). */
  lowScore?: number;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LATIN_LETTERS = /\p{Script=Latin}/gu;
/** Latin-script words (with inner apostrophes, hyphens, dots) in a row, e.g. `Robert O'Brien`. */
const LATIN_NAME = /[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’.\-]*(?:[ \u00A0·・][A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’.\-]*)*/gu;

/** Lower case, curly quotes straight, dashes plain, whitespace collapsed: for "is it in there" tests. */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’ʼ′`]/g, "'")
    .replace(/[‐‑‒–—−]/g, '-')
    .replace(/[·・]/g, ' ')
    .replace(/\s+/g, ' ');
}

function joinText(ids: readonly number[], items: readonly { text: string }[]): string {
  return ids.map((i) => items[i]?.text ?? '').join('\n');
}

/** Letters and digits only (punctuation and spaces do not make a text longer). */
function contentLength(text: string): number {
  let n = 0;
  for (const ch of text) if (LETTER_OR_DIGIT.test(ch)) n++;
  return n;
}

/**
 * The ranges of `nodes`' plain text (`inlineText` in pipeline/read/inline.ts, whose walk this
 * follows: text, inline code and inline math by their values, a hard break or raw `<br>` one character, other
 * raw HTML and images none) that are inline code or math.
 */
function inlineCodeRanges(nodes: readonly PhrasingContent[], at = { offset: 0 }, out: { start: number; end: number }[] = []): { start: number; end: number }[] {
  for (const node of nodes) {
    if (node.type === 'inlineCode' || node.type === 'inlineMath') out.push({ start: at.offset, end: (at.offset += node.value.length) });
    else if (node.type === 'text') at.offset += node.value.length;
    else if (node.type === 'break' || (node.type === 'html' && /^<br\s*\/?>$/i.test(node.value.trim()))) at.offset += 1;
    else if ('children' in node) inlineCodeRanges(node.children as PhrasingContent[], at, out);
  }
  return out;
}

/** A block's prose (its text with inline code and technical tokens blanked, offsets kept) and the digit runs of what was blanked. */
function proseOf(block: Block): { prose: string; technicalDigits: string[] } {
  const code = inlineCodeRanges(block.mdast);
  const ranges = [...code, ...technicalRanges(blankRanges(block.text, code))].sort((a, b) => a.start - b.start);
  const technicalDigits = ranges.flatMap((r) => block.text.slice(r.start, r.end).match(/\d+(?:\.\d+)*/g) ?? []);
  return { prose: blankRanges(block.text, ranges), technicalDigits };
}

/** An English text prepared for `namedIn`: folded (`fold`) and its capital-letter runs. */
interface NameSearch {
  folded: string;
  capitalRuns: string[];
}

/** `text` prepared for `namedIn`. */
function namesOf(text: string): NameSearch {
  // An abbreviation may be spelled out: OB ↔ OceanBase, API ↔ Application Programming Interface.
  const capitalRuns = [...text.matchAll(/\p{Lu}[\p{L}\p{N}]*(?:[ \-]+\p{Lu}[\p{L}\p{N}]*)*/gu)].map((m) => m[0].replace(/[^\p{Lu}]/gu, ''));
  return { folded: fold(text), capitalRuns };
}

/** Whether the English `search` names `name`: as written, word by word, or as the capitals of a spelled-out abbreviation. */
function namedIn(name: string, search: NameSearch): boolean {
  const folded = fold(name);
  const words = folded.split(/[ \-]/).filter((w) => w.length > 0);
  return search.folded.includes(folded)
    || words.every((w) => new RegExp(`(^|[^a-z])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z])`).test(search.folded))
    || (/^\p{Lu}{2,6}$/u.test(name) && search.capitalRuns.some((run) => run.includes(name)));
}

/** A stretch of text up to a sentence stop, Latin or Chinese (where a Chinese sentence left in the English ends). */
const SENTENCE_WITH_STOP = /[^.!?。！？\n]*[.!?。！？]/gu;

/** A question mark ending a sentence, before closing quotes and brackets. */
const ENDS_AS_QUESTION = /[?？][\s"'”’」』）)\]]*$/u;

/** Each side's language, as the messages name it. */
const LANGUAGE_NAME: BySide<string> = { source: 'Chinese', target: 'English' };

/**
 * The findings for one aligned document pair, in block-link order (each link's findings in the
 * order of the table above), each once (a finding with the code, link and message of an earlier
 * one is left out). Throws `RangeError` when a link names a block that does not exist.
 */
export function checkBitext(bitext: Bitext, options: CheckOptions = {}): Finding[] {
  const lowScore = options.lowScore ?? LOW_SCORE;
  const findings: Finding[] = [];
  const { source: zhDoc, target: enDoc } = bitext;
  const sentencesOf: BySide<Segment[][]> = {
    source: sentencesByBlock(zhDoc.segments, zhDoc.blocks.length),
    target: sentencesByBlock(enDoc.segments, enDoc.blocks.length),
  };
  const blockAt = (id: BlockId, side: Side, k: number) => {
    const b = bitext[side].blocks[id];
    if (!b) throw new RangeError(`${bitext.doc}: block link ${k} names ${side} block ${id}, which does not exist`);
    return b;
  };

  const ratios: { k: number; ratio: number }[] = [];
  const sourceByText = new Map<string, number>();
  for (const b of zhDoc.blocks) {
    if (b.kind !== 'image' && hanCharacters(b.text).length > 0 && !sourceByText.has(fold(b.text))) sourceByText.set(fold(b.text), b.index);
  }
  const movedSource = new Set<number>((bitext.moves ?? []).flatMap((m) => m.source));
  const movedTarget = new Set<number>((bitext.moves ?? []).flatMap((m) => m.target));
  let englishDocument: NameSearch | undefined;
  bitext.links.forEach((link, k) => {
    const sourceBlocks = link.source.map((id) => blockAt(id, 'source', k));
    const targetBlocks = link.target.map((id) => blockAt(id, 'target', k));
    const source = joinText(link.source, zhDoc.blocks);
    const target = joinText(link.target, enDoc.blocks);
    const base = { doc: bitext.doc, link: k, sourceBlocks: [...link.source], targetBlocks: [...link.target], source, target };
    const add = (level: FindingLevel, code: string, message: string, extra: Partial<Finding> = {}) => findings.push({ level, code, ...base, message, ...extra });
    if ([...sourceBlocks, ...targetBlocks].every((b) => b.kind === 'image')) return; // see the module comment

    // Notes, bylines and end markers are often on one side only on purpose: not a translation error.
    const unpaired = link.target.length === 0 ? sourceBlocks : link.source.length === 0 ? targetBlocks : [];
    if (unpaired.length > 0 && unpaired.every((block) => isNoteBlock(block.text))) {
      add('info', 'note', `${link.target.length === 0 ? 'Chinese' : 'English'} block ${unpaired.map((block) => block.index).join(', ')} is a note, byline or end marker with no counterpart`);
      return;
    }
    // A block the detector found elsewhere on the other side is a move (one `moved` warning below), not untranslated.
    if (unpaired.length > 0 && unpaired.every((block) => (link.target.length === 0 ? movedSource : movedTarget).has(block.index))) return;
    if (link.target.length === 0) {
      add('error', 'untranslated', `Chinese block ${link.source.join(', ')} has no English translation`);
      return;
    }
    if (link.source.length === 0) {
      add('warning', 'extra-target', `English block ${link.target.join(', ')} has no Chinese counterpart`);
      return;
    }
    // Rows of an API table keyed alike in both languages pair by their key (pipeline/align/scorer.ts, StructureScorer).
    if (sourceBlocks.length === 1 && targetBlocks.length === 1) {
      const [zhKey, enKey] = [rowKey(sourceBlocks[0]), rowKey(targetBlocks[0])];
      if (zhKey !== undefined && enKey !== undefined && zhKey !== enKey) {
        add('error', 'key-mismatch', `table row keyed "${zhKey}" in the Chinese is linked with the row keyed "${enKey}" in the English`);
      }
    }
    // Untranslated text: an English block identical to a Chinese block (anywhere in the document:
    // a copied block throws the alignment off, so it is rarely linked to its own source), or
    // Chinese characters left in the English.
    for (const block of targetBlocks) {
      const copied = sourceByText.get(fold(block.text));
      if (copied !== undefined) {
        add('error', 'untranslated-copy', `English block ${block.index} is a copy of Chinese block ${copied}`, { targetBlocks: [block.index], target: block.text });
        continue;
      }
      const han = hanCharacters(block.text).length;
      if (han === 0) continue;
      const latin = block.text.match(LATIN_LETTERS)?.length ?? 0;
      const share = han / (han + latin);
      const chineseSentence = (block.text.match(SENTENCE_WITH_STOP) ?? []).some((s) => {
        const h = hanCharacters(s).length;
        return h >= 4 && h / (h + (s.match(LATIN_LETTERS)?.length ?? 0)) >= 0.3 && /[。！？]$/u.test(s);
      });
      add(
        share >= 0.3 || chineseSentence ? 'error' : 'warning',
        'chinese-in-target',
        `English block ${block.index} contains ${han} Chinese character${han === 1 ? '' : 's'} (${Math.round(share * 100)}% of its letters)`,
        { targetBlocks: [block.index], target: block.text },
      );
    }
    // Numbers and names of prose only (see the module comment).
    const isCode = [...sourceBlocks, ...targetBlocks].every((b) => b.kind === 'code');
    const read = new Map([...sourceBlocks, ...targetBlocks].map((b) => [b, isCode ? { prose: '', technicalDigits: [] } : proseOf(b)]));
    // Numbers: compare per link; mentions keep the block they came from to name the sentence.
    const mentions = (blocks: readonly Block[], lang: LanguageTag) =>
      blocks.flatMap((b) => extractNumbers(read.get(b)!.prose, lang).map((m) => ({ ...m, text: b.text.slice(m.start, m.end), block: b.index })));
    const mentioned = { source: mentions(sourceBlocks, zhDoc.lang), target: mentions(targetBlocks, enDoc.lang) };
    const unmatched = unmatchedNumbers(mentioned.source, mentioned.target) as BySide<(NumberMention & { block: BlockId })[]>;
    // Digits written into a token on the other side (ECharts4 ↔ ECharts 4) are there.
    const technicalDigits: BySide<Set<string>> = {
      source: new Set(sourceBlocks.flatMap((b) => read.get(b)!.technicalDigits)),
      target: new Set(targetBlocks.flatMap((b) => read.get(b)!.technicalDigits)),
    };
    for (const [side, other] of [['source', 'target'], ['target', 'source']] as const) {
      for (const m of unmatched[side]) {
        if (technicalDigits[other].has(m.text)) continue;
        const segment = sentencesOf[side][m.block]?.find((s) => s.start <= m.start && m.end <= s.end);
        // A number the other side has, only fewer times, is a repetition left out (下面仅介绍 1-5 的
        // 5 点 → "the first five points"): worth a look, not an error.
        const fewer = mentioned[other].some((o) => o.value === m.value);
        add(
          m.written === 'digits' && !fewer ? 'error' : 'warning',
          'number-mismatch',
          fewer
            ? `${LANGUAGE_NAME[side]} "${m.text}" (${m.kind} ${m.value}) is written fewer times in the ${LANGUAGE_NAME[other]}`
            : `${LANGUAGE_NAME[side]} "${m.text}" (${m.kind} ${m.value}) has no match in the ${LANGUAGE_NAME[other]}`,
          segment ? { [`${side}Segments`]: [segment.index] } : {},
        );
      }
    }
    // Latin-script names in the Chinese must reach the English.
    // A lower-case word (`svg`, `className`, `tooltip`) is a technical term, often rendered in
    // words ("the root node"), not a name. A name the English document has elsewhere (the product
    // it is about, written "it" or left implicit here) is a warning: the reader knows it.
    const linkTarget = namesOf(target);
    const seen = new Set<string>();
    for (const block of sourceBlocks) {
      for (const match of read.get(block)!.prose.matchAll(LATIN_NAME)) {
        const name = match[0].replace(/[.\-'’]+$/, '');
        if (!/\p{L}{2}/u.test(name) || !/^\p{Lu}/u.test(name) || seen.has(name)) continue;
        seen.add(name);
        if (namedIn(name, linkTarget)) continue;
        const segment = sentencesOf.source[block.index]?.find((s) => s.start <= match.index! && match.index! < s.end);
        const elsewhere = namedIn(name, (englishDocument ??= namesOf(enDoc.blocks.map((b) => b.text).join('\n'))));
        add(
          elsewhere ? 'warning' : 'error',
          'name-missing',
          `"${name}" appears in the Chinese but not in the English${elsewhere ? ' of this link (the English document has it elsewhere)' : ''}`,
          segment ? { sourceSegments: [segment.index] } : {},
        );
      }
    }
    // Empty blocks.
    for (const block of [...sourceBlocks, ...targetBlocks]) {
      if (!LETTER_OR_DIGIT.test(block.text)) {
        const isSource = sourceBlocks.includes(block);
        add('warning', 'empty', `${isSource ? 'Chinese' : 'English'} block ${block.index} has no letters or digits`);
      }
    }
    if (link.score < lowScore) add('warning', 'low-score', `link score ${link.score.toFixed(2)} is below ${lowScore}`);
    const text = (list: Segment[]) => list.map((s) => s.text).join(' ');
    const sentenceLinks = link.sentences.map((sentence) => {
      const zh = sentence.source.map((i) => zhDoc.segments[i]).filter(Boolean);
      const en = sentence.target.map((i) => enDoc.segments[i]).filter(Boolean);
      return { zh, en, ids: { sourceSegments: [...sentence.source], targetSegments: [...sentence.target], source: text(zh), target: text(en) } };
    });
    // A question that became a statement: a Chinese sentence ending in ？ whose English has no ?.
    for (const { zh, en, ids } of sentenceLinks) {
      if (en.length > 0 && zh.some((s) => ENDS_AS_QUESTION.test(s.text)) && !/[?？]/u.test(ids.target)) {
        add('warning', 'question-lost', `Chinese sentence ${ids.sourceSegments.join(', ')} is a question; its English is not`, ids);
      }
    }
    // Sentences without a counterpart inside linked blocks: a Chinese sentence left untranslated
    // is an error (the omission "all translated" tools miss), an English sentence with no source a warning.
    for (const { zh, en, ids } of sentenceLinks) {
      if (zh.length > 0 && en.length > 0) continue;
      if (zh.length > 0) add('error', 'sentence-untranslated', `Chinese sentence ${ids.sourceSegments.join(', ')} has no English counterpart`, ids);
      else add('warning', 'sentence-extra', `English sentence ${ids.targetSegments.join(', ')} has no Chinese counterpart`, ids);
    }
    if (isNotOneToOne(link)) {
      const how = link.source.length > link.target.length ? 'merged' : link.source.length < link.target.length ? 'split' : 'regrouped';
      add('info', 'not-one-to-one', `${link.source.length}-${link.target.length} link: paragraphs ${how} in the English`);
    }
    // Code, and a text written mostly without Chinese characters (an English title or name quoted
    // in the Chinese), is much the same on both sides by nature: no ratio to compare.
    const zhLength = isCode || 2 * hanCharacters(source).length < contentLength(source) ? 0 : contentLength(source);
    if (zhLength >= 8) ratios.push({ k, ratio: contentLength(target) / zhLength });
  });

  // Length-ratio outliers: robust z-score of log(en/zh) against the document's own median
  // (median absolute deviation, Iglewicz & Hoaglin 1993: flag |z| > 3.5), and at least a factor 2 off.
  if (ratios.length >= 4) {
    const logs = ratios.map((r) => Math.log(Math.max(r.ratio, 1e-3)));
    const m = median(logs);
    const mad = median(logs.map((x) => Math.abs(x - m))) || 1e-6;
    const typical = Math.exp(m);
    ratios.forEach((r, i) => {
      const z = (0.6745 * (logs[i] - m)) / mad;
      if (Math.abs(z) > 3.5 && Math.abs(logs[i] - m) > Math.log(2)) {
        const link = bitext.links[r.k];
        const at = findings.findIndex((f) => f.link > r.k);
        const finding: Finding = {
          level: 'warning',
          code: 'length-ratio',
          doc: bitext.doc,
          link: r.k,
          sourceBlocks: [...link.source],
          targetBlocks: [...link.target],
          source: joinText(link.source, zhDoc.blocks),
          target: joinText(link.target, enDoc.blocks),
          message: `English is ${r.ratio.toFixed(2)}× the Chinese length; this document's typical ratio is ${typical.toFixed(2)}× (${r.ratio > typical ? 'added text?' : 'text left out?'})`,
        };
        findings.splice(at < 0 ? findings.length : at, 0, finding);
      }
    });
  }
  // Moved sections, at the link of their first Chinese block.
  for (const move of bitext.moves ?? []) {
    const k = bitext.links.findIndex((l) => l.source.includes(move.source[0]));
    const at = findings.findIndex((f) => f.link > k);
    const blocks = (ids: readonly BlockId[]) => (ids.length === 1 ? `block ${ids[0]}` : `blocks ${ids[0]}–${ids[ids.length - 1]}`);
    const finding: Finding = {
      level: 'warning',
      code: 'moved',
      doc: bitext.doc,
      link: k,
      sourceBlocks: [...move.source],
      targetBlocks: [...move.target],
      source: joinText(move.source, zhDoc.blocks),
      target: joinText(move.target, enDoc.blocks),
      message: `zh ${blocks(move.source)} likely moved: ${move.source.length === 1 ? 'its' : 'their'} translation is en ${blocks(move.target)}`,
    };
    findings.splice(at < 0 ? findings.length : at, 0, finding);
  }
  // One finding of a kind per link and text: the same number written twice in a block is one
  // thing for an editor to look at, not two.
  const reported = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify([f.code, f.link, f.message]);
    if (reported.has(key)) return false;
    reported.add(key);
    return true;
  });
}

/** Count of findings per level. */
export function countFindings(findings: readonly Finding[]): Record<FindingLevel, number> {
  const counts: Record<FindingLevel, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.level]++;
  return counts;
}

/**
 * Exit status of `bitext check`: 1 when an error-level finding exists or the warnings exceed
 * `maxWarnings` (when given), else 0.
 */
export function checkExitCode(findings: readonly Finding[], maxWarnings?: number): 0 | 1 {
  const counts = countFindings(findings);
  return counts.error > 0 || (maxWarnings !== undefined && counts.warning > maxWarnings) ? 1 : 0;
}

const COLORS: Record<FindingLevel, TextFormat> = { error: 'red', warning: 'yellow', info: 'cyan' };

/**
 * The human-readable report: per document a count line, then one entry per finding (level, code,
 * link, block and sentence ids, message, both texts cut to `width` characters). `color` adds ANSI
 * colours (for a terminal; `paint`). Control characters of the documents (names, texts, messages
 * quoting them) are escaped (`escapeControls`), so a source cannot drive the terminal. `docs` lists documents to mention even when they have no findings.
 */
export function formatFindings(findings: readonly Finding[], options: { color?: boolean; docs?: readonly string[]; width?: number } = {}): string {
  const width = options.width ?? 100;
  const color = options.color ?? false;
  const dim = (text: string) => paint('dim', text, color);
  const cut = (text: string) => {
    const one = text.replace(/\s*\n\s*/g, ' ¶ ');
    const chars = [...one];
    return escapeControls(chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : one);
  };
  const docs = [...new Set([...(options.docs ?? []), ...findings.map((f) => f.doc)])];
  const lines: string[] = [];
  for (const doc of docs) {
    const mine = findings.filter((f) => f.doc === doc);
    const c = countFindings(mine);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    lines.push(`${escapeControls(doc)}: ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'note')}`);
    for (const f of mine) {
      const ids = [`link ${f.link} [${f.sourceBlocks.join(',')}]:[${f.targetBlocks.join(',')}]`];
      if (f.sourceSegments?.length || f.targetSegments?.length) ids.push(`sentences [${(f.sourceSegments ?? []).join(',')}]:[${(f.targetSegments ?? []).join(',')}]`);
      lines.push(`  ${paint(COLORS[f.level], f.level.padEnd(7), color)} ${f.code.padEnd(17)} ${ids.join(' ')}: ${escapeControls(f.message)}`);
      if (f.source) lines.push(dim(`          zh: ${cut(f.source)}`));
      if (f.target) lines.push(dim(`          en: ${cut(f.target)}`));
    }
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}
