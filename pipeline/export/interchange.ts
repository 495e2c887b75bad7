/**
 * Interchange files of aligned document pairs for review tools (`bitext export`): one row per
 * sentence link, grouped by block link, with the link's score and review state.
 *
 * - XLIFF 1.2 (OASIS XLIFF 1.2 core, strict schema): one `<file>` per document
 *   (`original` = document name, `datatype="plaintext"`), one `<group id="b6">` per block link and
 *   inside it one `<trans-unit id="b6s2">` per sentence link (ids are `linkId`s, pipeline/types.ts).
 *   The review state is the target's `state`: `needs-review-translation` for a link in the review
 *   queue (`toReview`, pipeline/check/review.ts), `signed-off` with `approved="yes"` for a link an
 *   editor corrected (pipeline/align/corrections.ts), `translated` otherwise. The score (the
 *   aligner's [0, 1] scale, 4 decimals) is a `<note from="bitext">score 0.6234</note>` on each
 *   unit and group: the strict schema admits foreign attributes only when a schema declares them,
 *   and `alt-trans match-quality` is for translation candidates, not for the unit's own target.
 *   A 1-0 link has an empty `<target/>`; a 0-1 link, whose English has no Chinese, is a unit with an
 *   empty `<source/>` and a note saying so (a trans-unit needs a source; nothing is dropped).
 * - TSV: UTF-8 with a byte-order mark (so spreadsheets read it as UTF-8), a header row, columns
 *   `source target score review doc link zh_blocks en_blocks zh_sentences en_sentences`; an empty
 *   cell for the missing side of a 1-0 / 0-1 link. Inside a cell backslash, tab, line feed and
 *   carriage return are written `\\`, `\t`, `\n`, `\r` (PostgreSQL's COPY text format), so the
 *   text of a code block survives a round trip.
 * - XLSX: pipeline/export/xlsx.ts, the same rows.
 */
import { linkId, type Bitext, type BlockId, type SentenceId } from '../types.ts';
import { toReview, checkBitext } from '../check/index.ts';
import { escapeAttribute, escapeText, xmlSafe } from '../memory/index.ts';
import { joinsWithoutSpace } from '../text/index.ts';
import { VERSION } from '../version.ts';

/** Review state of a link: in the review queue, corrected by an editor, or neither. */
export type ReviewState = 'review' | 'corrected' | 'ok';

/** One sentence link of an aligned document, as the interchange files write it. */
export interface ExportRow {
  doc: string;
  /** Position of the block link in `Bitext.links`. */
  link: number;
  /** Position of the sentence link in its block link (undefined: a block link without sentence links, written whole). */
  sentence?: number;
  sourceBlocks: BlockId[];
  targetBlocks: BlockId[];
  sourceSentences: SentenceId[];
  targetSentences: SentenceId[];
  /** Chinese and English text ('' for a missing side); sentences joined as their language joins words. */
  source: string;
  target: string;
  /** The sentence link's score (the block link's when written whole), [0, 1] rounded to 4 decimals. */
  score: number;
  /** The block link's score, [0, 1] rounded to 4 decimals. */
  blockScore: number;
  /** The block link's state: `review` when `toReview` (with `checkBitext`'s errors) queues it. */
  review: ReviewState;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * The rows of `bitext`, in link order: one per sentence link, or one per block link that has no
 * sentence link (its blocks' text). Every row of a block link shares its review state (the review
 * queue is one of block links, as the edition's `n`/`p`).
 */
export function exportRows(bitext: Bitext): ExportRow[] {
  const queued = new Set(toReview(bitext.links, checkBitext(bitext)));
  const { source, target } = bitext;
  const join = (ids: readonly number[], items: readonly { text: string }[], lang: string) => ids.map((i) => items[i].text).join(joinsWithoutSpace(lang) ? '' : ' ');
  return bitext.links.flatMap((link, k): ExportRow[] => {
    const base = {
      doc: bitext.doc,
      link: k,
      sourceBlocks: [...link.source],
      targetBlocks: [...link.target],
      blockScore: round(link.score),
      review: (queued.has(k) ? 'review' : link.corrected ? 'corrected' : 'ok') as ReviewState,
    };
    if (link.sentences.length === 0) {
      return [{ ...base, sourceSentences: [], targetSentences: [], source: join(link.source, source.blocks, source.lang), target: join(link.target, target.blocks, target.lang), score: base.blockScore }];
    }
    return link.sentences.map((s, j) => ({
      ...base,
      sentence: j,
      sourceSentences: [...s.source],
      targetSentences: [...s.target],
      source: join(s.source, source.segments, source.lang),
      target: join(s.target, target.segments, target.lang),
      score: round(s.score),
    }));
  });
}

const XLIFF_STATE: Record<ReviewState, string> = { review: 'needs-review-translation', corrected: 'signed-off', ok: 'translated' };

/** Text content for XLIFF: XML-safe and escaped. */
const text = (s: string) => escapeText(xmlSafe(s));
const attr = (name: string, value: string) => ` ${name}="${escapeAttribute(xmlSafe(value))}"`;

/**
 * The XLIFF 1.2 document (module comment) of `bitexts`, one `<file>` each, UTF-8, ending in a newline.
 * Texts are escaped (`escapeText`) after `xmlSafe`; every trans-unit keeps white space
 * (`xml:space="preserve"`: code blocks and line breaks are text).
 */
export function toXliff(bitexts: readonly Bitext[]): string {
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n';
  for (const bitext of bitexts) {
    out += `  <file${attr('original', bitext.doc)}${attr('source-language', bitext.source.lang)}${attr('target-language', bitext.target.lang)} datatype="plaintext" tool-id="bitext">\n`;
    out += `    <header><tool tool-id="bitext" tool-name="Bitext"${attr('tool-version', VERSION)}/></header>\n    <body>\n`;
    const rows = exportRows(bitext);
    let at = 0;
    bitext.links.forEach((link, k) => {
      out += `      <group${attr('id', linkId(k))}>\n        <note from="bitext">score ${round(link.score).toFixed(4)}</note>\n`;
      for (; at < rows.length && rows[at].link === k; at++) {
        const row = rows[at];
        const approved = row.review === 'corrected' ? ' approved="yes"' : '';
        out += `        <trans-unit${attr('id', linkId(k, row.sentence))}${approved} xml:space="preserve">\n`;
        out += `          <source>${text(row.source)}</source>\n`;
        out += row.target === '' ? `          <target state="${XLIFF_STATE[row.review]}"/>\n` : `          <target state="${XLIFF_STATE[row.review]}">${text(row.target)}</target>\n`;
        out += `          <note from="bitext">score ${row.score.toFixed(4)}</note>\n`;
        if (row.source === '') out += '          <note from="bitext" annotates="target">English with no Chinese counterpart</note>\n';
        out += '        </trans-unit>\n';
      }
      out += '      </group>\n';
    });
    out += '    </body>\n  </file>\n';
  }
  return `${out}</xliff>\n`;
}

/** Column names of the TSV and XLSX files, in order. */
export const EXPORT_COLUMNS = ['source', 'target', 'score', 'review', 'doc', 'link', 'zh_blocks', 'en_blocks', 'zh_sentences', 'en_sentences'] as const;

/** The cells of `row` in `EXPORT_COLUMNS` order (ids comma-separated, score a number). */
export function rowCells(row: ExportRow): (string | number)[] {
  return [row.source, row.target, row.score, row.review, row.doc, linkId(row.link, row.sentence), row.sourceBlocks.join(','), row.targetBlocks.join(','), row.sourceSentences.join(','), row.targetSentences.join(',')];
}

/** A TSV cell: backslash, tab, LF and CR escaped as in PostgreSQL's COPY text format. */
function tsvCell(value: string | number): string {
  return typeof value === 'number' ? value.toFixed(4) : value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/** The TSV file (module comment) of `bitexts`: a byte-order mark, the header row, one row per `exportRows` row, LF line ends. */
export function toTsv(bitexts: readonly Bitext[]): string {
  const lines = [EXPORT_COLUMNS.join('\t'), ...bitexts.flatMap((b) => exportRows(b).map((row) => rowCells(row).map(tsvCell).join('\t')))];
  return `\uFEFF${lines.join('\n')}\n`;
}
