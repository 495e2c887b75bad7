import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { parse } from '../pipeline/cli/index.ts';
import { bitext } from './helpers/cli.ts';
import { fixture, realPair } from './helpers/fixtures.ts';
import { CORPUS, ROOT } from './helpers/paths.ts';

const EMPTY_TMX = '<?xml version="1.0"?><tmx version="1.4"><header srclang="zh-CN"/><body/></tmx>';
const oneLine = (stderr: string) => expect(stderr.trim().split('\n')).toHaveLength(1);

describe('CLI: nothing lost, one-line errors', () => {
  it('refuses to write the draft over its own input document', async () => {
    const dir = fixture({ 'new.md': '# 标题\n\n我们明天去公园散步。\n' });
    const doc = join(dir, 'new.md');
    const before = readFileSync(doc);
    const r = await bitext(['pretranslate', doc, '--out', doc, '--memory', join(dir, 'tm.sqlite')]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(readFileSync(doc).equals(before)).toBe(true);
  });
  it('refuses to export TMX over a source document', async () => {
    const dir = fixture({ ...realPair('doc'), 'empty.tmx': EMPTY_TMX });
    const zh = join(dir, 'doc/zh.md');
    const before = readFileSync(zh);
    expect((await bitext(['tm', 'import', join(dir, 'empty.tmx'), '--memory', join(dir, 'tm.sqlite')])).code).toBe(0);
    const r = await bitext(['tm', 'export', zh, '--memory', join(dir, 'tm.sqlite')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('looks like a source document (zh.md, en.md…): refusing to overwrite it');
    expect(readFileSync(zh).equals(before)).toBe(true);
  });
  it('does not create a memory that does not exist for stats, lookup or export', async () => {
    const dir = fixture();
    const missing = join(dir, 'nope', 'tm.sqlite');
    for (const args of [['tm', 'stats'], ['tm', 'lookup', '你好'], ['tm', 'export', join(dir, 'x.tmx')]]) {
      const r = await bitext([...args, '--memory', missing]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${missing}: no such translation memory`);
    }
    expect(existsSync(join(dir, 'nope'))).toBe(false);
  });
  it('refuses to pretranslate English into English', async () => {
    const r = await bitext(['pretranslate', join(ROOT, 'source/zhongnanhai/en.md'), '--tgt', 'en-US', '--memory', join(fixture(), 'tm.sqlite')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('source and draft language are both English');
  });
  it('names a file in the way of the output folder, writes nothing, shows no stack trace', async () => {
    const dir = fixture({ out: 'a file' });
    const r = await bitext(['build', join(ROOT, 'source'), join(dir, 'out')]);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toContain(`${join(dir, 'out')}: is a file, but a folder is needed here`);
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('a file');
  });
  it('refuses an output folder that is the source folder', async () => {
    const dir = fixture(realPair('src/zhongnanhai'));
    const r = await bitext(['build', join(dir, 'src'), join(dir, 'src')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('would be written into the source folder');
    expect(existsSync(join(dir, 'src/zhongnanhai/alignment.json'))).toBe(false);
  });
  it('answers no verb and a bad --ui-lang with exit 2', async () => {
    expect((await bitext([])).code).toBe(2);
    expect((await bitext(['tm'])).code).toBe(2);
    expect((await bitext(['tm', '--help'])).code).toBe(0);
    const r = await bitext(['build', '--ui-lang', 'zh"><script>']);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
  });
  it('takes the languages of align from argument order, not file names', async () => {
    const dir = fixture({
      'article.md': '# 标题\n\n会议结束后，大家一起去吃了晚饭。\n',
      'translation.md': '# Title\n\nThe meeting ended. Afterwards everyone went to dinner together.\n',
    });
    const r = await bitext(['align', join(dir, 'article.md'), join(dir, 'translation.md')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('[0]:[0]\n[1]:[1]\n');
    const swapped = await bitext(['align', join(dir, 'translation.md'), join(dir, 'article.md')]);
    expect(swapped.code).toBe(2);
    expect(swapped.stderr).toContain('translation.md:1: expected Chinese text here but it holds English text');
  });
});

describe('CLI: outputs never clobber inputs (second fresh-user report)', () => {
  it('refuses a draft written over the translation memory, and leaves the memory untouched', async () => {
    const dir = fixture({ 'empty.tmx': EMPTY_TMX });
    const memory = join(dir, 'tm.sqlite');
    expect((await bitext(['tm', 'import', join(dir, 'empty.tmx'), '--memory', memory])).code).toBe(0);
    const before = readFileSync(memory);
    const r = await bitext(['pretranslate', join(ROOT, 'source/zhongnanhai/zh.md'), '--memory', memory, '--out', memory]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${memory}: is an input of this command: refusing to overwrite it`);
    expect(readFileSync(memory).equals(before)).toBe(true);
  });
  it('refuses diff --html over one of its inputs', async () => {
    const dir = fixture({ ...realPair('rev'), 'old.json': '{}' });
    const json = join(dir, 'old.json');
    const r = await bitext(['diff', join(ROOT, 'source/zhongnanhai'), json, '--html', json]);
    expect(r.code).toBe(2);
    expect(readFileSync(json, 'utf8')).toBe('{}');
    const r2 = await bitext(['diff', join(ROOT, 'source/zhongnanhai'), join(dir, 'rev'), '--html', join(dir, 'rev/en.md')]);
    expect(r2.code).toBe(2);
    expect(readFileSync(join(dir, 'rev/en.md'), 'utf8')).toBe(readFileSync(join(ROOT, 'source/zhongnanhai/en.md'), 'utf8'));
  });
  it('sees through a symbolic link to the source folder', async () => {
    const dir = fixture(realPair('src/zhongnanhai'));
    symlinkSync(join(dir, 'src'), join(dir, 'link'));
    for (const [src, out] of [[join(dir, 'src'), join(dir, 'link')], [join(dir, 'src'), join(dir, 'src/zhongnanhai/out')]]) {
      const r = await bitext(['build', src, out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('would be written into the source folder');
    }
    expect(existsSync(join(dir, 'src/zhongnanhai/alignment.json'))).toBe(false);
    expect(existsSync(join(dir, 'src/index.html'))).toBe(false);
  });
  it('names the path, not a temporary file, when a folder is given as output file', async () => {
    const dir = fixture();
    const r = await bitext(['tm', 'export', dir, '--memory', join(dir, 'none.sqlite')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`bitext: ${dir}: is a folder, expected a file\n`);
  });
  it('names Chinese UTF-16 without a byte-order mark', async () => {
    const dir = fixture({ 'zh.md': Buffer.from('# 标题\n\n这是一段中文，没有字节顺序标记。\n', 'utf16le') });
    const r = await bitext(['align', join(dir, 'zh.md'), join(ROOT, 'source/zhongnanhai/en.md')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('zh.md: looks like UTF-16 without a byte-order mark: save it as UTF-8');
  });
});

describe('CLI: align --presegmented checks the languages by position', () => {
  it('refuses English given as the Chinese side', async () => {
    const mac = join(CORPUS, 'mac-dev');
    const r = await bitext(['align', '--presegmented', join(mac, 'en/001'), join(mac, 'zh/001')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('en/001: expected Chinese text here but it holds English text');
  });
});

describe('CLI: parsing is pure (commander only, nothing loaded or run)', () => {
  const streams = () => {
    const out = { text: '', write: (s: string) => (out.text += s) };
    const err = { text: '', write: (s: string) => (err.text += s) };
    return { io: { stdout: out, stderr: err }, out, err };
  };
  it('fills in the defaults of build', () => {
    const { io, out, err } = streams();
    const found = parse(['build'], io);
    expect(found.verb).toBe('build');
    expect(found.args).toEqual({ source: 'source', output: 'output', uiLang: 'en' });
    expect(out.text + err.text).toBe('');
  });
  it('names sub-verbs and keeps the memory verbs\' numbers as typed (checked when run, with their own messages)', () => {
    const { io } = streams();
    expect(parse(['tm', 'lookup', '你好', '--min', '500'], io)).toMatchObject({ verb: 'tm lookup', args: { text: '你好', min: '500', max: '5', memory: 'output/memory.sqlite' } });
    expect(parse(['check', 'docs', '--max-warnings', '3', '--json'], io)).toMatchObject({ verb: 'check', args: { dir: 'docs', maxWarnings: 3, json: true } });
    expect(parse(['diff', 'a', 'b', '--ui-lang', 'zh_TW.UTF-8'], io)).toMatchObject({ verb: 'diff', args: { old: 'a', new: 'b', uiLang: 'zh_TW.UTF-8' } });
  });
  it('writes the version and help to stdout, a usage error as one line to stderr, and throws CommanderError', () => {
    const version = streams();
    expect(() => parse(['--version'], version.io)).toThrow(expect.objectContaining({ exitCode: 0 }));
    expect(version.out.text).toMatch(/^\d+\.\d+\.\d+\n$/);
    const usage = streams();
    expect(() => parse(['align', 'only-one-file'], usage.io)).toThrow(CommanderError);
    expect(usage.err.text).toBe("bitext: missing required argument 'en' (see --help)\n");
  });
});
