import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadBitext } from '../pipeline/align/index.ts';
import { checkGlossary, parseTbx, parseTsvGlossary, readGlossary } from '../pipeline/check/index.ts';
import { bitext as runBitext } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';

// A small pair whose Chinese is written in Traditional characters; the term bases below are in
// Simplified (one term with full-width Latin letters), so every Chinese match crosses scripts.
const ZH = '# 用戶指南\n\n請先登錄系統，然後輸入密碼。\n\n點擊保存按鈕。\n\n打開API密鑰頁面。\n';
const EN = '# User Guide\n\nFirst sign on to the system, then enter your password.\n\nClick the Save button.\n\nOpen the API keys page.\n';
const TSV = 'zh\ten\tstatus\n登录\tlog in\trequired\n登录\tsign on\tforbidden\n密码\tpassword\n\n# buttons and pages\n按钮\tbutton\nＡＰＩ密钥\tAPI key\n页面\tscreen\tpreferred\n';
const TBX = `<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
 <text><body>
  <termEntry id="t1">
   <langSet xml:lang="zh-Hans"><tig><term>登录</term></tig></langSet>
   <langSet xml:lang="en">
    <tig><term>log in</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <tig><term>sign on</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
   </langSet>
  </termEntry>
  <termEntry id="t2">
   <langSet xml:lang="zh-CN"><ntig><termGrp><term>页面</term></termGrp></ntig></langSet>
   <langSet xml:lang="en-US"><tig><term>screen</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig></langSet>
   <langSet xml:lang="fr"><tig><term>écran</term></tig></langSet>
  </termEntry>
 </body></text>
</martif>
`;

describe('term bases', () => {
  it('reads a TSV term base: header and comments skipped, rows of one Chinese term merged, required by default', () => {
    expect(parseTsvGlossary(TSV, 'g.tsv')).toEqual([
      { file: 'g.tsv', line: 2, zh: ['登录'], en: [{ text: 'log in', status: 'required' }, { text: 'sign on', status: 'forbidden' }] },
      { file: 'g.tsv', line: 4, zh: ['密码'], en: [{ text: 'password', status: 'required' }] },
      { file: 'g.tsv', line: 7, zh: ['按钮'], en: [{ text: 'button', status: 'required' }] },
      { file: 'g.tsv', line: 8, zh: ['ＡＰＩ密钥'], en: [{ text: 'API key', status: 'required' }] },
      { file: 'g.tsv', line: 9, zh: ['页面'], en: [{ text: 'screen', status: 'preferred' }] },
    ]);
  });

  it('names the line of an unknown status or a row without English', () => {
    expect(() => parseTsvGlossary('登录\tlog in\tmandatory\n', 'g.tsv')).toThrow('g.tsv:1: unknown term status "mandatory"');
    expect(() => parseTsvGlossary('登录\tlog in\n密码\n', 'g.tsv')).toThrow('g.tsv:2: no English term');
  });

  it('reads TBX-Basic entries with their administrative status, ignoring other languages', () => {
    expect(parseTbx(TBX, 'g.tbx')).toEqual([
      { file: 'g.tbx', line: 4, zh: ['登录'], en: [{ text: 'log in', status: 'required' }, { text: 'sign on', status: 'forbidden' }] },
      { file: 'g.tbx', line: 11, zh: ['页面'], en: [{ text: 'screen', status: 'preferred' }] },
    ]);
  });

  it('refuses a TBX that is not well-formed, naming the place', () => {
    expect(() => parseTbx('<martif>\n<termEntry>\n</martif>\n', 'bad.tbx')).toThrow(/^bad\.tbx:3:\d+: not a well-formed TBX file/);
  });
});

describe('checkGlossary', () => {
  const dir = fixture({ 'doc/zh.md': ZH, 'doc/en.md': EN, 'g.tsv': TSV, 'g.tbx': TBX });
  const doc = loadBitext(join(dir, 'doc'));

  it('finds a required term missing, a forbidden term used and a preferred term missing, across scripts', () => {
    expect(doc.links.map((l) => [l.source, l.target])).toEqual([[[0], [0]], [[1], [1]], [[2], [2]], [[3], [3]]]);
    const g = join(dir, 'g.tsv');
    const findings = checkGlossary(doc, readGlossary(g));
    expect(findings.map((f) => [f.level, f.code, f.link, f.message])).toEqual([
      ['error', 'term-missing', 1, `${g}:2: "登录" is in the Chinese (${join(dir, 'doc/zh.md')}:3) but its required English "log in" is not in the English`],
      ['error', 'term-forbidden', 1, `${g}:2: forbidden term "sign on" in the English (${join(dir, 'doc/en.md')}:3); use "log in"`],
      ['warning', 'term-missing', 3, `${g}:9: "页面" is in the Chinese (${join(dir, 'doc/zh.md')}:7) but its preferred English "screen" is not in the English`],
    ]);
    expect(findings[0].sourceSegments).toEqual([1]);
    expect(findings[0].source).toBe('請先登錄系統，然後輸入密碼。');
    expect(findings[1].targetSegments).toEqual([1]);
  });

  it('gives the same findings from the TBX term base', () => {
    const findings = checkGlossary(doc, readGlossary(join(dir, 'g.tbx')));
    expect(findings.map((f) => [f.level, f.code, f.link])).toEqual([
      ['error', 'term-missing', 1],
      ['error', 'term-forbidden', 1],
      ['warning', 'term-missing', 3],
    ]);
  });

  it('bitext check --glossary adds the term findings and fails on the errors', async () => {
    const plain = await runBitext(['check', join(dir, 'doc'), '--json']);
    const withTerms = await runBitext(['check', join(dir, 'doc'), '--json', '--glossary', join(dir, 'g.tsv')]);
    const codes = (out: string) => (JSON.parse(out).findings as { code: string }[]).map((f) => f.code).filter((c) => c.startsWith('term-'));
    expect(codes(plain.stdout)).toEqual([]);
    expect(codes(withTerms.stdout)).toEqual(['term-missing', 'term-forbidden', 'term-missing']);
    expect(withTerms.code).toBe(1);
    const missing = await runBitext(['check', join(dir, 'doc'), '--glossary', join(dir, 'none.tsv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('none.tsv');
  });
});
