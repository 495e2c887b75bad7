/**
 * Translation units from an aligned document pair (`Bitext`).
 *
 * Every block link k with text on both sides becomes a unit with origin link `b<k>` (k = index in
 * `bitext.blockLinks`), and every sentence link j inside it (`bitext.segmentLinks[k][j]`) with
 * text on both sides a unit with origin link `b<k>s<j>` (so `b6s2` is the third sentence link of
 * block link 6). Block ids index `bitext.source`/`target`, sentence ids are document-wide
 * `Segment.index`es into `bitext.sourceSegments`/`targetSegments`. When a side has several
 * blocks or sentences their texts are joined with no space for Chinese/Japanese and one space
 * otherwise. The unit's score is its link's score; dates are `now`, the tool `Bitext`.
 */
import type { Bitext, LanguageTag, Link } from '../types.ts';
import { joinsWithoutSpace } from '../text/index.ts';
import { isoNow, type StoredUnit } from './store.ts';

function joined(texts: string[], lang: LanguageTag): string {
  return texts.map((t) => t.trim()).filter((t) => t !== '').join(joinsWithoutSpace(lang) ? '' : ' ');
}

/**
 * Units for every block and sentence link of `bitext` that has text on both sides (module
 * comment). `now` is an ISO 8601 UTC date (default: the current second). Throws `RangeError`
 * when a link names a block or segment id that does not exist.
 */
export function unitsFromBitext(bitext: Bitext, now: string = isoNow()): StoredUnit[] {
  const units: StoredUnit[] = [];
  const text = (ids: number[], items: { text: string }[], side: string): string[] =>
    ids.map((id) => {
      const item = items[id];
      if (!item) throw new RangeError(`${bitext.doc}: link names ${side} id ${id}, which does not exist`);
      return item.text;
    });
  const add = (link: Link, source: string, target: string, id: string) => {
    if (source === '' || target === '') return;
    units.push({
      source,
      target,
      sourceLang: bitext.sourceLang,
      targetLang: bitext.targetLang,
      origin: { doc: bitext.doc, link: id },
      score: link.score,
      created: now,
      changed: now,
      creationTool: 'Bitext',
      changeTool: 'Bitext',
      usage: 0,
    });
  };
  bitext.blockLinks.forEach((link, k) => {
    if (link.source.length > 0 && link.target.length > 0) {
      add(link, joined(text(link.source, bitext.source, 'source block'), bitext.sourceLang), joined(text(link.target, bitext.target, 'target block'), bitext.targetLang), `b${k}`);
    }
    (bitext.segmentLinks[k] ?? []).forEach((sentence, j) => {
      if (sentence.source.length === 0 || sentence.target.length === 0) return;
      add(
        sentence,
        joined(text(sentence.source, bitext.sourceSegments, 'source segment'), bitext.sourceLang),
        joined(text(sentence.target, bitext.targetSegments, 'target segment'), bitext.targetLang),
        `b${k}s${j}`,
      );
    });
  });
  return units;
}
