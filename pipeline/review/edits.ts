/**
 * Edit operations of the review editor (issue 12 item 5): each turns a change an editor makes to
 * one block link of an aligned document — merge it with a neighbour, split it, move a block across
 * a boundary, mark a block as having no counterpart, confirm it or take a confirmation back — into
 * the document's new list of corrections (pipeline/align/corrections.ts). The server
 * (server.ts) saves that list and re-aligns the document around it, so the search re-aligns what
 * lies between the corrections. Pure: nothing here reads or writes a file.
 */
import type { Bitext, BlockLink, Link, Side } from '../types.ts';
import { BitextError } from '../io.ts';
import { conflict, correctionOf, overlapsRecorded, resolveCorrections, type Correction } from '../align/index.ts';

/** An edit of the block links; `link` is a position in `Bitext.links` (the page's `DocState.links[].index`). */
export type LinkEdit =
  | { kind: 'merge-next'; link: number }
  | { kind: 'merge-prev'; link: number }
  /** The first part keeps the first `source` Chinese and first `target` English blocks of the link, the second part the rest. */
  | { kind: 'split'; link: number; source: number; target: number }
  /** `down`: the last block of `side` goes to the start of link+1; `up`: the first block of `side` goes to the end of link−1. */
  | { kind: 'move'; link: number; side: Side; direction: 'up' | 'down' }
  /** Block id `block` (of `side`, inside the link, first or last of its side) has no counterpart. */
  | { kind: 'none'; link: number; side: Side; block: number }
  | { kind: 'confirm'; link: number }
  | { kind: 'unconfirm'; link: number };

/** Any operation the editor sends: an edit of the links, or a step through the document's history (kept by the server). */
export type EditOp = LinkEdit | { kind: 'undo' } | { kind: 'redo' };

const fail = (why: string): never => {
  throw new BitextError(why);
};

/**
 * The `EditOp` in a request body's `op` (parsed JSON), checked for shape only: a known `kind`,
 * whole numbers ≥ 0 where numbers go, `side` `source`/`target`, `direction` `up`/`down`. Throws
 * `BitextError`, one line, otherwise; whether the op fits the document is `applyEdit`'s to say.
 */
export function parseEditOp(value: unknown): EditOp {
  const op = (typeof value === 'object' && value !== null ? value : fail('op: expected an object such as {"kind":"confirm","link":3}')) as Record<string, unknown>;
  const whole = (key: string): number => (Number.isInteger(op[key]) && (op[key] as number) >= 0 ? (op[key] as number) : fail(`op ${String(op.kind)}: "${key}" must be a whole number ≥ 0`));
  const side = (): Side => (op.side === 'source' || op.side === 'target' ? op.side : fail(`op ${String(op.kind)}: "side" must be "source" or "target"`));
  switch (op.kind) {
    case 'undo':
    case 'redo':
      return { kind: op.kind };
    case 'merge-next':
    case 'merge-prev':
    case 'confirm':
    case 'unconfirm':
      return { kind: op.kind, link: whole('link') };
    case 'split':
      return { kind: 'split', link: whole('link'), source: whole('source'), target: whole('target') };
    case 'move': {
      const direction = op.direction === 'up' || op.direction === 'down' ? op.direction : fail('op move: "direction" must be "up" or "down"');
      return { kind: 'move', link: whole('link'), side: side(), direction };
    }
    case 'none':
      return { kind: 'none', link: whole('link'), side: side(), block: whole('block') };
    default:
      return fail(`op: unknown kind ${JSON.stringify(op.kind) ?? 'undefined'} (expected merge-next, merge-prev, split, move, none, confirm, unconfirm, undo or redo)`);
  }
}

type Blocks = Pick<Link, 'source' | 'target'>;
const SIDE_NAME: Record<Side, string> = { source: 'Chinese', target: 'English' };

/**
 * The links an edit makes: the block links that replace the edited ones, each to be recorded as a
 * correction. Throws `BitextError` (one line) when the edit does not fit `links`.
 */
function editedLinks(links: readonly BlockLink[], op: LinkEdit): Blocks[] {
  const at = (k: number, why: string): BlockLink => links[k] ?? fail(why);
  const link = at(op.link, `there is no link ${op.link} (the document has links 0–${links.length - 1})`);
  const join = (a: Blocks, b: Blocks): Blocks => ({ source: [...a.source, ...b.source], target: [...a.target, ...b.target] });
  const some = (l: Blocks) => l.source.length + l.target.length > 0;
  switch (op.kind) {
    case 'merge-next':
      return [join(link, at(op.link + 1, `link ${op.link} is the last link: there is no next link to merge with`))];
    case 'merge-prev':
      return [join(at(op.link - 1, `link ${op.link} is the first link: there is no previous link to merge with`), link)];
    case 'split': {
      if (op.source > link.source.length || op.target > link.target.length) fail(`link ${op.link} has ${link.source.length} Chinese and ${link.target.length} English blocks: cannot keep ${op.source} and ${op.target} in its first part`);
      const parts = [
        { source: link.source.slice(0, op.source), target: link.target.slice(0, op.target) },
        { source: link.source.slice(op.source), target: link.target.slice(op.target) },
      ];
      if (!parts.every(some)) fail(`split of link ${op.link} at ${op.source} Chinese and ${op.target} English blocks leaves a part with no block`);
      return parts;
    }
    case 'move': {
      const down = op.direction === 'down';
      const other = at(op.link + (down ? 1 : -1), `link ${op.link} is the ${down ? 'last' : 'first'} link: no block can move ${op.direction} from it`);
      const ids = link[op.side];
      if (ids.length === 0) fail(`link ${op.link} has no ${SIDE_NAME[op.side]} block to move`);
      const moved = down ? ids[ids.length - 1] : ids[0];
      const from = { ...pick(link), [op.side]: ids.filter((id) => id !== moved) };
      const to = { ...pick(other), [op.side]: down ? [moved, ...other[op.side]] : [...other[op.side], moved] };
      return (down ? [from, to] : [to, from]).filter(some);
    }
    case 'none': {
      const ids = link[op.side];
      const j = ids.indexOf(op.block as never);
      if (j < 0) fail(`link ${op.link} has no ${SIDE_NAME[op.side]} block ${op.block}`);
      if (j > 0 && j < ids.length - 1) fail(`${SIDE_NAME[op.side]} block ${op.block} is inside link ${op.link}, not at either end: split the link first`);
      const alone = { source: [], target: [], [op.side]: [op.block] } as Blocks;
      const rest = { ...pick(link), [op.side]: ids.filter((id) => id !== op.block) };
      return (j === 0 ? [alone, rest] : [rest, alone]).filter(some);
    }
    case 'confirm':
      return [pick(link)];
    case 'unconfirm':
      if (!link.corrected) fail(`link ${op.link} is not a correction: there is nothing to take back`);
      return [];
  }
}

const pick = (l: Blocks): Blocks => ({ source: [...l.source], target: [...l.target] });

/**
 * The corrections after edit `op` of `bitext` (aligned with `corrections`, as `loadPair` does):
 * the corrections that still apply, re-recorded at their current block ids (`correctionOf`), less
 * those the edit replaces — those sharing a block with an edited link, or crossing one
 * (`conflict`) — plus one correction for each link the edit makes; stale corrections are kept as
 * recorded unless a link the edit makes names one of their recorded blocks (`overlapsRecorded`). The edits, over the links of `bitext`:
 * `merge-next`/`merge-prev` make the link and its neighbour one link; `split` makes two; `move`
 * shifts one block of a side across the boundary with the next (`down`) or previous (`up`) link,
 * both links recorded (one left with no block is dropped); `none` makes a block a link of its own
 * (1-0 or 0-1) and records the rest of its link too; `confirm` records the link as it is;
 * `unconfirm` removes the correction that made the link. Throws `BitextError`, one line, when the
 * edit does not fit (no such link or block, nothing to merge with, a part left empty, a link that
 * is not a correction).
 */
export function applyEdit(bitext: Bitext, corrections: readonly Correction[], op: LinkEdit): Correction[] {
  const made = editedLinks(bitext.links, op);
  // unconfirm names the link whose correction goes; every other edit replaces what its new links touch.
  const replaced = op.kind === 'unconfirm' ? [pick(bitext.links[op.link])] : made;
  const kept = resolveCorrections(corrections, bitext.source, bitext.target).flatMap((r) => {
    if (!r.link) return made.some((l) => overlapsRecorded(r.correction, l)) ? [] : [r.correction];
    const link = r.link;
    return replaced.some((l) => conflict(link, l) !== null) ? [] : [correctionOf(link, bitext.source, bitext.target)];
  });
  return [...kept, ...made.map((l) => correctionOf(l, bitext.source, bitext.target))];
}
