import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'parse5';
import { loadBitext } from '../pipeline/align/pairs.ts';
import { toAlignmentJson } from '../pipeline/align/formats.ts';
import { diffAlignments, diffExitCode, diffRevisions, diffText, formatDiff, loadRevision } from '../pipeline/diff/diff.ts';
import { fieldReport } from './helpers/field-reports.ts';
import { bitext as cli } from './helpers/cli.ts';
import { fixture, realPair } from './helpers/fixtures.ts';
import { CORPUS } from './helpers/paths.ts';

const PAIR = `${CORPUS}zhongnanhai`;
const temp = fixture();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('FR-12: text diffs by characters for Chinese', () => {
  const input = fieldReport('FR-12');
  it('changes only the changed word of a Chinese sentence', () => {
    const parts = diffText(input.diffWords.old, input.diffWords.new, 'zh-Hans');
    const removed = parts.filter((p) => p.removed).map((p) => p.value).join('');
    const added = parts.filter((p) => p.added).map((p) => p.value).join('');
    const same = parts.filter((p) => !p.added && !p.removed).map((p) => p.value).join('|');
    expect(['明', '明天']).toContain(removed);
    expect(['后', '后天']).toContain(added);
    expect(same).toContain('我们');
    expect(same).toContain('去公园散步。');
  });
  it('never splits a surrogate pair', () => {
    const parts = diffText(input.diffChars.old, input.diffChars.new, 'zh-Hans');
    expect(parts.filter((p) => p.removed).map((p) => p.value)).toEqual(['𠮷']);
    expect(parts.filter((p) => p.removed)[0].value.length).toBe(2);
    expect(parts.filter((p) => p.added).map((p) => p.value)).toEqual(['吉']);
    for (const p of parts) expect(LONE_SURROGATE.test(p.value)).toBe(false);
  });
  it('diffs English by words', () => {
    const parts = diffText('In her latest column, Wei notes that', 'In her newest column, Wei argues that', 'en');
    expect(parts.filter((p) => p.removed).map((p) => p.value)).toEqual(['latest', 'notes']);
    expect(parts.filter((p) => p.added).map((p) => p.value)).toEqual(['newest', 'argues']);
  });
});

describe('adjacent word changes coalesced as git diff --word-diff shows them (issue 10)', () => {
  const wdiff = (oldText: string, newText: string, lang = 'en') =>
    diffText(oldText, newText, lang).map((p) => (p.removed ? `[-${p.value}-]` : p.added ? `{+${p.value}+}` : p.value)).join('');
  it('joins changes separated by white space only into one removal and one addition', () => {
    expect(wdiff('The Party Chief said no.', 'The CCP leader said no.')).toBe('The [-Party Chief-]{+CCP leader+} said no.');
    expect(wdiff('rose by 3 percent last year', 'fell by 5 percent this year')).toBe('[-rose-]{+fell+} by [-3-]{+5+} percent [-last-]{+this+} year');
  });
  it('keeps changes apart when an unchanged word stands between them', () => {
    expect(wdiff('a b c d', 'a x c y')).toBe('a [-b-]{+x+} c [-d-]{+y+}');
  });
  it('leaves each side readable: unchanged and removed parts give the old text, unchanged and added the new', () => {
    for (const [oldText, newText, lang] of [
      ['The Party Chief said no, twice.', 'The CCP leader said yes, once.', 'en'],
      ['one two three four', 'one four', 'en'],
      ['我们明天去公园散步。', '我们后天去公园散步吧。', 'zh-Hans'],
    ]) {
      const parts = diffText(oldText, newText, lang);
      expect(parts.filter((p) => !p.added).map((p) => p.value).join('')).toBe(oldText);
      expect(parts.filter((p) => !p.removed).map((p) => p.value).join('')).toBe(newText);
    }
  });
});

/** Old = the real pair; new = the English revised: two words changed, English paragraphs 6 and 7 merged. */
function revision(): { old: string; new: string } {
  const root = fixture({
    ...realPair('old/zhongnanhai'),
    ...realPair('new/zhongnanhai', (en) =>
      en
        .replace('In her latest column, Wei notes', 'In her newest column, Wei argues')
        .replace('both houses of Congress.\n\nTrump has already indicated', 'both houses of Congress. Trump has already indicated'),
    ),
  });
  return { old: join(root, 'old', 'zhongnanhai'), new: join(root, 'new', 'zhongnanhai') };
}

describe('diff of a revised English translation', () => {
  const dirs = revision();
  const diff = diffRevisions(dirs.old, dirs.new);
  it('reports the changed link and the re-paired one, the rest unchanged', () => {
    expect(diff.counts).toEqual({ changed: 1, 're-paired': 1, added: 0, removed: 0 });
    expect(diff.unchanged).toBe(17);
    const [changed, repaired] = diff.changes;
    expect(changed).toMatchObject({ kind: 'changed', old: { links: [4], pairs: ['[4]:[4]'] }, new: { links: [4], pairs: ['[4]:[4]'] } });
    expect(changed.changes.map((c) => c.side)).toEqual(['target']);
    expect(changed.changes[0].parts.filter((p) => p.removed).map((p) => p.value)).toEqual(['latest', 'notes']);
    expect(changed.changes[0].parts.filter((p) => p.added).map((p) => p.value)).toEqual(['newest', 'argues']);
    // gold [6]:[6,7] becomes [6]:[6] once the two English paragraphs are one
    expect(repaired).toMatchObject({ kind: 're-paired', old: { pairs: ['[6]:[6,7]'] }, new: { pairs: ['[6]:[6]'] } });
    expect(repaired.changes[0].parts.filter((p) => p.removed).map((p) => p.value)).toEqual(['\n']);
  });
  it('lists the translation-memory units the change makes stale', () => {
    // the block unit b4 and its sentence unit b4s0 ("In her latest column…") no longer hold
    expect(diff.staleUnits.map((u) => u.origin.link)).toEqual(['b4', 'b4s0']);
    expect(diff.staleUnits[0].target).toBe('In her latest column, Wei notes that losing Russia could deal a significant strategic blow to Xi Jinping’s security-focused agenda, as it would mean losing a powerful ally in challenging Western nations.');
    expect(diffExitCode(diff)).toBe(1);
  });
  it('prints wdiff-style marks when plain and colours on a terminal', () => {
    const plain = formatDiff(diff);
    expect(plain).toContain('In her [-latest-]{+newest+} column, Wei [-notes-]{+argues+} that');
    expect(plain).not.toContain('\x1b[');
    expect(formatDiff(diff, { color: true })).toContain('\x1b[31mlatest\x1b[39m\x1b[32mnewest\x1b[39m');
  });
  it('finds nothing between a revision and itself', () => {
    const same = diffRevisions(dirs.old, dirs.old);
    expect(same.changes).toEqual([]);
    expect(same.unchanged).toBe(19);
    expect(diffExitCode(same)).toBe(0);
  });
});

describe('diff of two alignment.json files', () => {
  it('reports links re-paired when only the pairing changed', () => {
    const json = toAlignmentJson(loadBitext(PAIR));
    const oldFile = join(temp, 'a-old.json');
    const newFile = join(temp, 'a-new.json');
    writeFileSync(oldFile, JSON.stringify(json));
    // merge block links 7 ([7]:[8]) and 8 ([8]:[9]) into one 2-2 link
    const links = [...json.links];
    links.splice(7, 2, { source: [7, 8], target: [8, 9], score: 0.5, segments: [...links[7].segments, ...links[8].segments] });
    writeFileSync(newFile, JSON.stringify({ ...json, links }));
    const diff = diffAlignments(loadRevision(oldFile), loadRevision(newFile));
    expect(diff.changes.map((c) => [c.kind, c.old.pairs, c.new.pairs, c.changes.length])).toEqual([['re-paired', ['[7]:[8]', '[8]:[9]'], ['[7,8]:[8,9]'], 0]]);
    expect(diff.unchanged).toBe(17);
  });
  it('rejects a file that is not an alignment', () => {
    const bad = join(temp, 'bad.json');
    writeFileSync(bad, '{"links": 3}');
    expect(() => loadRevision(bad)).toThrow(/bad\.json: not a Bitext alignment\.json/);
  });
});

describe('bitext diff (command line)', () => {
  const dirs = revision();
  it('exits 1 on differences, 0 on none, 2 on trouble, as GNU diff', async () => {
    const changed = await cli(['diff', dirs.old, dirs.new]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('zhongnanhai: 1 changed, 1 re-paired, 0 added, 0 removed, 17 unchanged links; 2 TM units stale');
    expect(changed.stdout).not.toContain('\x1b[');
    expect((await cli(['diff', dirs.old, dirs.old])).code).toBe(0);
    const missing = await cli(['diff', dirs.old, join(temp, 'missing')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing: no such file or folder');
  });
  it('writes JSON and an HTML page with <del>/<ins> in each side\'s language', async () => {
    const html = join(temp, 'diff.html');
    const run = await cli(['diff', dirs.old, dirs.new, '--json', '--html', html]);
    expect(JSON.parse(run.stdout).counts).toEqual({ changed: 1, 're-paired': 1, added: 0, removed: 0 });
    const text = readFileSync(html, 'utf8');
    expect(text).toContain('<del>latest</del><ins>newest</ins>');
    const doc = parse(text);
    const htmlEl = doc.childNodes.find((n) => n.nodeName === 'html') as { attrs: { name: string; value: string }[] };
    expect(htmlEl.attrs).toContainEqual({ name: 'lang', value: 'en' });
    expect(text).toMatch(/<p class="side" lang="en">In her <del>latest<\/del>/);
  });
  it('reads REV:path git revisions', async () => {
    const repo = join(temp, 'repo');
    const doc = join(repo, 'source', 'zhongnanhai');
    mkdirSync(doc, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    for (const f of ['zh.md', 'en.md']) cpSync(join(dirs.old, f), join(doc, f));
    git('add', '.');
    git('commit', '-q', '-m', 'old');
    cpSync(join(dirs.new, 'en.md'), join(doc, 'en.md'));
    git('commit', '-q', '-am', 'new');
    const run = await cli(['diff', 'HEAD~1:source/zhongnanhai', 'HEAD:source/zhongnanhai'], repo);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('zhongnanhai: 1 changed, 1 re-paired');
    const bad = await cli(['diff', 'nosuchrev:source/zhongnanhai', 'HEAD:source/zhongnanhai'], repo);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('nosuchrev:source/zhongnanhai');
  });
});
