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
 * Why each of `links` is in the review queue, by name, one list a link (empty when it is not):
 * `not 1-1`, `low score` (below `lowScore`), `moved`, `sentences not 1-1` — none of them for a
 * `corrected` link — and the code of each `error` finding of `check` on it (`findings`, from
 * `checkBitext`; warnings and infos queue nothing), except `untranslated` on a `corrected` link:
 * the editor has confirmed that block has no counterpart, so the finding stays (the omission is
 * real) but the link is done with.
 */
export function reviewReasons(links: readonly BlockLink[], findings: readonly Finding[], lowScore: number = LOW_SCORE): string[][] {
  const errors: string[][] = links.map(() => []);
  for (const f of findings) if (f.level === 'error' && !(f.code === 'untranslated' && links[f.link]?.corrected)) errors[f.link]?.push(f.code);
  return links.map((link, k) => [
    ...(!link.corrected && isNotOneToOne(link) ? ['not 1-1'] : []),
    ...(!link.corrected && link.score < lowScore ? ['low score'] : []),
    ...(!link.corrected && link.moved ? ['moved'] : []),
    ...(!link.corrected && link.sentences.some(isNotOneToOne) ? ['sentences not 1-1'] : []),
    ...errors[k],
  ]);
}

/**
 * The positions in `links` (ascending) of the block links an editor should visit: those with a
 * reason (`reviewReasons`) — those that `needsReview`, those not `corrected` with a sentence link
 * that is not 1-1, and those named by an `error` finding of `check`.
 */
export function toReview(links: readonly BlockLink[], findings: readonly Finding[], lowScore: number = LOW_SCORE): number[] {
  return reviewReasons(links, findings, lowScore).flatMap((reasons, k) => (reasons.length > 0 ? [k] : []));
}
