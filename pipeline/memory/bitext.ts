/**
 * Translation units from an aligned document pair (`Bitext`).
 *
 * Every block link k with text on both sides becomes a unit with origin link `b<k>` (k = index in
 * `bitext.links`), and every sentence link j inside it (`bitext.links[k].sentences[j]`) with text
 * on both sides a unit with origin link `b<k>s<j>` (`linkId`; so `b6s2` is the third sentence link
 * of block link 6). Block ids index `bitext.source.blocks` / `bitext.target.blocks`, sentence ids
 * `…segments`. When a side has several blocks or sentences their texts are joined with no space
 * for Chinese/Japanese and one space otherwise. Image blocks and their sentences (the alt text,
 * `Block.src` the image) are left out of unit texts: an image is linked, not translated, so a link
 * holding only images on a side gives no unit. So are display math blocks (`codeLang` `MATH`,
 * pipeline/read/blocks.ts): math is source, not text to translate. The unit's score is its link's score; dates are
 * `now`, the tool `Bitext`.
 */
import { linkId, type Bitext, type Block, type Link, type LinkId, type Segment, type Side, type TranslationUnit } from '../types.ts';
import { joinsWithoutSpace } from '../text/index.ts';
import { MATH } from '../read/index.ts';
import { isoNow } from './store.ts';

/**
 * Units for every block and sentence link of `bitext` that has text on both sides, images and math aside
 * (module comment). `now` is an ISO 8601 UTC date (default: the current second). Throws `RangeError`
 * when a link names a block or segment id that does not exist.
 */
export function unitsFromBitext(bitext: Bitext, now: string = isoNow()): TranslationUnit[] {
  const units: TranslationUnit[] = [];
  /** The texts of `ids` on `side`, joined as the side's language writes them. */
  const joined = (ids: readonly number[], side: Side, unit: 'blocks' | 'segments'): string => {
    const items: readonly { text: string }[] = bitext[side][unit];
    const texts = ids.map((id) => {
      const item = items[id];
      if (!item) throw new RangeError(`${bitext.doc}: link names ${side} ${unit === 'blocks' ? 'block' : 'segment'} id ${id}, which does not exist`);
      const block: Block | undefined = unit === 'blocks' ? (item as Block) : bitext[side].blocks[(item as Segment).block];
      // Images are linked by URL and math is source: neither is text to translate.
      return block?.kind === 'image' || block?.codeLang === MATH ? '' : item.text.trim();
    });
    return texts.filter((t) => t !== '').join(joinsWithoutSpace(bitext[side].lang) ? '' : ' ');
  };
  const add = (link: Link, unit: 'blocks' | 'segments', id: LinkId) => {
    if (link.source.length === 0 || link.target.length === 0) return;
    const source = joined(link.source, 'source', unit);
    const target = joined(link.target, 'target', unit);
    if (source === '' || target === '') return;
    units.push({
      source,
      target,
      sourceLang: bitext.source.lang,
      targetLang: bitext.target.lang,
      origin: { doc: bitext.doc, link: id },
      score: link.score,
      created: now,
      changed: now,
      creationTool: 'Bitext',
      changeTool: 'Bitext',
      usage: 0,
    });
  };
  bitext.links.forEach((link, k) => {
    add(link, 'blocks', linkId(k));
    link.sentences.forEach((sentence, j) => add(sentence, 'segments', linkId(k, j)));
  });
  return units;
}
