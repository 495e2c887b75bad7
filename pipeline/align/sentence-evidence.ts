/**
 * Evidence about the size of a sentence link — where its boundaries lie — that the length and
 * lexical terms of `scorer.ts` do not see.
 *
 * Quote closure (`QuoteScorer`): in dialogue, a speech ends with a closing quote in both
 * languages, so
 *  - a link whose last Chinese sentence closes a quote should end with an English sentence that
 *    closes one, and the other way round: on MAC-dev gold links, 237 of the 262 links whose
 *    Chinese side ends with a closing quote end with one on the English side, and 13 of the
 *    1075 others do (a 1-1 that must be 1-2: the last line of a speech goes with the speech);
 *  - a link with a speech ending before its last unit on both sides spans a turn of dialogue it
 *    should be split at: 1 of the 48 MAC-dev gold links with two or more units a side does (a
 *    2-2 that must be 1-1 + 1-1: a line and its reply).
 * The lexical and length terms alone cannot place a short line of speech ("You go ahead.'")
 * with the sentence before or after it; quote closure can. Translators that drop or never use
 * quotes (the King James Bible has none) make the evidence absent, not contrary: the term is off
 * unless both sides have a unit ending with a closing quote.
 */
import type { UnitFeatures } from './features.ts';
import type { Scorer } from './scorer.ts';

/** Closing quotation marks: Chinese ” ’ 」 』, and the English ” ’ " ' (an apostrophe at the end of a sentence is almost always a closing quote). */
const CLOSING_QUOTES = new Set(['”', '’', '」', '』', '"', "'"]);

/** Whether `text` ends, trailing white space aside, with a closing quotation mark (`CLOSING_QUOTES`). */
export function endsWithClosingQuote(text: string): boolean {
  const trimmed = text.trimEnd();
  return trimmed.length > 0 && CLOSING_QUOTES.has(trimmed[trimmed.length - 1]);
}

/**
 * The quote-closure term (see the module comment), from `UnitFeatures.closesQuote`: `weight`
 * when exactly one side of a link ends with a unit that closes a quote, plus `weight` when both
 * sides have a unit closing a quote before their last unit; 0 for 1-0 and 0-1 links, and for
 * every link when either sequence has no unit closing a quote.
 */
export class QuoteScorer implements Scorer {
  private readonly zh: readonly UnitFeatures[];
  private readonly en: readonly UnitFeatures[];
  private readonly weight: number;
  /** Units closing a quote among the first k, per side (prefix sums). */
  private readonly zhCloses: Int32Array;
  private readonly enCloses: Int32Array;

  constructor(zh: readonly UnitFeatures[], en: readonly UnitFeatures[], weight: number) {
    this.zh = zh;
    this.en = en;
    this.zhCloses = closingCounts(zh);
    this.enCloses = closingCounts(en);
    this.weight = this.zhCloses[zh.length] > 0 && this.enCloses[en.length] > 0 ? weight : 0;
  }

  cost(i: number, a: number, j: number, b: number): number {
    if (a === 0 || b === 0 || this.weight === 0) return 0;
    let cost = this.zh[i + a - 1].closesQuote === this.en[j + b - 1].closesQuote ? 0 : this.weight;
    // A speech ending inside the link on both sides is a turn boundary the link should be split at.
    if (this.zhCloses[i + a - 1] > this.zhCloses[i] && this.enCloses[j + b - 1] > this.enCloses[j]) cost += this.weight;
    return cost;
  }
}

function closingCounts(units: readonly UnitFeatures[]): Int32Array {
  const out = new Int32Array(units.length + 1);
  for (let k = 0; k < units.length; k++) out[k + 1] = out[k] + (units[k].closesQuote ? 1 : 0);
  return out;
}
