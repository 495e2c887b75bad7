/**
 * diff — what changed between two revisions of an aligned document pair (`bitext diff OLD NEW`).
 *
 * A revision is a document folder (`zh.md` + `en.md`, read and aligned), a `REV:path` git
 * revision of such a folder (read with `git show`), or an `alignment.json` (or a folder holding
 * one, e.g. `output/<doc>`). The comparison:
 * 1. Blocks of each side are matched old → new by an LCS diff of their texts (`diffArrays` from the
 *    `diff` package, Myers 1986); a run of removed blocks next to a run of added ones is an edit
 *    (paired in order when the runs are equally long, all-to-all otherwise: merges and splits).
 * 2. Old and new block links joined by matched blocks form groups (connected components): a group
 *    with only new links is `added`, only old `removed`, one old and one new link of the same shape
 *    (same number of blocks each side) with different text `changed`, anything else `re-paired`
 *    (links merged, split or regrouped, or a side's blocks merged or split).
 * 3. Inside each changed or re-paired group the texts are diffed: characters for Chinese, words
 *    for English (`diffChars` / `diffWordsWithSpace`; surrogate pairs are never split — FR-12);
 *    changes separated only by white space are coalesced into one removal and one addition, as
 *    `git diff --word-diff` shows them (`[-Party Chief-]{+CCP leader+}`).
 * 4. Stale translation-memory units: the (source, target) pairs `unitsFromBitext` makes from the
 *    old revision that the new revision no longer has, with their old origins (`b6`, `b6s2`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { diffArrays, diffChars, diffWordsWithSpace, type ChangeObject } from 'diff';
import { linkId, type AlignmentDiff, type Bitext, type BySide, type LanguageTag, type Link, type LinkChange, type Side, type TextPart } from '../types.ts';
import { BitextError, located } from '../io.ts';
import { escapeControls, isChinese, languageOfFileName, paint } from '../text/index.ts';
import { bitextFromAlignmentJson, loadBitext, readAlignmentJson } from '../align/index.ts';
import { unitsFromBitext } from '../memory/index.ts';

/**
 * Diff two texts the way an editor reads them: by characters for Chinese (`lang` a Chinese tag,
 * `isChinese`), by words for anything else (whitespace kept as tokens, so a paragraph merge shows
 * as a removed line break). Parts are whole code points (a surrogate pair is never split); adjacent
 * changes are coalesced (`coalesce`). Joining the unchanged and removed parts gives `oldText`,
 * the unchanged and added parts `newText`.
 */
export function diffText(oldText: string, newText: string, lang: LanguageTag): TextPart[] {
  const parts: ChangeObject<string>[] = isChinese(lang) ? diffChars(oldText, newText) : diffWordsWithSpace(oldText, newText);
  return coalesce(parts.map((p) => ({ value: p.value, ...(p.added ? { added: true } : {}), ...(p.removed ? { removed: true } : {}) })));
}

/**
 * Changes separated by nothing or by white space alone made into one removed part followed by one
 * added part, as `git diff --word-diff` shows them: `[-Party-]{+CCP+} [-Chief-]{+leader+}` becomes
 * `[-Party Chief-]{+CCP leader+}`. The white space inside a run goes to both sides, so each side
 * still reads as its text; unchanged text of any other kind ends a run.
 */
function coalesce(parts: readonly TextPart[]): TextPart[] {
  const out: TextPart[] = [];
  let run: TextPart[] = [];
  const flush = () => {
    // White space after the last change is unchanged text after the run.
    let end = run.length;
    while (end > 0 && !run[end - 1].added && !run[end - 1].removed) end--;
    const changes = run.slice(0, end);
    const removed = changes.filter((p) => !p.added).map((p) => p.value).join('');
    const added = changes.filter((p) => !p.removed).map((p) => p.value).join('');
    // Words only removed (or only added) around unchanged white space: nothing to pair, keep as is.
    if ([removed, added].some((t) => t !== '' && !/\S/u.test(t))) {
      out.push(...run);
      run = [];
      return;
    }
    if (removed) out.push({ value: removed, removed: true });
    if (added) out.push({ value: added, added: true });
    out.push(...run.slice(end));
    run = [];
  };
  for (const p of parts) {
    const changed = p.added || p.removed;
    if (changed || (run.length > 0 && /^\s+$/u.test(p.value))) run.push(p);
    else {
      flush();
      out.push(p);
    }
  }
  flush();
  return out;
}

/** old block id → new block ids (and back) for one side; see step 1 of the module comment. */
function matchBlocks(oldTexts: string[], newTexts: string[]): [number, number][] {
  const edges: [number, number][] = [];
  let o = 0;
  let n = 0;
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    if (removed.length > 0 && added.length > 0) {
      if (removed.length === added.length) removed.forEach((r, i) => edges.push([r, added[i]]));
      else for (const r of removed) for (const a of added) edges.push([r, a]);
    }
    removed = [];
    added = [];
  };
  for (const part of diffArrays(oldTexts, newTexts)) {
    const count = part.value.length;
    if (part.removed) {
      for (let i = 0; i < count; i++) removed.push(o++);
    } else if (part.added) {
      for (let i = 0; i < count; i++) added.push(n++);
    } else {
      flush();
      for (let i = 0; i < count; i++) edges.push([o++, n++]);
    }
  }
  flush();
  return edges;
}

function owners(links: readonly Link[], side: Side): Map<number, number> {
  const map = new Map<number, number>();
  links.forEach((l, k) => l[side].forEach((id) => map.set(id, k)));
  return map;
}

const pairLabel = (l: Link) => `[${l.source.join(',')}]:[${l.target.join(',')}]`;

/**
 * Compare two aligned revisions of one document (see the module comment). Pure; `labels` name
 * the revisions in reports.
 */
export function diffAlignments(oldBitext: Bitext, newBitext: Bitext, labels: { old?: string; new?: string } = {}): AlignmentDiff {
  const oldLinks = oldBitext.links;
  const newLinks = newBitext.links;
  // Union-find over old links (0..m-1) and new links (m..m+n-1).
  const parent = Array.from({ length: oldLinks.length + newLinks.length }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  for (const side of ['source', 'target'] as const) {
    const oldOwner = owners(oldLinks, side);
    const newOwner = owners(newLinks, side);
    for (const [o, n] of matchBlocks(oldBitext[side].blocks.map((b) => b.text), newBitext[side].blocks.map((b) => b.text))) {
      const a = oldOwner.get(o);
      const b = newOwner.get(n);
      if (a !== undefined && b !== undefined) union(a, oldLinks.length + b);
    }
  }
  const groups = new Map<number, { old: number[]; new: number[] }>();
  for (let i = 0; i < parent.length; i++) {
    const root = find(i);
    const g = groups.get(root) ?? { old: [], new: [] };
    if (i < oldLinks.length) g.old.push(i);
    else g.new.push(i - oldLinks.length);
    groups.set(root, g);
  }
  const text = (bitext: Bitext, ids: number[], side: Side) =>
    ids.flatMap((k) => bitext.links[k][side]).map((b) => bitext[side].blocks[b]?.text ?? '').join('\n');

  const changes: LinkChange[] = [];
  let unchanged = 0;
  const ordered = [...groups.values()].sort((a, b) => (a.new[0] ?? Infinity) - (b.new[0] ?? Infinity) || (a.old[0] ?? Infinity) - (b.old[0] ?? Infinity));
  for (const g of ordered) {
    const sides = (['source', 'target'] as const).map((side) => {
      const before = text(oldBitext, g.old, side);
      const after = text(newBitext, g.new, side);
      return { side, lang: newBitext[side].lang, old: before, new: after };
    });
    const sameText = sides.every((s) => s.old === s.new);
    const samePairing = g.old.length === 1 && g.new.length === 1 && oldLinks[g.old[0]].source.length === newLinks[g.new[0]].source.length && oldLinks[g.old[0]].target.length === newLinks[g.new[0]].target.length;
    if (sameText && samePairing) {
      unchanged++;
      continue;
    }
    const kind: LinkChange['kind'] = g.old.length === 0 ? 'added' : g.new.length === 0 ? 'removed' : samePairing ? 'changed' : 're-paired';
    changes.push({
      kind,
      old: { links: g.old, pairs: g.old.map((k) => pairLabel(oldLinks[k])) },
      new: { links: g.new, pairs: g.new.map((k) => pairLabel(newLinks[k])) },
      changes: sides.filter((s) => s.old !== s.new).map((s) => ({ ...s, parts: diffText(s.old, s.new, s.lang) })),
    });
  }
  const key = (u: { source: string; target: string }) => `${u.source}\u0000${u.target}`;
  const oldUnits = unitsFromBitext(oldBitext);
  const newUnits = unitsFromBitext(newBitext);
  const newKeys = new Set(newUnits.map(key));
  const oldKeys = new Set(oldUnits.map(key));
  const counts = { added: 0, removed: 0, changed: 0, 're-paired': 0 };
  for (const c of changes) counts[c.kind]++;
  return {
    doc: newBitext.doc,
    sourceLang: newBitext.source.lang,
    targetLang: newBitext.target.lang,
    oldLabel: labels.old ?? oldBitext.doc,
    newLabel: labels.new ?? newBitext.doc,
    changes,
    unchanged,
    counts,
    staleUnits: oldUnits.filter((u) => !newKeys.has(key(u))).map((u) => ({ origin: u.origin ?? { doc: oldBitext.doc, link: '' }, source: u.source, target: u.target })),
    newUnits: newUnits.filter((u) => !oldKeys.has(key(u))).length,
  };
}

/** True when the two revisions differ (a link group changed or a TM unit went stale). */
export function hasChanges(diff: AlignmentDiff): boolean {
  return diff.changes.length > 0 || diff.staleUnits.length > 0 || diff.newUnits > 0;
}

// ------------------------------------------------------------------ loading revisions

function git(args: string[], spec: string, cwd: string | undefined): Buffer {
  try {
    return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim().split('\n')[0];
    throw new BitextError(located(spec, undefined, `git ${args[0]} failed${stderr ? `: ${stderr}` : ''}`), { file: spec, cause: error });
  }
}

/** A git revision `REV:path` of a document folder or an alignment.json, read with `git show` run in `cwd`. */
function loadGitRevision(rev: string, path: string, spec: string, cwd: string | undefined): Bitext {
  const clean = path.replace(/\/+$/, '');
  const target = clean.startsWith('/') ? clean : `./${clean}`;
  const type = git(['cat-file', '-t', `${rev}:${target}`], spec, cwd).toString().trim();
  if (type === 'blob') {
    if (!clean.endsWith('.json')) throw new BitextError(located(spec, undefined, 'a git file revision must be an alignment.json'), { file: spec });
    return bitextFromAlignmentJson(JSON.parse(git(['show', `${rev}:${target}`], spec, cwd).toString('utf8')), spec);
  }
  const names = git(['ls-tree', '--name-only', `${rev}:${target}`], spec, cwd).toString().split('\n').filter(Boolean);
  const temp = mkdtempSync(join(tmpdir(), 'bitext-diff-'));
  try {
    const dir = join(temp, basename(resolve(clean)));
    mkdirSync(dir);
    const docs = names.filter((n) => languageOfFileName(n) !== null);
    if (docs.length === 0) {
      if (names.includes('alignment.json')) return bitextFromAlignmentJson(JSON.parse(git(['show', `${rev}:${target}/alignment.json`], spec, cwd).toString('utf8')), spec);
      throw new BitextError(located(spec, undefined, 'no document files (zh.md, en.md) in that revision'), { file: spec });
    }
    for (const name of docs) writeFileSync(join(dir, name), git(['show', `${rev}:${target}/${name}`], spec, cwd));
    return loadBitext(dir);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * Load one revision for `diff`: a document folder, a folder holding only `alignment.json`, an
 * `alignment.json` file, or `REV:path` (git). A relative path, and git, are taken in `cwd`
 * (default the working folder). Throws `BitextError` (exit 2) naming `spec` when it is none of
 * these or cannot be read.
 */
export function loadRevision(spec: string, cwd?: string): Bitext {
  if (cwd !== undefined && existsSync(resolve(cwd, spec))) return loadRevision(resolve(cwd, spec));
  if (cwd === undefined && existsSync(spec)) {
    if (statSync(spec).isDirectory()) {
      const json = join(spec, 'alignment.json');
      const hasSource = readdirSync(spec).some((name) => isChinese(languageOfFileName(name) ?? ''));
      if (!hasSource && existsSync(json)) return readAlignmentJson(json);
      return loadBitext(spec);
    }
    if (spec.endsWith('.json')) return readAlignmentJson(spec);
    throw new BitextError(located(spec, undefined, 'expected a document folder, an alignment.json or REV:path'), { file: spec });
  }
  const m = /^([^:]+):(.+)$/.exec(spec);
  if (m) return loadGitRevision(m[1], m[2], spec, cwd);
  throw new BitextError(located(spec, undefined, 'no such file or folder'), { file: spec });
}

/** `diffAlignments` of two revisions given as `loadRevision` specs (read in `options.cwd`); labels are the specs. */
export function diffRevisions(oldSpec: string, newSpec: string, options: { cwd?: string } = {}): AlignmentDiff {
  return diffAlignments(loadRevision(oldSpec, options.cwd), loadRevision(newSpec, options.cwd), { old: oldSpec, new: newSpec });
}

// ------------------------------------------------------------------ reports

/** How the terminal report labels each side's text changes. */
const SIDE_LABEL: BySide<string> = { source: 'zh', target: 'en' };

/**
 * The terminal report: a summary line, then each changed group with its old and new pairs and the
 * text changes (wdiff style `[-removed-]{+added+}` when `color` is false; red/green ANSI (`paint`) when true;
 * unchanged runs longer than `context`·2 characters shortened with "…"), then the stale TM units.
 * Control characters of the documents, labels and units are escaped (`escapeControls`), so a
 * revision cannot drive the terminal.
 */
export function formatDiff(diff: AlignmentDiff, options: { color?: boolean; context?: number } = {}): string {
  const context = options.context ?? 30;
  const color = options.color ?? false;
  const red = (s: string) => (color ? paint('red', escapeControls(s), true) : `[-${escapeControls(s)}-]`);
  const green = (s: string) => (color ? paint('green', escapeControls(s), true) : `{+${escapeControls(s)}+}`);
  const bold = (s: string) => paint('bold', s, color);
  const shorten = (s: string, first: boolean, last: boolean) => {
    const chars = [...s];
    if (chars.length <= context * 2) return escapeControls(s);
    const head = first ? '' : chars.slice(0, context).join('');
    const tail = last ? '' : chars.slice(-context).join('');
    return escapeControls(`${head}…${tail}`);
  };
  const lines: string[] = [];
  const c = diff.counts;
  lines.push(bold(`${escapeControls(diff.doc)}: ${c.changed} changed, ${c['re-paired']} re-paired, ${c.added} added, ${c.removed} removed, ${diff.unchanged} unchanged link${diff.unchanged === 1 ? '' : 's'}; ${diff.staleUnits.length} TM unit${diff.staleUnits.length === 1 ? '' : 's'} stale, ${diff.newUnits} new`));
  lines.push(`--- ${escapeControls(diff.oldLabel)}`, `+++ ${escapeControls(diff.newLabel)}`);
  for (const change of diff.changes) {
    const oldPart = change.old.links.length ? `old ${change.old.links.map((k, i) => `${linkId(k)} ${change.old.pairs[i]}`).join(' + ')}` : 'old —';
    const newPart = change.new.links.length ? `new ${change.new.links.map((k, i) => `${linkId(k)} ${change.new.pairs[i]}`).join(' + ')}` : 'new —';
    lines.push(`${bold(change.kind.padEnd(9))} ${oldPart} → ${newPart}`);
    for (const t of change.changes) {
      const body = t.parts
        .map((p, i) => (p.removed ? red(p.value) : p.added ? green(p.value) : shorten(p.value, i === 0, i === t.parts.length - 1)))
        .join('')
        .replace(/\n/g, ' ¶ ');
      lines.push(`  ${SIDE_LABEL[t.side]}: ${body}`);
    }
  }
  if (diff.staleUnits.length > 0) {
    lines.push(bold('stale translation-memory units:'));
    for (const u of diff.staleUnits) {
      const cut = (s: string) => escapeControls([...s].length > 60 ? `${[...s].slice(0, 59).join('')}…` : s).replace(/\n/g, ' ¶ ');
      lines.push(`  ${escapeControls(`${u.origin.doc}#${u.origin.link}`)}: ${cut(u.source)} ⇒ ${cut(u.target)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Exit status of `bitext diff` (as GNU diff): 0 nothing changed, 1 something did. */
export function diffExitCode(diff: AlignmentDiff): 0 | 1 {
  return hasChanges(diff) ? 1 : 0;
}
