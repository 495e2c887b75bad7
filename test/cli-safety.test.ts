import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bitext, ROOT } from './helpers/cli.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'bitext-safety-'));
const oneLine = (stderr: string) => expect(stderr.trim().split('\n')).toHaveLength(1);

describe('CLI: nothing lost, one-line errors', () => {
  it('refuses to write the draft over its own input document', () => {
    const dir = tmp();
    const doc = join(dir, 'new.md');
    writeFileSync(doc, '# 标题\n\n我们明天去公园散步。\n');
    const before = readFileSync(doc);
    const r = bitext(['pretranslate', doc, '--out', doc, '--memory', join(dir, 'tm.sqlite')]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(readFileSync(doc).equals(before)).toBe(true);
  });
  it('refuses to export TMX over a source document', () => {
    const dir = tmp();
    cpSync(join(ROOT, 'source/zhongnanhai'), join(dir, 'doc'), { recursive: true });
    const zh = join(dir, 'doc/zh.md');
    const before = readFileSync(zh);
    writeFileSync(join(dir, 'empty.tmx'), '<?xml version="1.0"?><tmx version="1.4"><header srclang="zh-CN"/><body/></tmx>');
    expect(bitext(['tm', 'import', join(dir, 'empty.tmx'), '--memory', join(dir, 'tm.sqlite')]).code).toBe(0);
    const r = bitext(['tm', 'export', zh, '--memory', join(dir, 'tm.sqlite')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a TMX file: refusing to overwrite it');
    expect(readFileSync(zh).equals(before)).toBe(true);
  });
  it('does not create a memory that does not exist for stats, lookup or export', () => {
    const dir = tmp();
    const missing = join(dir, 'nope', 'tm.sqlite');
    for (const args of [['tm', 'stats'], ['tm', 'lookup', '你好'], ['tm', 'export', join(dir, 'x.tmx')]]) {
      const r = bitext([...args, '--memory', missing]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${missing}: no such translation memory`);
    }
    expect(existsSync(join(dir, 'nope'))).toBe(false);
  });
  it('refuses to pretranslate English into English', () => {
    const r = bitext(['pretranslate', join(ROOT, 'source/zhongnanhai/en.md'), '--tgt', 'en-US', '--memory', join(tmp(), 'tm.sqlite')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('source and draft language are both English');
  });
  it('names a file in the way of the output folder, writes nothing, shows no stack trace', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'out'), 'a file');
    const r = bitext(['build', join(ROOT, 'source'), join(dir, 'out')]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toContain(`${join(dir, 'out')}: is a file, but the output needs a folder here`);
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('a file');
  });
  it('refuses an output folder that is the source folder', () => {
    const dir = tmp();
    cpSync(join(ROOT, 'source'), join(dir, 'src'), { recursive: true });
    const r = bitext(['build', join(dir, 'src'), join(dir, 'src')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('would write into the source folder');
    expect(existsSync(join(dir, 'src/zhongnanhai/alignment.json'))).toBe(false);
  });
  it('answers no verb and a bad --ui-lang with exit 2', () => {
    expect(bitext([]).code).toBe(2);
    expect(bitext(['tm']).code).toBe(2);
    expect(bitext(['tm', '--help']).code).toBe(0);
    const r = bitext(['build', '--ui-lang', 'zh"><script>']);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
  });
  it('takes the languages of align from argument order, not file names', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'article.md'), '# 标题\n\n会议结束后，大家一起去吃了晚饭。\n');
    writeFileSync(join(dir, 'translation.md'), '# Title\n\nThe meeting ended. Afterwards everyone went to dinner together.\n');
    const r = bitext(['align', join(dir, 'article.md'), join(dir, 'translation.md')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('[0]:[0]\n[1]:[1]\n');
    const swapped = bitext(['align', join(dir, 'translation.md'), join(dir, 'article.md')]);
    expect(swapped.code).toBe(2);
    expect(swapped.stderr).toContain('translation.md:1: expected Chinese text here but it holds English text');
  });
});
