/**
 * Evidence about the size of a sentence link — where its boundaries lie — that the length and
 * lexical terms of `scorer.ts` do not see.
 *
 * Quote closure (`QuoteScorer`): in dialogue, a speech ends with a closing quote in both
 * languages, so a link whose last Chinese sentence closes a quote should end with an English
 * sentence that closes one, and the other way round. On MAC-dev gold links, 237 of the 262 links
 * whose Chinese side ends with a closing quote end with one on the English side, and 13 of the
 * 1075 others do. The lexical and length terms alone cannot place a short line of speech
 * ("You go ahead.'") with the sentence before or after it; quote closure can. Translators that
 * drop or never use quotes (the King James Bible has none) make the evidence absent, not
 * contrary: the term is off unless both sides have a unit ending with a closing quote.
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
 * The quote-closure term (see the module comment): `weight` when exactly one side of a link ends
 * with a unit that closes a quote (`UnitFeatures.closesQuote` of the link's last source and last
 * target unit); 0 for 1-0 and 0-1 links, and for every link when either sequence has no unit
 * closing a quote.
 */
export class QuoteScorer implements Scorer {
  private readonly zh: readonly UnitFeatures[];
  private readonly en: readonly UnitFeatures[];
  private readonly weight: number;

  constructor(zh: readonly UnitFeatures[], en: readonly UnitFeatures[], weight: number) {
    this.zh = zh;
    this.en = en;
    this.weight = zh.some((f) => f.closesQuote) && en.some((f) => f.closesQuote) ? weight : 0;
  }

  cost(i: number, a: number, j: number, b: number): number {
    if (a === 0 || b === 0 || this.weight === 0) return 0;
    return this.zh[i + a - 1].closesQuote === this.en[j + b - 1].closesQuote ? 0 : this.weight;
  }
}
