import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadBitext } from '../pipeline/align/pairs.ts';
import { parseBlocks } from '../pipeline/read/blocks.ts';
import { segmentBlocks } from '../pipeline/segment/sentences.ts';
import { checkBitext, checkExitCode, formatFindings } from '../pipeline/check/check.ts';
import { blankRanges, technicalRanges } from '../pipeline/text/technical.ts';
import type { Bitext, BlockId, Document, Finding, LanguageTag, Link } from '../pipeline/types.ts';
import { CORPUS, SHARED } from './helpers/paths.ts';
import { fieldReport } from './helpers/field-reports.ts';
import { bitext as cli } from './helpers/cli.ts';
import { fixture, realPair } from './helpers/fixtures.ts';

const PAIR = `${CORPUS}zhongnanhai`;

/** A copy of the real pair in a temp folder with `edit` applied to the English (never committed; `realPair` fails when the seed no longer applies). */
function seeded(name: string, edit: (en: string) => string): string {
  return join(fixture(realPair(`${name}/zhongnanhai`, edit)), name, 'zhongnanhai');
}
const codes = (findings: Finding[]) => findings.map((f) => `${f.level} ${f.code} ${f.link}`);

describe('check on the real pair', () => {
  const findings = checkBitext(loadBitext(PAIR));
  it('reports the untranslated paragraph and the two paragraphing changes of the gold, nothing else', () => {
    // gold.paragraphs.align: [11]:[] untranslated, [6]:[6,7] split, [15,16]:[15] merged
    expect(codes(findings.filter((f) => f.code !== 'low-score'))).toEqual(['info not-one-to-one 6', 'error untranslated 11', 'info not-one-to-one 15']);
    const untranslated = findings.find((f) => f.code === 'untranslated')!;
    expect(untranslated).toMatchObject({ doc: 'zhongnanhai', sourceBlocks: [11], targetBlocks: [], target: '' });
    expect(untranslated.source).toBe('1969年，两国军队在乌苏里江的珍宝岛爆发武装冲突，中苏关系降至冰点。');
    expect(checkExitCode(findings)).toBe(1);
  });
  it('matches every number and name of the pair (11月12日 ↔ November 12, 60年代 ↔ 1960s, O\'Brien ↔ O’Brien)', () => {
    expect(findings.filter((f) => f.code === 'number-mismatch' || f.code === 'name-missing')).toEqual([]);
  });
});

describe('check finds errors seeded into a copy of the real pair', () => {
  it('a changed number', () => {
    const findings = checkBitext(loadBitext(seeded('number', (en) => en.replace('(November 12)', '(November 13)'))));
    const numbers = findings.filter((f) => f.code === 'number-mismatch');
    expect(numbers.map((f) => [f.level, f.link, f.message])).toEqual([
      ['error', 3, 'Chinese "11月12日" (date 1112) has no match in the English'],
      ['error', 3, 'English "November 13" (date 1113) has no match in the Chinese'],
    ]);
    expect(numbers[0].source).toContain('魏玲灵（Lingling Wei）在周二（11月12日）');
    expect(numbers[1].target).toContain('In a Tuesday (November 13) article');
  });
  it('a dropped paragraph', () => {
    const findings = checkBitext(
      loadBitext(seeded('dropped', (en) => en.replace(/In her latest column, Wei notes[^\n]*\n\n/, ''))),
    );
    // zh block 4 ("魏玲灵在最新专栏中指出…") lost its English: an error names its block or sentence
    const hit = findings.filter((f) => f.level === 'error' && (f.code === 'untranslated' || f.code === 'sentence-untranslated') && f.source.startsWith('魏玲灵在最新专栏中指出'));
    expect(hit.length).toBe(1);
    expect(hit[0].sourceBlocks).toContain(4);
    expect(checkExitCode(findings)).toBe(1);
  });
  it('a name removed', () => {
    const findings = checkBitext(loadBitext(seeded('name', (en) => en.replace('senior journalist Lingling Wei writes', 'senior journalist Wei writes'))));
    expect(findings.filter((f) => f.code === 'name-missing').map((f) => [f.level, f.link, f.message])).toEqual([
      ['error', 3, '"Lingling Wei" appears in the Chinese but not in the English'],
    ]);
  });
  it('Chinese text left in the English file, and a paragraph copied untranslated', () => {
    const zhPara = '魏玲灵表示，随着民主党败选，北京现在可能正面临最坏的噩梦。';
    const findings = checkBitext(
      loadBitext(
        seeded('untranslated', (en) =>
          en
            .replace('*U.S.-China Confrontation. (Video screenshot)*', '*U.S.-China Confrontation. (视频截图)*')
            .replace("Wei states that, with the Democrats’ loss, Beijing may now be facing its worst nightmare.", zhPara),
        ),
      ),
    );
    const leftover = findings.filter((f) => f.code === 'chinese-in-target' || f.code === 'untranslated-copy');
    expect(leftover.map((f) => [f.level, f.code, f.targetBlocks])).toEqual([
      ['warning', 'chinese-in-target', [1]],
      ['error', 'untranslated-copy', [17]],
    ]);
  });
});

/** A hand-made bitext of plain-text blocks (1-1 links unless given), without sentence links. */
function handMade(zh: string[], en: string[], links?: Link[]): Bitext {
  const document = (texts: string[], lang: LanguageTag): Document => {
    const blocks = parseBlocks(texts.join('\n\n'));
    return { file: 'hand', lang, blocks, segments: segmentBlocks(blocks, lang) };
  };
  const blockLinks = (links ?? zh.map((_, i) => ({ source: [i], target: [i], score: 0.8 }))) as Link<BlockId>[];
  return { doc: 'hand', source: document(zh, 'zh-Hans'), target: document(en, 'en'), links: blockLinks.map((l) => ({ ...l, sentences: [] })) };
}

describe('check rules on hand-made pairs', () => {
  it('accepts equivalent number forms and flags a changed multiple', () => {
    const ok = handMade(['人数增加了12.6万，是去年的三倍。'], ['The number rose by 126,000, three times last year’s rise.']);
    expect(checkBitext(ok).filter((f) => f.code === 'number-mismatch')).toEqual([]);
    const wrong = handMade(['人数增加了12.6万，是去年的三倍。'], ['The number rose by 126,000, four times last year’s rise.']);
    expect(checkBitext(wrong).filter((f) => f.code === 'number-mismatch').map((f) => f.message)).toEqual([
      'Chinese "三倍" (multiple 3) has no match in the English',
      'English "four times" (multiple 4) has no match in the Chinese',
    ]);
  });
  it('matches a full-width number with a full-width comma to its English digits (user test: ３ false errors)', () => {
    const ok = handMade(['共有１，２００人参加。'], ['In all, 1,200 people took part.']);
    expect(checkBitext(ok).filter((f) => f.code === 'number-mismatch')).toEqual([]);
    const wrong = handMade(['共有１，２００人参加。'], ['In all, 1,300 people took part.']);
    expect(checkBitext(wrong).filter((f) => f.code === 'number-mismatch').map((f) => f.message)).toEqual([
      'Chinese "１，２００" (number 1200) has no match in the English',
      'English "1,300" (number 1300) has no match in the Chinese',
    ]);
  });
  it('flags low scores, extra English, empty blocks and a length-ratio outlier', () => {
    const zh = ['他今天早上去了学校。', '她下午在图书馆看书。', '我们晚上一起吃饭了。', '他们周末去公园散步。', '老师明天会讲新课程。', '这是一个很短的句子。', '——'];
    const en = [
      'He went to school this morning.',
      'She read in the library in the afternoon.',
      'We had dinner together in the evening.',
      'They walked in the park at the weekend.',
      'The teacher will start a new course tomorrow, and he will also explain at great length the history of the subject, the reasons it matters, and the many exercises the class will do over the coming weeks before the exam.',
      'This is a very short sentence.',
      '—',
      'An extra English paragraph.',
    ];
    const links: Link[] = [...zh.map((_, i) => ({ source: [i], target: [i], score: i === 1 ? 0.1 : 0.8 })), { source: [], target: [7], score: 0 }];
    const findings = checkBitext(handMade(zh, en, links));
    expect(codes(findings)).toEqual(['warning low-score 1', 'warning length-ratio 4', 'warning empty 6', 'warning empty 6', 'warning extra-target 7']);
    expect(checkExitCode(findings)).toBe(0);
    expect(checkExitCode(findings, 5)).toBe(0);
    expect(checkExitCode(findings, 4)).toBe(1);
  });
  it('formats a report with level, code, ids, message and both texts; colour only when asked', () => {
    const findings = checkBitext(handMade(['他有三个孩子。'], ['He has 4 children.']));
    const plain = formatFindings(findings);
    expect(plain).toBe(
      [
        'hand: 1 error, 0 warnings, 0 notes',
        '  error   number-mismatch   link 0 [0]:[0] sentences []:[0]: English "4" (number 4) has no match in the Chinese',
        '          zh: 他有三个孩子。',
        '          en: He has 4 children.',
        '',
      ].join('\n'),
    );
    expect(plain).not.toContain('\x1b[');
    expect(formatFindings(findings, { color: true })).toContain('\x1b[31merror  \x1b[39m');
  });
});

describe('bitext check (command line)', () => {
  it('exits 1 on the real pair (an untranslated paragraph) and prints JSON findings', async () => {
    const run = await cli(['check', PAIR, '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.documents).toEqual([expect.objectContaining({ doc: 'zhongnanhai', error: 1 })]);
    expect(report.findings.find((f: Finding) => f.code === 'untranslated')).toMatchObject({ level: 'error', sourceBlocks: [11] });
  });
  it('exits 1 when warnings exceed --max-warnings, 0 when they do not, 2 on bad usage', async () => {
    const temp = fixture({ 'doc/zh.md': '# 标题\n\n他今天早上去了学校。\n', 'doc/en.md': '# Title\n\nHe went to school (学校) this morning.\n' });
    const dir = join(temp, 'doc');
    const ok = await cli(['check', dir, '--max-warnings', '5']);
    expect(ok.stdout).toMatch(/^doc: 0 errors, 1 warning, 0 notes\n  warning chinese-in-target /);
    expect(ok.code).toBe(0);
    expect((await cli(['check', dir, '--max-warnings', '0'])).code).toBe(1);
    expect((await cli(['check', dir, '--max-warnings', 'many'])).code).toBe(2);
    const missing = await cli(['check', join(temp, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope');
  });
});

describe('technical tokens are neither numbers nor names (issue 10)', () => {
  const tokens = (text: string) => technicalRanges(text).map((r) => text.slice(r.start, r.end));
  it('finds URLs, versions, identifiers with digits, inline math and markup kept as text', () => {
    expect(tokens('见 https://example.com/a?b=1 ，版本 3.9.0 与 6.x，IE9/10、GB2312、UTF-8 和 #eb2f96。')).toEqual(['https://example.com/a?b=1', '3.9.0', '6.x', 'IE9/10', 'GB2312', 'UTF-8', '#eb2f96']);
    expect(tokens('每个字符占 $1$ 比特，价格 $5 和 $10')).toEqual(['$1$']);
    expect(tokens('设计师专属 {#designers-exclusive}')).toEqual(['{#designers-exclusive}']);
    expect(tokens(':::info{title=提示}\n内容\n:::')).toEqual([':::info{title=提示}', ':::']);
    expect(tokens('=== "Python"')).toEqual(['=== "Python"']);
    expect(tokens('1.配图：增添乐趣')).toEqual(['1.']);
    expect(tokens('渲染根标签为 <svg> 的组件')).toEqual(['<svg>']);
  });
  it('tells markup from tokens (URLs, addresses, versions, identifiers)', () => {
    const text = '<b>版本 v1.2.0-rc.1</b> 见 {#notes}，服务器 10.0.0.1，编码 UTF-8。';
    expect(technicalRanges(text).map((r) => [text.slice(r.start, r.end), r.kind])).toEqual([
      ['<b>', 'markup'], ['v1.2.0-rc.1', 'token'], ['</b>', 'markup'], ['{#notes}', 'markup'], ['10.0.0.1', 'token'], ['UTF-8', 'token'],
    ]);
  });
  it('leaves ordinals, decades, units and sentence stops to the number reader', () => {
    expect(tokens('the 21st century, the 1960s, 16px wide, 1.5 million, in 2022.')).toEqual([]);
  });
  it('blanks them with one space per code unit, so offsets survive', () => {
    expect(blankRanges('IE9 无效')).toBe('    无效');
  });
});

describe('check on issue 10 examples: no false alarms', () => {
  const numbers = (zh: string, en: string) => checkBitext(handMade([zh], [en])).filter((f) => f.code === 'number-mismatch').map((f) => f.message);
  it('matches identifiers, dates with spaces, clock times, magnitudes and math as a translator writes them', () => {
    expect(numbers('默认编码为 UTF-8，旧系统仍使用 GB2312。', 'The default encoding is UTF-8; older systems still use GB2312.')).toEqual([]);
    expect(numbers('UTF-8 编码的字符最多需要 4 个字节。', 'Characters in UTF-8 may require up to 4 bytes.')).toEqual([]);
    expect(numbers('用户已有 100 多万。', 'It has over one million users.')).toEqual([]);
    expect(numbers('每个标志占 $1$ 比特。', 'Each flag takes one bit.')).toEqual([]);
    expect(numbers('于「2022 年 11 月 18 日」发布。', 'Released on November 18, 2022.')).toEqual([]);
    expect(numbers('服务每天上午十点重启。', 'The service restarts at 10 a.m. every day.')).toEqual([]);
    expect(numbers('从 ECharts4 开始支持数据集。', 'Datasets are supported from ECharts 4 on.')).toEqual([]);
    expect(numbers('在 3.9.0 之后改用 SVG 图标。', 'SVG icons replaced font icons in version 3.9.0.')).toEqual([]);
  });
  it('still flags a changed clock time and a changed magnitude', () => {
    expect(numbers('服务每天上午十点重启。', 'The service restarts at 11 a.m. every day.')).toEqual([
      'Chinese "上午十点" (time 1000) has no match in the English',
      'English "11 a.m." (time 1100) has no match in the Chinese',
    ]);
    expect(numbers('用户已有 100 多万。', 'It has over 10 million users.')).toEqual([
      'Chinese "100 多万" (number 1000000) has no match in the English',
      'English "10 million" (number 10000000) has no match in the Chinese',
    ]);
  });
  it('calls no block written without Chinese characters an untranslated copy; a copied Chinese block still is one', () => {
    const same = ['API', 'FAQ', 'Ant Design Pro', 'v5.5.0', 'https://example.com/docs'];
    expect(checkBitext(handMade(same, same)).filter((f) => f.level === 'error')).toEqual([]);
    const copied = checkBitext(handMade(['API', '请先安装依赖。'], ['API', '请先安装依赖。']));
    expect(codes(copied.filter((f) => f.level === 'error'))).toEqual(['error untranslated-copy 1']);
  });
  it('reads a lower-case technical term as no name, and an abbreviation spelled out as present', () => {
    const names = (zh: string, en: string) => checkBitext(handMade([zh], [en])).filter((f) => f.code === 'name-missing').map((f) => f.message);
    expect(names('可以使用 style 和 className 设置图标颜色。', 'Set the colour of an icon with its props.')).toEqual([]);
    expect(names('帮助用户快速使用 OB 服务。', 'It helps users start the OceanBase service quickly.')).toEqual([]);
    expect(names('通过 Stack Overflow 提问。', 'Ask on the forum.')).toEqual(['"Stack Overflow" appears in the Chinese but not in the English']);
  });
});

describe('FR-19: punctuation that stands for each other; a question turned statement', () => {
  const pairs = fieldReport('FR-19').pairs as [string, string][];
  // One block and one sentence link per pair.
  const bitext = handMade(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
  bitext.links.forEach((link, i) => link.sentences.push({ source: [i], target: [i], score: 0.8 } as never));
  const findings = checkBitext(bitext).filter((f) => f.code !== 'low-score');
  it('flags only the fourth pair, a question that became a statement, as a warning', () => {
    expect(codes(findings)).toEqual(['warning question-lost 3']);
    expect(findings[0]).toMatchObject({ sourceSegments: [3], targetSegments: [3], source: pairs[3][0], target: pairs[3][1] });
  });
});

/**
 * A faithful hand-written technical pair (code, tabs, a table, versions, identifiers, a spaced
 * date, a clock time, a magnitude with 多, inline math, a question), written for this test.
 */
const FAITHFUL_ZH = [
  "# 快速上手 {#quick-start}",
  "",
  "本指南介绍如何在 5 分钟内安装 Widget 3.2.1 并发出第一个请求。",
  "",
  "## 安装",
  "",
  "安装步骤如下：",
  "",
  "```bash",
  "npm install widget@3.2.1",
  "```",
  "",
  "=== \"Python\"",
  "",
  "```python",
  "import widget",
  "client = widget.Client(timeout=30)",
  "```",
  "",
  "默认编码为 UTF-8，旧系统可能仍使用 GB2312。UTF-8 编码的字符最多需要 4 个字节。",
  "",
  "## 用户",
  "",
  "截至 2022 年 11 月 18 日，Widget 已有 100 多万用户。服务每天上午十点重启，重启约需 2 分钟。",
  "",
  "每个标志占 $1$ 比特。更多信息见 https://example.com/docs/v2 。",
  "",
  "## API",
  "",
  "`Client` 接受以下参数：",
  "",
  "| 参数 | 说明 | 默认值 |",
  "| --- | --- | --- |",
  "| timeout | 超时时间（秒） | 30 |",
  "| retries | 失败后的重试次数 | 3 |",
  "",
  "## FAQ",
  "",
  "Widget 支持 IE11 吗？",
  "",
  "不支持。请使用 Chrome 90 或更高版本。",
].join('\n') + '\n';
const FAITHFUL_EN = [
  "# Quick Start {#quick-start}",
  "",
  "This guide shows how to install Widget 3.2.1 and send your first request in 5 minutes.",
  "",
  "## Installation",
  "",
  "Install it as follows.",
  "",
  "```bash",
  "npm install widget@3.2.1",
  "```",
  "",
  "=== \"Python\"",
  "",
  "```python",
  "import widget",
  "client = widget.Client(timeout=30)",
  "```",
  "",
  "The default encoding is UTF-8, and older systems may still use GB2312. Characters in UTF-8 may require up to 4 bytes.",
  "",
  "## Users",
  "",
  "As of November 18, 2022, Widget had over one million users. The service restarts every day at 10 a.m., which takes about 2 minutes.",
  "",
  "Each flag takes one bit. See https://example.com/docs/v2 for more.",
  "",
  "## API",
  "",
  "`Client` takes the following parameters:",
  "",
  "| Parameter | Description | Default |",
  "| --- | --- | --- |",
  "| timeout | Timeout in seconds | 30 |",
  "| retries | Number of retries after a failure | 3 |",
  "",
  "## FAQ",
  "",
  "Does Widget support IE11?",
  "",
  "No. Please use Chrome 90 or later.",
].join('\n') + '\n';

describe('check on a faithful technical pair, and on errors seeded into it', () => {
  const check = (en: string) => {
    const dir = join(fixture({ 'doc/zh.md': FAITHFUL_ZH, 'doc/en.md': en }), 'doc');
    return checkBitext(loadBitext(dir));
  };
  /** `FAITHFUL_EN` with `from` replaced by `to` (failing loudly when the seed no longer applies). */
  const seed = (from: string, to: string) => {
    expect(FAITHFUL_EN).toContain(from);
    return FAITHFUL_EN.replace(from, to);
  };
  it('reports no error and no warning on the faithful pair', () => {
    expect(codes(check(FAITHFUL_EN).filter((f) => f.level !== 'info'))).toEqual([]);
  });
  it('finds a changed number', () => {
    const found = check(seed('in 5 minutes', 'in 15 minutes')).filter((f) => f.level === 'error');
    expect(found.map((f) => [f.code, f.message])).toEqual([
      ['number-mismatch', 'Chinese "5" (number 5) has no match in the English'],
      ['number-mismatch', 'English "15" (number 15) has no match in the Chinese'],
    ]);
  });
  it('finds a dropped paragraph', () => {
    const found = check(seed('Each flag takes one bit. See https://example.com/docs/v2 for more.\n\n', '')).filter((f) => f.level === 'error');
    expect(found.map((f) => [f.code, f.source])).toEqual([['untranslated', '每个标志占 $1$ 比特。更多信息见 https://example.com/docs/v2 。']]);
  });
  it('finds a Chinese sentence left in the English', () => {
    const found = check(seed('Characters in UTF-8 may require up to 4 bytes.', 'UTF-8 编码的字符最多需要 4 个字节。')).filter((f) => f.level === 'error');
    // Block 6: heading, paragraph, heading, paragraph, bash code, python code (the `=== "Python"` line opens a tab, no block), this paragraph.
    expect(found.map((f) => [f.code, f.message])).toEqual([['chinese-in-target', 'English block 6 contains 12 Chinese characters (18% of its letters)']]);
  });
  it('finds a question that became a statement', () => {
    const found = check(seed('Does Widget support IE11?', 'Widget supports IE11.')).filter((f) => f.level !== 'info');
    expect(found.map((f) => [f.level, f.code, f.source, f.target])).toEqual([['warning', 'question-lost', 'Widget 支持 IE11 吗？', 'Widget supports IE11.']]);
  });
});

describe('check on docs-dev (../shared/corpus/docs-dev, read in place)', () => {
  const DOCS = `${SHARED}corpus/docs-dev/`;
  const names = ['antd-cases', 'antd-colors', 'antd-icon', 'antd-introduce', 'antd-research-exception', 'echarts-dataset', 'echarts-event', 'echarts-import'];
  const findings = names.flatMap((name) => checkBitext(loadBitext(`${DOCS}${name}`)));
  it('calls no identical block (API, FAQ, code, product names, URLs) an untranslated copy', () => {
    expect(findings.filter((f) => f.code === 'untranslated-copy')).toEqual([]);
  });
  it('reports only the numbers that differ in the published texts', () => {
    // Read by hand: antd-cases says 800 systems in Chinese, "more than 80 applications" in English;
    // echarts-dataset's English names "ECharts 3", its Chinese "the way before ECharts 4".
    expect(findings.filter((f) => f.code === 'number-mismatch').map((f) => [f.doc, f.message])).toEqual([
      ['antd-cases', 'Chinese "800" (number 800) has no match in the English'],
      ['antd-cases', 'English "80" (number 80) has no match in the Chinese'],
      ['echarts-dataset', 'English "3" (number 3) has no match in the Chinese'],
    ]);
  });
});

describe('check false alarms on real doc pairs (issue 10)', () => {
  const mismatches = (b: Bitext) => checkBitext(b).filter((f) => f.code === 'number-mismatch').map((f) => f.message);
  it('reads a date in digits, year first, as a year and a date, not as a version', () => {
    expect(mismatches(handMade(['这次分享在 2022.1.8 的大会上。'], ['The talk was given at the conference on January 8, 2022.']))).toEqual([]);
    expect(mismatches(handMade(['这次分享在 2022年1月8日 的大会上。'], ['The talk was given at the conference on 2022-01-08.']))).toEqual([]);
    expect(mismatches(handMade(['这次分享在 2022.1.8 的大会上。'], ['The talk was given at the conference on January 9, 2022.']))).toEqual([
      'Chinese "1.8" (date 108) has no match in the English',
      'English "January 9" (date 109) has no match in the Chinese',
    ]);
  });
  it('keeps a date in digits as prose, but not inside a URL or a v-version', () => {
    expect(blankRanges('在 2022.1.8 的大会')).toBe('在 2022.1.8 的大会');
    expect(blankRanges('见 https://x.com/?d=2022.1.8 页面')).toBe(`见 ${' '.repeat(25)} 页面`);
    expect(blankRanges('v2022.1.8 与 3.9.10 发布')).toBe(`${' '.repeat(9)} 与 ${' '.repeat(6)} 发布`);
  });
  it('reports a number written twice and missing once', () => {
    expect(mismatches(handMade(['上午来了 7 人，下午又来了 7 人。'], ['Some people came in the morning, and more in the afternoon.']))).toEqual([
      'Chinese "7" (number 7) has no match in the English',
    ]);
  });
  it('warns, not errs, when the other side has the number fewer times', () => {
    const found = checkBitext(handMade(['下面仅介绍 1-5 的 5 点。'], ['Below we introduce the first five points.'])).filter((f) => f.code === 'number-mismatch');
    expect(found.map((f) => [f.level, f.message])).toEqual([['warning', 'Chinese "5" (number 5) is written fewer times in the English']]);
  });
  it('warns, not errs, on a name the English document has in another link', () => {
    const found = checkBitext(handMade(['ECharts 是一个图表库。', '在 ECharts 中可以监听事件，也可以在 Stack Overflow 提问。'], ['ECharts is a charting library.', 'You can listen to events and ask questions.']));
    expect(found.filter((f) => f.code === 'name-missing').map((f) => [f.level, f.link, f.message])).toEqual([
      ['warning', 1, '"ECharts" appears in the Chinese but not in the English of this link (the English document has it elsewhere)'],
      ['error', 1, '"Stack Overflow" appears in the Chinese but not in the English'],
    ]);
  });
  it('compares no length on an identical code block', () => {
    // Four prose links of English about 3× the Chinese (letters and digits counted by hand), then the same code block on both sides.
    const zh = ['我们今天发布新版本。', '这个版本修复了问题。', '请大家尽快升级软件。', '欢迎提出你的意见。'];
    const en = ['We are releasing a new version today.', 'This version fixes several problems.', 'Please upgrade the software soon.', 'Your comments are very welcome.'];
    const code = '```html\n<body ontouchstart="">\n  ...\n</body>\n```';
    expect(checkBitext(handMade([...zh, code], [...en, code])).filter((f) => f.code === 'length-ratio')).toEqual([]);
  });
});
