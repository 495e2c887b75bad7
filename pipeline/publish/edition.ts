/**
 * The bilingual edition of one document: `output/<doc>/index.html`.
 *
 * One row per block link (`id="b<k>"`), the Chinese cell (`lang` = the document's script) and the
 * English cell (`lang="en"`) side by side; every sentence is a `<span class="s" data-link="b<k>s<j>">`
 * (block link k, sentence link j — the ids the translation memory uses as origins), so the same
 * `data-link` marks a sentence and its counterpart(s). QA data — link number, type, score, flags
 * and `check`'s findings — sits in each row's `.meta` column, shown in review mode only. Rows
 * whose block link `needsReview` are `.flag`; rows of the review queue (`toReview`: those, rows
 * with a sentence link not 1-1 and rows with a `check` error) are `.queue`, counted in the summary
 * (the count and the link to the first shown in review mode only) and visited by `n`/`p`. Above the rows: the title (front matter `title` first), date and byline
 * from the front matter, a table of contents of the headings (depth ≤ 3, sub-levels in nested
 * lists: `nestedList`); the header links back
 * to the document list. Each row has one Tab stop (the first sentence of each cell without
 * JavaScript; one per row with it, `client.ts`). Interface words come
 * from `locales/` through i18next; `<html lang>` is the interface language (field report FR-14).
 * Views (bilingual / Chinese / English, side by side / alternating, sides swapped, review) are
 * radio buttons read by CSS (`style.ts`), so the page works with JavaScript off.
 */
import { h } from 'hastscript';
import type { Element, ElementContent } from 'hast';
import type { PhrasingContent } from 'mdast';
import { linkId, type Bitext, type Block, type BySide, type Document, type BlockLink, type Finding, type LanguageTag, type LinkId, type SentenceId, type Segment, type Side } from '../types.ts';
import { inlineText, MATH, sliceInline } from '../read/index.ts';
import { sentencesByBlock } from '../segment/index.ts';
import { converterTo, isCjkCodePoint, isTraditional, type ChineseScript } from '../text/index.ts';
import { inlineToHast, htmlToHast, footnoteIds, BLOCK_CSS, CONTENT_ID_PREFIX } from './markup.ts';
import { createI18n, resolveUiLanguage } from './i18n.ts';
import { needsReview, isNotOneToOne, toReview, checkBitext, LOW_SCORE } from '../check/index.ts';
import { loadLexicon, segmentChinese } from '../align/index.ts';
import { renderPage, offSite, GENERATOR } from './page.ts';
import { EDITION_CSS } from './style.ts';
import { EDITION_JS } from './client.ts';

/** Options of `renderEdition`. */
export interface EditionOptions {
  /** Interface language tag (BCP 47 or POSIX, resolved by `resolveUiLanguage`). */
  uiLang: string;
  /**
   * Script of the Chinese side: `hant` converts Simplified text to Traditional (opencc-js, `cn`→`tw`
   * character tables) and labels the cells `zh-Hant`; `hans` converts a Traditional source to
   * Simplified. Default: the document's own script, unconverted.
   */
  script?: 'hans' | 'hant';
  /** Links scoring below this are marked for review (default `LOW_SCORE`). */
  lowScore?: number;
  /** `check`'s findings on `bitext` with the same `lowScore`, for the review queue and the rows (default: `checkBitext` run here). */
  findings?: readonly Finding[];
  /**
   * The same edition in the other Chinese script, linked from the page header: `href` relative to
   * this page (e.g. `index.hant.html`), `script` the script of that page.
   */
  alternate?: { href: string; script: 'hans' | 'hant' };
  /** The document list, relative to this page (default `../index.html`, as `bitext build` lays pages out). */
  listHref?: string;
}


type Mapper = ((text: string) => string) | undefined;

/**
 * The Chinese language tag and text converter (`wordByWord` over opencc-js, `cn`↔`tw`) for the
 * requested script, given the document's source language tag; `map` is undefined when no
 * conversion is needed. Never throws.
 */
export function chineseScript(sourceLang: LanguageTag, script: ChineseScript | undefined): { lang: LanguageTag; map: Mapper } {
  const isHant = isTraditional(sourceLang);
  if (script === 'hant' && !isHant) return { lang: 'zh-Hant', map: wordByWord(converterTo('hant')) };
  if (script === 'hans' && isHant) return { lang: 'zh-Hans', map: wordByWord(converterTo('hans')) };
  return { lang: sourceLang, map: undefined };
}

/**
 * `convert` applied to each word of the text on its own, words found by CC-CEDICT forward maximum
 * matching (`segmentChinese`, pipeline/align/lexicon/chinese.ts); the text between words (not
 * Han) passes through. OpenCC matches its phrase table left to right across word boundaries, so
 * whole-text conversion reads 被发|明 for 被|发明 and writes 被髮明 (FR-21,
 * ../shared/cases/field-reports.md); each word alone converts as that word.
 */
function wordByWord(convert: (text: string) => string): (text: string) => string {
  const lexicon = loadLexicon();
  return (text) => {
    const words = segmentChinese(text, lexicon);
    let out = '';
    let at = 0;
    words.start.forEach((start, k) => {
      out += text.slice(at, start) + convert(text.slice(start, words.end[k]));
      at = words.end[k];
    });
    return out + text.slice(at);
  };
}

/** A sentence's link id (`b<k>s<j>`) and whether its link needs review. */
type SentenceLabel = { id: LinkId; flagged: boolean };

/** What the cells of one side need: its sentences and their labels (`sentencesOf`), the cells' language,
 * class and text converter, and the key of the message shown when a link has no block on this side. */
interface CellSide {
  sentences: Segment[][];
  labels: Map<SentenceId, SentenceLabel>;
  lang: LanguageTag;
  className: 'src' | 'tgt';
  map: Mapper;
  missing: 'missingSource' | 'missingTarget';
}

/** One side's sentences grouped by block, and the link label of every sentence (keyed by sentence id). */
function sentencesOf(bitext: Bitext, side: Side, lowScore: number): Pick<CellSide, 'sentences' | 'labels'> {
  const doc = bitext[side];
  const labels = new Map<SentenceId, SentenceLabel>();
  bitext.links.forEach((blockLink, k) =>
    blockLink.sentences.forEach((link, j) => {
      for (const s of link[side]) labels.set(s, { id: linkId(k, j), flagged: needsReview(link, lowScore) });
    }),
  );
  return { sentences: sentencesByBlock(doc.segments, doc.blocks.length), labels };
}

/**
 * The inline nodes of a block, or its plain text when the mdast does not spell `text` (hand-made
 * blocks). An `image` block's images are its content though its text is their alt text: its one
 * segment, reaching the end of the empty inline text, takes them (`sliceInline`).
 */
function inlineOf(block: Block): PhrasingContent[] {
  if (block.kind === 'image' && block.mdast?.length > 0) return block.mdast;
  return block.mdast && block.mdast.length > 0 && inlineText(block.mdast) === block.text ? block.mdast : [{ type: 'text', value: block.text }];
}

/**
 * A block's content from `from` to `to` of its text (UTF-16 offsets; a table cell's range, the
 * whole text by default), each sentence in the range wrapped in its `.s` span. The first sentence of a
 * cell is its Tab stop (`first.stop` true until taken), the others are focusable by script only.
 * Code is its text as it is, line breaks and indentation kept and never converted between scripts
 * (FR-21): as inline Markdown it would be inline code, whose line breaks HTML conversion folds into
 * spaces. Footnote references link to the definitions of `side` (`src` or `tgt`, `footnoteIds`).
 */
function blockContent(block: Block, segments: readonly Segment[], labels: Map<SentenceId, SentenceLabel>, map: Mapper, side: string, first: { stop: boolean }, from = 0, to = block.text.length): ElementContent[] {
  if (block.html !== undefined) return [htmlContent(block.html, segments, labels, map, first)];
  const nodes = inlineOf(block);
  const render = (a: number, b: number): ElementContent[] =>
    block.kind === 'code' ? [{ type: 'text', value: block.text.slice(a, b) }] : inlineToHast(sliceInline(nodes, a, b), map, side);
  const out: ElementContent[] = [];
  let at = from;
  for (const seg of segments) {
    if (seg.start < at || seg.end > to) continue; // outside the range, overlapping or out of range: left as plain text
    if (seg.start > at) out.push(...render(at, seg.start));
    const label = labels.get(seg.index);
    const tabIndex = first.stop ? 0 : -1;
    first.stop = false;
    out.push(h('span', { className: label?.flagged ? ['s', 'fs'] : ['s'], dataLink: label?.id, tabIndex }, render(seg.start, seg.end)));
    at = seg.end;
  }
  if (at < to) out.push(...render(at, to));
  return out;
}

/**
 * A raw HTML block's content (`Block.html`), sanitised (`htmlToHast`), in one `div.s` that stands
 * for its sentences: its markup (a card of heading and text, a row of logos) cannot be cut at
 * sentence ends, so the block is one stop linked as its first sentence is, flagged if any is.
 */
function htmlContent(html: string, segments: readonly Segment[], labels: Map<SentenceId, SentenceLabel>, map: Mapper, first: { stop: boolean }): Element {
  const own = segments.map((s) => labels.get(s.index));
  const tabIndex = first.stop ? 0 : -1;
  first.stop = false;
  const className = own.some((l) => l?.flagged) ? ['s', 'fs', 'raw-html'] : ['s', 'raw-html'];
  return h('div', { className, dataLink: own[0]?.id, tabIndex }, htmlToHast(html, map));
}

/** A block's content between two offsets of its text (`blockContent` with the block's sentences bound). */
type ContentOf = (block: Block, from?: number, to?: number) => ElementContent[];

/** A list item block as a list element holding its `<li>`: `<ol start>` numbered from the item's number, or `<ul>`. */
function listElement(block: Block, content: ElementContent[]): Element {
  const list = block.list ?? { ordered: false, start: 1, item: 0, firstOfItem: true };
  const number = list.start + list.item;
  // A later paragraph of an item, alone in its cell, is shown without a second number or bullet.
  const item = h('li', list.firstOfItem ? {} : { className: ['more'] }, [h('p', content)]);
  const className = [`d${Math.min(block.depth ?? 1, 3)}`];
  return list.ordered ? h('ol', { className, ...(number === 1 ? {} : { start: number }) }, [item]) : h('ul', { className }, [item]);
}

/** Column widths of the tables of one side: the `<col width>` values (`"23%"`) of each table row block, by block index. */
type ColumnWidths = ReadonlyMap<number, readonly string[]>;

/** A column's text is counted up to this many width units towards its share: a long description must not starve the other columns. */
const COLUMN_TEXT_CAP = 60;
/** A longest word counts up to this many width units: a 38-character type name breaks wherever its column is, and must not squeeze the short words of the others. */
const WORD_CAP = 16;
/** How much wider the header row's bold type is than regular type (about a fifth in Georgia and DejaVu Serif). */
const BOLD = 1.2;
/** A cell's padding and border in width units (BLOCK_CSS, markup.ts: .5em a side). */
const CELL_PADDING = 2;
/** A run of CJK characters counts as one word up to this many characters: a term such as 默认值 reads broken when wrapped. */
const CJK_WORD = 4;

/**
 * The column widths of every table of a document's blocks (`blocks`: one side, in order; a table
 * is a run of table row blocks numbered 0, 1, 2…), as percentages summing to 100, keyed by the
 * index of each of its row blocks. Every row of a table is its own `<table>` in the edition (one
 * block link a row), so the browser cannot size a column from all its cells; with these widths
 * and `table-layout: fixed` (markup.ts, BLOCK_CSS) every row table of one side has the same
 * columns. A column's share is its padding and longest word (capped at `WORD_CAP`) plus an
 * eighth of what its longest cell (capped at `COLUMN_TEXT_CAP`) needs beyond that — the idea of CSS automatic table layout,
 * which gives each column its minimum and shares the rest by maximum (CSS 2.1 §17.5.2.2), with
 * the table width unknown in advance: the minimums of a six-column documentation table already
 * fill most of a side at 1280 px, so the rest is shared sparingly. Widths are in units of a Latin
 * character: a CJK character counts 2, and a run of CJK characters is a word up to `CJK_WORD`
 * characters; the header row's characters count `BOLD` times; an empty column counts its padding
 * and one unit.
 */
export function columnWidths(blocks: readonly Block[]): ColumnWidths {
  const out = new Map<number, readonly string[]>();
  let rows: Block[] = [];
  const flush = () => {
    const columns = rows[0]?.table?.cells ?? 0;
    const weights = Array.from({ length: columns }, (_, i) => {
      let word = 0;
      let text = 0;
      for (const row of rows) {
        const range = row.table!.ranges[i];
        if (!range) continue;
        const cell = row.text.slice(range.start, range.end);
        const scale = row.table!.row === 0 ? BOLD : 1;
        let latin = 0;
        let cjkRun = 0;
        let width = 0;
        for (const char of cell) {
          const cjk = isCjkCodePoint(char.codePointAt(0)!);
          width += (cjk ? 2 : 1) * scale;
          latin = cjk || /\s/.test(char) ? 0 : latin + 1;
          cjkRun = cjk ? cjkRun + 1 : 0;
          word = Math.max(word, scale * Math.max(latin, 2 * Math.min(cjkRun, CJK_WORD)));
        }
        text = Math.max(text, width);
      }
      const least = Math.min(Math.max(1, word), WORD_CAP);
      return CELL_PADDING + least + Math.max(0, Math.min(text, COLUMN_TEXT_CAP) - least) / 8;
    });
    const total = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w) => `${((100 * w) / total).toFixed(2)}%`);
    for (const row of rows) out.set(row.index, widths);
    rows = [];
  };
  for (const block of blocks) {
    const previous = rows.at(-1);
    if (block.kind !== 'tableRow' || !block.table || (previous && block.table.row !== previous.table!.row + 1)) flush();
    if (block.kind === 'tableRow' && block.table) rows.push(block);
  }
  flush();
  return out;
}

/**
 * A table row block as a one-row `<table>`: its column widths (`widths`, `columnWidths`) in a
 * `<colgroup>`, the header row (row 0) in `<thead>` with `<th>` cells, others in `<tbody>`.
 */
function tableElement(block: Block, table: NonNullable<Block['table']>, contentOf: ContentOf, widths: readonly string[] | undefined): Element {
  const header = table.row === 0;
  const cells = table.ranges.map((r, i) => {
    const align = table.align[i];
    return h(header ? 'th' : 'td', align ? { className: [`al-${align}`] } : {}, contentOf(block, r.start, r.end));
  });
  const columns = widths ? [h('colgroup', widths.map((width) => h('col', { width })))] : [];
  return h('table', [...columns, h(header ? 'thead' : 'tbody', [h('tr', cells)])]);
}

/**
 * The element for a block; a heading with an anchor is recorded in `anchors` (made unique by
 * `uniqueIds`). The first block of a footnote definition on `side` starts with its label, takes
 * the footnote's id and ends with a link back to the reference (`footnoteIds`).
 */
function blockElement(block: Block, contentOf: ContentOf, anchors: Set<Element>, side: string, widths: ColumnWidths): Element {
  const element = kindElement(block, contentOf, anchors, widths);
  if (block.footnote === undefined) return element;
  const ids = footnoteIds(side, block.footnote);
  element.properties.id = ids.def;
  anchors.add(element);
  // Label and back link are phrasing content: they go into a paragraph, not a list, table or code.
  if (element.tagName !== 'p') return element;
  const space = { type: 'text', value: ' ' } as const;
  element.children.unshift(h('span', { className: ['fn-label'] }, `${block.footnote}.`), space);
  element.children.push(space, h('a', { href: `#${ids.ref}`, className: ['fn-back'] }, '↩'));
  return element;
}

/** The element for a block of a given kind (see `blockElement`; `widths`: `columnWidths` of the block's side). */
function kindElement(block: Block, contentOf: ContentOf, anchors: Set<Element>, widths: ColumnWidths): Element {
  // A raw HTML block brings its own elements (`htmlContent`), which a paragraph may not hold.
  if (block.html !== undefined) return h('div', { className: ['html'] }, contentOf(block));
  switch (block.kind) {
    case 'heading': {
      const heading = h(`h${Math.min(Math.max(block.depth ?? 2, 1), 6)}`, block.anchor ? { id: block.anchor } : {}, contentOf(block));
      if (block.anchor) anchors.add(heading);
      return heading;
    }
    case 'caption':
      return h('p', { className: ['caption'] }, contentOf(block));
    case 'quote':
      return h('blockquote', [h('p', contentOf(block))]);
    case 'listItem':
      return listElement(block, contentOf(block));
    case 'tableRow':
      return block.table ? tableElement(block, block.table, contentOf, widths.get(block.index)) : h('p', contentOf(block));
    case 'code':
      return h('pre', [h('code', block.codeLang ? { className: [`language-${block.codeLang}`, ...(block.codeLang === MATH ? [MATH] : [])] } : {}, contentOf(block))]);
    default:
      return h('p', contentOf(block));
  }
}

/** Headings down to this depth are listed in the table of contents. */
const TOC_DEPTH = 3;

/** The date as a `<time>` when it is an ISO 8601 date (`datetime` must be machine-readable), else plain text. */
function dateElement(date: string, lang: LanguageTag, className: string[]): Element {
  return /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(date) ? h('time', { className, dateTime: date.replace(' ', 'T'), lang }, date) : h('span', { className, lang }, date);
}

/**
 * Contents entries (`item`: an `<li>`; `depth`: its heading's depth, 1–6) as one `<ol>` whose
 * deeper entries sit in an `<ol>` inside the entry before them, so each level is numbered on its
 * own (3. Usage, then 1., 2.… for its subsections) rather than all levels in one run. An entry
 * deeper than the one before it by more than one level is nested one level only; entries before
 * the first shallower one (a document opening on a subsection) stay in the outer list.
 */
export function nestedList(entries: readonly { depth: number; item: Element }[]): Element {
  const root = h('ol');
  const open: { depth: number; list: Element }[] = [{ depth: entries[0]?.depth ?? 1, list: root }];
  for (const { depth, item } of entries) {
    while (open.length > 1 && depth < open.at(-1)!.depth) open.pop();
    const top = open.at(-1)!;
    const parent = top.list.children.at(-1);
    if (depth > top.depth && parent?.type === 'element') {
      const list = h('ol', [item]);
      parent.children.push(list);
      open.push({ depth, list });
    } else top.list.children.push(item);
  }
  return root;
}

/**
 * Whether `block` continues the list or table of `previous`, the block before it in the same cell
 * and container: the next item or a later paragraph of the same list (same depth, kind and start),
 * or the next row of a table.
 */
function continues(previous: Block | undefined, block: Block): boolean {
  if (!previous || previous.kind !== block.kind || previous.container !== block.container) return false;
  if (block.kind === 'tableRow') return previous.table !== undefined && block.table !== undefined && block.table.row === previous.table.row + 1;
  const [a, b] = [previous.list, block.list];
  if (block.kind !== 'listItem' || !a || !b || previous.depth !== block.depth || a.ordered !== b.ordered || a.start !== b.start) return false;
  return b.item === a.item + (b.firstOfItem ? 1 : 0);
}

/**
 * The elements of the blocks of one cell, in order: consecutive items of a list share one list
 * element (a later paragraph of an item joins its `<li>`), consecutive rows of a table one
 * `<table>`, and consecutive blocks of one `:::` container one `<div class="container NAME" role="note">`
 * headed by its title, or its name when untitled (`map` converts the title's script).
 */
function cellElements(blocks: readonly Block[], contentOf: ContentOf, anchors: Set<Element>, map: Mapper, side: string, widths: ColumnWidths): Element[] {
  const out: Element[] = [];
  let previous: Block | undefined;
  let aside: Element | undefined;
  for (const block of blocks) {
    let parent: ElementContent[] = out;
    if (block.container) {
      if (!aside || previous?.container !== block.container) {
        // Untitled, the container shows its type (`:::warning` → "warning"), as documentation sites do.
        const { name, title = name } = block.container;
        // A note, not an <aside>: asides are landmarks, and a page with two "Tips" would hold two alike (axe landmark-unique).
        aside = h('div', { className: ['container', name], role: 'note' }, [h('p', { className: ['container-title'] }, map ? map(title) : title)]);
        out.push(aside);
      }
      parent = aside.children;
    }
    const element = blockElement(block, contentOf, anchors, side, widths);
    const last = parent.at(-1);
    if (last?.type === 'element' && continues(previous, block)) {
      // Same table: the row joins its body; same list: the next item joins the list, a later paragraph its item.
      // (a table's row section comes after its <colgroup>, which the joined table already has)
      const inner = element.children.at(-1) as Element;
      if (block.kind === 'tableRow') {
        const body = last.children.find((c): c is Element => c.type === 'element' && c.tagName === 'tbody');
        if (body) body.children.push(...inner.children);
        else last.children.push(inner);
      } else if (block.list?.firstOfItem) last.children.push(inner);
      else (last.children.at(-1) as Element).children.push(...inner.children);
    } else parent.push(element);
    previous = block;
  }
  return out;
}

/**
 * The title of one side of a document: its front-matter title (`meta.title`), else the text of its
 * first heading; `undefined` when it has neither — the caller names the document instead (its
 * folder, `Bitext.doc`), since the first paragraph of a file without a heading (plain text) is
 * prose that the page shows right below the title. The edition's title and the document list
 * (pipeline/build.ts) both use it.
 */
export function documentTitle(doc: Document): string | undefined {
  return doc.meta?.title ?? doc.blocks.find((b) => b.kind === 'heading')?.text;
}

/**
 * The full HTML page (UTF-8 text, starting `<!doctype html>`) of one aligned document. See the
 * module comment for its structure. Never fetches anything; raw HTML in the sources is dropped and
 * URLs are sanitised (rehype-sanitize's default schema). Runs `checkBitext` for the review marks
 * unless `options.findings` holds them.
 * Throws on a malformed `bitext` (a link id outside its blocks: `RangeError` naming the link) and
 * on an off-site `alternate.href` or `listHref` (`TypeError`).
 */
export function renderEdition(bitext: Bitext, options: EditionOptions): string {
  const ui = resolveUiLanguage(options.uiLang);
  const i18n = createI18n(ui);
  const t = i18n.t.bind(i18n);
  const lowScore = options.lowScore ?? LOW_SCORE;
  const listHref = options.listHref ?? '../index.html';
  for (const href of [listHref, ...(options.alternate ? [options.alternate.href] : [])]) {
    if (offSite(href)) throw new TypeError(`${bitext.doc}: links from the edition must be relative paths, got ${href}`);
  }
  const zh = chineseScript(bitext.source.lang, options.script);
  const sides: BySide<CellSide> = {
    source: { ...sentencesOf(bitext, 'source', lowScore), lang: zh.lang, className: 'src', map: zh.map, missing: 'missingSource' },
    target: { ...sentencesOf(bitext, 'target', lowScore), lang: bitext.target.lang, className: 'tgt', map: undefined, missing: 'missingTarget' },
  };
  const findings = options.findings ?? checkBitext(bitext, { lowScore });
  const queue = toReview(bitext.links, findings, lowScore);
  const anchors = new Set<Element>();
  const widths: BySide<ColumnWidths> = { source: columnWidths(bitext.source.blocks), target: columnWidths(bitext.target.blocks) };

  const cell = (link: BlockLink, k: number, side: Side): Element => {
    const { sentences, labels, lang, map, missing } = sides[side];
    const ids = link[side];
    const className = ['cell', sides[side].className];
    if (ids.length === 0) {
      return h('div', { className: [...className, 'empty'], lang }, [h('p', { className: ['missing'], lang: ui }, t(missing))]);
    }
    const first = { stop: true };
    return h(
      'div',
      { className, lang },
      cellElements(
        ids.map((id) => {
          const block = bitext[side].blocks[id];
          if (!block) throw new RangeError(`${bitext.doc}: block link ${k} names ${side} block ${id}, which does not exist`);
          return block;
        }),
        (block, from, to) => blockContent(block, sentences[block.index], labels, map, sides[side].className, first, from, to),
        anchors,
        map,
        sides[side].className,
        widths[side],
      ),
    );
  };

  const rows = bitext.links.map((link, k) => {
    const queued = queue.includes(k);
    const next = queue.find((f) => f > k);
    // Errors and warnings of check on this link (infos repeat the link type shown above them).
    const marks = findings.filter((f) => f.link === k && f.level !== 'info');
    const meta = h('div', { className: ['meta'], lang: ui }, [
      h('a', { href: `#${linkId(k)}`, title: t('link', { id: k }) }, String(k)),
      ' ',
      h('span', { className: ['type'] }, t('linkType', { source: link.source.length, target: link.target.length })),
      ' ',
      h('span', { className: ['score'] }, t('score', { score: link.score.toFixed(2) })),
      ...(isNotOneToOne(link) ? [' ', h('span', { className: ['flag'] }, t('flagMerge'))] : []),
      ...(link.score < lowScore ? [' ', h('span', { className: ['flag'] }, t('flagLow'))] : []),
      ...(!isNotOneToOne(link) && link.sentences.some(isNotOneToOne) ? [' ', h('span', { className: ['flag'] }, t('sentenceMerge'))] : []),
      ...(marks.length > 0
        ? [h('ul', { className: ['findings'], ariaLabel: t('findings') }, marks.map((f) => h('li', { className: [f.level] }, [h('span', { className: ['lvl'] }, t(f.level === 'error' ? 'levelError' : 'levelWarning')), ' ', h('span', { lang: 'en' }, f.message)])))]
        : []),
      ...(queued && next !== undefined ? [' ', h('a', { className: ['next'], href: `#${linkId(next)}` }, t('nextToReview'))] : []),
    ]);
    const className = ['row', ...(needsReview(link, lowScore) ? ['flag'] : []), ...(queued ? ['queue'] : [])];
    return h('div', { className, id: linkId(k), ...(queued ? { tabIndex: -1 } : {}) }, [meta, cell(link, k, 'source'), cell(link, k, 'target')]);
  });

  const titleOf = (side: Side, map: Mapper) => {
    const text = documentTitle(bitext[side]);
    if (text === undefined) return bitext.doc;
    return map ? map(text) : text;
  };
  const sourceTitle = titleOf('source', zh.map);
  const targetTitle = titleOf('target', undefined);
  const startsWithTitle = bitext.source.blocks[0]?.kind === 'heading' && bitext.source.blocks[0]?.depth === 1;

  const radio = (group: string, value: string, label: string, checked = false): ElementContent[] => [
    h('label', { htmlFor: `${group}-${value}` }, [
      h('input', { type: 'radio', name: group, id: `${group}-${value}`, value, ...(checked ? { checked: true } : {}) }),
      label,
    ]),
  ];
  const controls = h('form', { className: ['controls'], ariaLabel: t('controls') }, [
    h('fieldset', [h('legend', t('view')), ...radio('view', 'both', t('viewBoth'), true), ...radio('view', 'src', t('viewSource')), ...radio('view', 'tgt', t('viewTarget'))]),
    h('fieldset', { className: ['layout'] }, [h('legend', t('layout')), ...radio('layout', 'side', t('layoutSide'), true), ...radio('layout', 'alt', t('layoutAlternate'))]),
    h('fieldset', [h('legend', t('order')), ...radio('order', 'src', t('orderSourceFirst'), true), ...radio('order', 'tgt', t('orderTargetFirst'))]),
    h('fieldset', [h('legend', t('review')), h('label', { htmlFor: 'review' }, [h('input', { type: 'checkbox', id: 'review', name: 'review', value: 'on' }), t('reviewMode')])]),
    h('fieldset', [h('legend', t('theme')), ...radio('theme', 'auto', t('themeAuto'), true), ...radio('theme', 'light', t('themeLight')), ...radio('theme', 'dark', t('themeDark'))]),
  ]);
  const summary = h('p', { className: ['summary'] }, [
    t('summary', { count: bitext.links.length }),
    // QA data, shown in review mode only (style.ts).
    h('span', { className: ['review-only'] }, [
      ' · ',
      t('toReview', { count: queue.length }),
      ...(queue.length > 0 ? [' · ', h('a', { href: `#${linkId(queue[0])}` }, t('firstToReview')), ' · ', t('keys')] : []),
    ]),
    ' ',
    t('rowKeys'),
    ...(options.alternate
      ? [' · ', h('a', { href: options.alternate.href, hrefLang: options.alternate.script === 'hant' ? 'zh-Hant' : 'zh-Hans' }, t(options.alternate.script === 'hant' ? 'scriptHant' : 'scriptHans'))]
      : []),
  ]);
  const crumbs = h('nav', { className: ['crumbs'], ariaLabel: t('backToList') }, [h('a', { href: listHref }, `← ${t('backToList')}`)]);

  // Date and author of each side's front matter; a value both sides share is shown once.
  const bylineParts = (['author', 'date'] as const).flatMap((field) => {
    const values = (['source', 'target'] as const)
      .map((side) => ({ side, value: bitext[side].meta?.[field] }))
      .filter((v): v is { side: Side; value: string } => typeof v.value === 'string' && v.value !== '');
    const distinct = values.filter((v, i) => values.findIndex((w) => w.value === v.value) === i);
    return distinct.map(({ side, value }) => {
      const lang = sides[side].lang;
      const shown = side === 'source' && zh.map ? zh.map(value) : value;
      const className = distinct.length > 1 ? [sides[side].className] : [];
      return field === 'date' ? dateElement(shown, lang, className) : h('span', { className, lang }, shown);
    });
  });
  const byline = bylineParts.length > 0 ? [h('p', { className: ['byline'] }, bylineParts.flatMap((part, i) => (i === 0 ? [part] : [' · ', part])))] : [];

  const headings = bitext.links.flatMap((link, k) => {
    if (startsWithTitle && k === 0) return []; // the title, above the contents
    const entry = (side: Side) => {
      const block = link[side].length > 0 ? bitext[side].blocks[link[side][0]] : undefined;
      return block?.kind === 'heading' && (block.depth ?? 2) <= TOC_DEPTH ? block : undefined;
    };
    const source = entry('source');
    const target = entry('target');
    const depth = (source ?? target)?.depth ?? 2;
    if (!source && !target) return [];
    return [
      {
        depth,
        item: h('li', [
          h('a', { href: `#${linkId(k)}` }, [
            // A heading on one side only is listed in every view (a link must never be empty).
            ...(source ? [h('span', { className: target ? ['src'] : [], lang: zh.lang }, zh.map ? zh.map(source.text) : source.text)] : []),
            ...(target ? [h('span', { className: source ? ['tgt'] : [], lang: bitext.target.lang }, target.text)] : []),
          ]),
        ]),
      },
    ];
  });
  // One heading is no table of contents.
  const toc = headings.length > 1 ? [h('details', { className: ['toc'], open: true }, [h('summary', t('contents')), h('nav', { ariaLabel: t('contents') }, [nestedList(headings)])])] : [];

  const title = sourceTitle === targetTitle ? [h('span', { lang: bitext.target.lang }, targetTitle)] : [h('span', { className: ['src'], lang: zh.lang }, sourceTitle), ' · ', h('span', { className: ['tgt'], lang: bitext.target.lang }, targetTitle)];
  const body: ElementContent[] = [
    h('header', { className: ['top'] }, [controls, summary, crumbs]),
    h('main', [...(startsWithTitle ? [rows[0], ...byline, ...toc, ...rows.slice(1)] : [h('h1', { className: ['doc-title'] }, title), ...byline, ...toc, ...rows])]),
    h('footer', t('generatedBy', { generator: GENERATOR })),
  ];
  uniqueIds(body, anchors);
  return renderPage({ lang: ui, title: sourceTitle === targetTitle ? targetTitle : `${sourceTitle} · ${targetTitle}`, css: EDITION_CSS + BLOCK_CSS, js: EDITION_JS, body });
}

/**
 * Make every id on the page unique (FR-20, ../shared/cases/field-reports.md): the ids the page
 * makes itself (rows, controls) stay; an id from the documents (a heading's `{#id}` or a footnote's,
 * in `anchors`; a footnote reference's, which carries `CONTENT_ID_PREFIX`)
 * keeps its name when it is free, so links to it land, else takes the first free `name-2`,
 * `name-3`… (the same heading id on both sides: the second one numbered). Changes `nodes` in place.
 */
function uniqueIds(nodes: readonly ElementContent[], anchors: ReadonlySet<Element>): void {
  const fromDocuments = (e: Element) => anchors.has(e) || String(e.properties.id ?? '').startsWith(CONTENT_ID_PREFIX);
  const taken = new Set<string>();
  const walk = (list: readonly ElementContent[], visit: (e: Element) => void) => {
    for (const node of list) {
      if (node.type !== 'element') continue;
      visit(node);
      walk(node.children, visit);
    }
  };
  walk(nodes, (e) => {
    if (!fromDocuments(e) && typeof e.properties.id === 'string') taken.add(e.properties.id);
  });
  walk(nodes, (e) => {
    if (!fromDocuments(e) || e.properties.id === undefined) return;
    const name = String(e.properties.id);
    let id = name;
    for (let n = 2; taken.has(id); n++) id = `${name}-${n}`;
    taken.add(id);
    e.properties.id = id;
  });
}
