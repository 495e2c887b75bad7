/**
 * Which links an editor should look at: the rule shared by the edition (marked rows, `n`/`p`)
 * and `check` (findings). A link needs review when it is not 1-1 (1-2, 2-1, 1-0, 0-1…), its
 * score is below `LOW_SCORE`, or it pairs a block the translator likely moved (`BlockLink.moved`,
 * set by pipeline/align/moves.ts). The review queue (`toReview`: the edition's `n`/`p` and count)
 * adds the links holding a sentence link that is not 1-1 and the links `check` finds an error in.
 */
import type { BlockLink, Finding, Link } from '../types.ts';

/**
 * Scores below this (on the aligner's [0, 1] scale) are "low". The aligner's score is the mean of
 * a lexical similarity and a length agreement (pipeline/align); on the sample pair every correct
 * link with both sides scores 0.35–0.77, so 0.3 marks links with little dictionary evidence.
 */
export const LOW_SCORE = 0.3;

/** True when `link` is not 1-1. */
export function isNotOneToOne(link: Link): boolean {
  return link.source.length !== 1 || link.target.length !== 1;
}

/**
 * True when `link` is not 1-1, scores below `lowScore` (default `LOW_SCORE`) or is marked `moved`
 * — and is not `corrected`: a link an editor fixed by hand (pipeline/align/corrections.ts) is confirmed.
 */
export function needsReview(link: Link & Pick<BlockLink, 'moved' | 'corrected'>, lowScore: number = LOW_SCORE): boolean {
  if (link.corrected) return false;
  return isNotOneToOne(link) || link.score < lowScore || link.moved === true;
}

/**
 * The positions in `links` (ascending) of the block links an editor should visit: those that
 * `needsReview`, those not `corrected` with a sentence link that is not 1-1, and those named by an `error`
 * finding of `check` (`findings`, from `checkBitext`; warnings and infos do not queue a link) —
 * except `untranslated` on a `corrected` link: the editor has confirmed that block has no
 * counterpart, so the finding stays (the omission is real) but the link is done with.
 */
export function toReview(links: readonly BlockLink[], findings: readonly Finding[], lowScore: number = LOW_SCORE): number[] {
  const errors = new Set(findings.filter((f) => f.level === 'error' && !(f.code === 'untranslated' && links[f.link]?.corrected)).map((f) => f.link));
  return links.flatMap((link, k) => (needsReview(link, lowScore) || (!link.corrected && link.sentences.some(isNotOneToOne)) || errors.has(k) ? [k] : []));
}
