/**
 * The bilingual edition of one document: `output/<doc>/index.html`.
 *
 * One row per block link (`id="b<k>"`), the Chinese cell (`lang` = the document's script) and the
 * English cell (`lang="en"`) side by side; every sentence is a `<span class="s" data-link="b<k>s<j>">`
 * (block link k, sentence link j — the ids the translation memory uses as origins), so the same
 * `data-link` marks a sentence and its counterpart(s). Links that are not 1-1 or score low
 * (`needsReview`) are marked in every view and highlighted in review mode. Interface words come
 * from `locales/` through i18next; `<html lang>` is the interface language (field report FR-14).
 * Views (bilingual / Chinese / English, side by side / alternating, sides swapped, review) are
 * radio buttons read by CSS (`style.ts`), so the page works with JavaScript off.
 */
import { h } from 'hastscript';
import type { Element, ElementContent } from 'hast';
import type { PhrasingContent } from 'mdast';
import { linkId, type Bitext, type Block, type BySide, type BlockLink, type LanguageTag, type LinkId, type SentenceId, type Segment, type Side } from '../types.ts';
import { inlineText, sliceInline } from '../read/index.ts';
import { sentencesByBlock } from '../segment/index.ts';
import { converterTo, isTraditional, type ChineseScript } from '../text/index.ts';
import { inlineToHast } from './markup.ts';
import { createI18n, resolveUiLanguage } from './i18n.ts';
import { needsReview, isNotOneToOne, LOW_SCORE } from '../check/index.ts';
import { renderPage, GENERATOR } from './page.ts';
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
  /**
   * The same edition in the other Chinese script, linked from the page header: `href` relative to
   * this page (e.g. `index.hant.html`), `script` the script of that page.
   */
  alternate?: { href: string; script: 'hans' | 'hant' };
}

type Mapper = ((text: string) => string) | undefined;

/**
 * The Chinese language tag and text converter (opencc-js character tables, `cn`↔`tw`) for the
 * requested script, given the document's source language tag; `map` is undefined when no
 * conversion is needed. Never throws.
 */
export function chineseScript(sourceLang: LanguageTag, script: ChineseScript | undefined): { lang: LanguageTag; map: Mapper } {
  const isHant = isTraditional(sourceLang);
  if (script === 'hant' && !isHant) return { lang: 'zh-Hant', map: converterTo('hant') };
  if (script === 'hans' && isHant) return { lang: 'zh-Hans', map: converterTo('hans') };
  return { lang: sourceLang, map: undefined };
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

/** A block's inline content with each sentence wrapped in its `.s` span. */
function blockContent(block: Block, segments: readonly Segment[], labels: Map<SentenceId, SentenceLabel>, map: Mapper): ElementContent[] {
  const nodes = inlineOf(block);
  const out: ElementContent[] = [];
  let at = 0;
  for (const seg of segments) {
    if (seg.start < at || seg.end > block.text.length) continue; // overlapping or out of range: leave as plain text
    if (seg.start > at) out.push(...inlineToHast(sliceInline(nodes, at, seg.start), map));
    const label = labels.get(seg.index);
    out.push(
      h(
        'span',
        { className: label?.flagged ? ['s', 'fs'] : ['s'], dataLink: label?.id, tabIndex: 0 },
        inlineToHast(sliceInline(nodes, seg.start, seg.end), map),
      ),
    );
    at = seg.end;
  }
  if (at < block.text.length) out.push(...inlineToHast(sliceInline(nodes, at, block.text.length), map));
  return out;
}

/** The element for a block of a given kind, holding `content`. */
function blockElement(block: Block, content: ElementContent[]): Element {
  switch (block.kind) {
    case 'heading':
      return h(`h${Math.min(Math.max(block.depth ?? 2, 1), 6)}`, content);
    case 'caption':
      return h('p', { className: ['caption'] }, content);
    case 'quote':
      return h('blockquote', [h('p', content)]);
    case 'listItem':
      return h('p', { className: ['li', `d${Math.min(block.depth ?? 1, 3)}`] }, content);
    case 'tableRow':
      return h('p', { className: ['tr'] }, content);
    case 'code':
      return h('pre', [h('code', content)]);
    default:
      return h('p', content);
  }
}

/**
 * The full HTML page (UTF-8 text, starting `<!doctype html>`) of one aligned document. See the
 * module comment for its structure. Never fetches anything; raw HTML in the sources is dropped and
 * URLs are sanitised (rehype-sanitize's default schema). Throws only on a malformed `bitext`
 * (a link id outside its blocks: `RangeError` naming the link).
 */
export function renderEdition(bitext: Bitext, options: EditionOptions): string {
  const ui = resolveUiLanguage(options.uiLang);
  const i18n = createI18n(ui);
  const t = i18n.t.bind(i18n);
  const lowScore = options.lowScore ?? LOW_SCORE;
  const zh = chineseScript(bitext.source.lang, options.script);
  const sides: BySide<CellSide> = {
    source: { ...sentencesOf(bitext, 'source', lowScore), lang: zh.lang, className: 'src', map: zh.map, missing: 'missingSource' },
    target: { ...sentencesOf(bitext, 'target', lowScore), lang: bitext.target.lang, className: 'tgt', map: undefined, missing: 'missingTarget' },
  };
  const flaggedRows = bitext.links.map((l, k) => (needsReview(l, lowScore) ? k : -1)).filter((k) => k >= 0);

  const cell = (link: BlockLink, k: number, side: Side): Element => {
    const { sentences, labels, lang, map, missing } = sides[side];
    const ids = link[side];
    const className = ['cell', sides[side].className];
    if (ids.length === 0) {
      return h('div', { className: [...className, 'empty'], lang }, [h('p', { className: ['missing'], lang: ui }, t(missing))]);
    }
    return h(
      'div',
      { className, lang },
      ids.map((id) => {
        const block = bitext[side].blocks[id];
        if (!block) throw new RangeError(`${bitext.doc}: block link ${k} names ${side} block ${id}, which does not exist`);
        return blockElement(block, blockContent(block, sentences[id], labels, map));
      }),
    );
  };

  const rows = bitext.links.map((link, k) => {
    const flagged = flaggedRows.includes(k);
    const next = flaggedRows.find((f) => f > k);
    const meta = h('div', { className: ['meta'], lang: ui }, [
      h('a', { href: `#${linkId(k)}`, title: t('link', { id: k }) }, String(k)),
      ' ',
      h('span', { className: ['type'] }, t('linkType', { source: link.source.length, target: link.target.length })),
      ' ',
      h('span', { className: ['score'] }, t('score', { score: link.score.toFixed(2) })),
      ...(isNotOneToOne(link) ? [' ', h('span', { className: ['flag'] }, t('flagMerge'))] : []),
      ...(link.score < lowScore ? [' ', h('span', { className: ['flag'] }, t('flagLow'))] : []),
      ...(flagged && next !== undefined ? [' ', h('a', { className: ['next'], href: `#${linkId(next)}` }, t('nextToReview'))] : []),
    ]);
    return h('div', { className: flagged ? ['row', 'flag'] : ['row'], id: linkId(k), ...(flagged ? { tabIndex: -1 } : {}) }, [
      meta,
      cell(link, k, 'source'),
      cell(link, k, 'target'),
    ]);
  });

  const titleOf = (blocks: readonly Block[], map: Mapper) => {
    const head = blocks.find((b) => b.kind === 'heading') ?? blocks[0];
    const text = head ? head.text : bitext.doc;
    return map ? map(text) : text;
  };
  const sourceTitle = titleOf(bitext.source.blocks, zh.map);
  const targetTitle = titleOf(bitext.target.blocks, undefined);
  const startsWithTitle = bitext.source.blocks[0]?.kind === 'heading' && bitext.source.blocks[0]?.depth === 1;

  const radio = (group: string, value: string, label: string, checked = false): ElementContent[] => [
    h('label', { htmlFor: `${group}-${value}` }, [
      h('input', { type: 'radio', name: group, id: `${group}-${value}`, value, ...(checked ? { checked: true } : {}) }),
      label,
    ]),
  ];
  const controls = h('form', { className: ['controls'], ariaLabel: t('controls') }, [
    h('fieldset', [h('legend', t('view')), ...radio('view', 'both', t('viewBoth'), true), ...radio('view', 'src', t('viewSource')), ...radio('view', 'tgt', t('viewTarget'))]),
    h('fieldset', [h('legend', t('layout')), ...radio('layout', 'side', t('layoutSide'), true), ...radio('layout', 'alt', t('layoutAlternate'))]),
    h('fieldset', [h('legend', t('order')), ...radio('order', 'src', t('orderSourceFirst'), true), ...radio('order', 'tgt', t('orderTargetFirst'))]),
    h('fieldset', [h('legend', t('review')), h('label', { htmlFor: 'review' }, [h('input', { type: 'checkbox', id: 'review', name: 'review', value: 'on' }), t('reviewMode')])]),
  ]);
  const summary = h('p', { className: ['summary'] }, [
    t('summary', { count: bitext.links.length }),
    ' · ',
    t('toReview', { count: flaggedRows.length }),
    ...(flaggedRows.length > 0 ? [' · ', h('a', { href: `#${linkId(flaggedRows[0])}` }, t('firstToReview')), ' · ', t('keys')] : []),
    ...(options.alternate && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(options.alternate.href)
      ? [' · ', h('a', { href: options.alternate.href, hrefLang: options.alternate.script === 'hant' ? 'zh-Hant' : 'zh-Hans' }, t(options.alternate.script === 'hant' ? 'scriptHant' : 'scriptHans'))]
      : []),
  ]);

  const body: ElementContent[] = [
    h('header', { className: ['top'] }, [controls, summary]),
    h('main', [
      ...(startsWithTitle
        ? []
        : [h('h1', { className: ['doc-title'] }, [h('span', { className: ['src'], lang: zh.lang }, sourceTitle), ' · ', h('span', { className: ['tgt'], lang: bitext.target.lang }, targetTitle)])]),
      ...rows,
    ]),
    h('footer', t('generatedBy', { generator: GENERATOR })),
  ];
  return renderPage({ lang: ui, title: `${sourceTitle} · ${targetTitle}`, css: EDITION_CSS, js: EDITION_JS, body });
}
