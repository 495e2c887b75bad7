import { describe, expect, it } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Nodes, PhrasingContent } from 'mdast';
import { parseBlocks, parseMarkdown, parsePlainText, readBlocks, detectLanguage } from '../pipeline/read/blocks.ts';
import { mkdocsContainers } from '../pipeline/read/mkdocs.ts';
import { inlineText, proseText } from '../pipeline/read/inline.ts';
import { scriptOf, withoutUrls } from '../pipeline/text/script.ts';
import { languageOfFileName } from '../pipeline/text/lang.ts';
import { loadDocument } from '../pipeline/segment/sentences.ts';
import { BitextError } from '../pipeline/io.ts';
import { fieldReport } from './helpers/field-reports.ts';
import { fixture } from './helpers/fixtures.ts';
import { CORPUS, SHARED } from './helpers/paths.ts';

function all(nodes: PhrasingContent[]): Nodes[] {
  return nodes.flatMap((n) => [n as Nodes, ...('children' in n ? all(n.children as PhrasingContent[]) : [])]);
}
const tmp = () => fixture();

describe('read: FR-01 emphasis next to Chinese punctuation', () => {
  it('gives 3 paragraphs with one strong node each and no literal **', () => {
    const blocks = parseBlocks(fieldReport('FR-01').markdown);
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'paragraph']);
    const strongs = blocks.map((b) => all(b.mdast).filter((n) => n.type === 'strong'));
    expect(strongs.map((s) => s.length)).toEqual([1, 1, 1]);
    const strongText = (n: Nodes) => all((n as any).children).filter((c) => c.type === 'text').map((c: any) => c.value).join('');
    expect(strongs.map((s) => strongText(s[0]))).toEqual(['核心结论。', '“安装步骤”', '核心结论']);
    for (const b of blocks) for (const n of all(b.mdast)) if (n.type === 'text') expect(n.value).not.toContain('**');
  });
  it('keeps the English control', () => {
    const [block] = parseBlocks('We saw **the result.** Then we left.');
    const strong = block.mdast.find((n) => n.type === 'strong') as any;
    expect(strong.children[0].value).toBe('the result.');
    expect(block.text).toBe('We saw the result. Then we left.');
  });
});

describe('read: FR-02 byte-order mark', () => {
  it('never reaches blocks or sentences', () => {
    const dir = tmp();
    const zh = join(dir, 'zh.md');
    writeFileSync(zh, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# 第一章\n\n正文第一句。\n', 'utf8')]));
    const doc = loadDocument(zh);
    expect(doc.blocks.map((b) => [b.kind, b.depth, b.text])).toEqual([['heading', 1, '第一章'], ['paragraph', undefined, '正文第一句。']]);
    expect(JSON.stringify(doc)).not.toContain('\uFEFF');
    expect(doc.segments.map((s) => s.text)).toEqual(['第一章', '正文第一句。']);
  });
});

describe('read: FR-03 CRLF line endings', () => {
  it('gives 2 paragraphs, a break node and no CR anywhere', () => {
    const dir = tmp();
    const crlf = join(dir, 'crlf.md');
    const lf = join(dir, 'lf.md');
    const markdown: string = fieldReport('FR-03').markdown;
    writeFileSync(crlf, markdown);
    writeFileSync(lf, markdown.replace(/\r/g, ''));
    const blocks = readBlocks(crlf);
    expect(blocks).toHaveLength(2);
    expect(blocks[1].mdast.map((n) => n.type)).toEqual(['text', 'break', 'text']);
    expect((blocks[1].mdast[0] as any).value).toBe('The second paragraph.');
    expect((blocks[1].mdast[2] as any).value).toBe('Next line.');
    expect(JSON.stringify(blocks)).not.toContain('\r');
    expect(blocks.map((b) => b.text)).toEqual(readBlocks(lf).map((b) => b.text));
  });
});

describe('read: block kinds and positions', () => {
  it('reads the real article: title, caption, headings, paragraphs with lines', () => {
    const blocks = readBlocks(join(SHARED, 'corpus/zhongnanhai/zh.md'));
    expect(blocks).toHaveLength(20);
    expect(blocks[0]).toMatchObject({ index: 0, kind: 'heading', depth: 1, text: '中南海的不眠之夜：北京或面临最坏噩梦', position: { line: 1 } });
    expect(blocks[1]).toMatchObject({ kind: 'caption', text: '美中对抗。（视频截图）', position: { line: 3 } });
    expect(blocks[12]).toMatchObject({ kind: 'heading', depth: 2 });
    expect(blocks[19].text).toBe('（大纪元记者林燕报导）');
  });
  it('reads lists, quotes, tables, and raw HTML by its sanitised text', () => {
    const md = '- one\n  - two\n\n> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<div onclick="x()">raw</div>\n\nText <b>bold</b> end.\n';
    const blocks = parseBlocks(md);
    expect(blocks.map((b) => [b.kind, b.depth ?? null, b.text])).toEqual([
      ['listItem', 1, 'one'],
      ['listItem', 2, 'two'],
      ['quote', null, 'quoted'],
      ['tableRow', null, 'a | b'],
      ['tableRow', null, '1 | 2'],
      ['html', null, 'raw'],
      ['paragraph', null, 'Text bold end.'],
    ]);
    expect(blocks[5].html).toBe('<div onclick="x()">raw</div>');
  });
  it('reads plain text as blank-line paragraphs with their lines', () => {
    const blocks = parsePlainText('First *para*.\nsame para\n\n\nSecond # para\n', 'x.txt');
    expect(blocks.map((b) => [b.text, b.position.line])).toEqual([['First *para*.\nsame para', 1], ['Second # para', 5]]);
  });
  it('reads the seed plain-text article into the same 19 blocks as en.md', () => {
    const seed = readBlocks(join(SHARED, 'corpus/zhongnanhai/seed.en.txt'));
    const md = readBlocks(join(SHARED, 'corpus/zhongnanhai/en.md'));
    expect(seed.map((b) => b.text)).toEqual(md.map((b) => b.text));
  });
});

describe('read: languages', () => {
  it('detects the script of each file', () => {
    expect(detectLanguage(parseBlocks('这是简体中文的句子，我们说话。'))).toBe('zh-Hans');
    expect(detectLanguage(parseBlocks('這是繁體中文的句子，我們說話。'))).toBe('zh-Hant');
    expect(detectLanguage(parseBlocks('This is English.'))).toBe('en');
    expect(detectLanguage(parseBlocks('12345 — 67'))).toBeNull();
  });
  it('reads the language from the file name', () => {
    expect(['zh.md', 'zh-Hans.md', 'zh-hant.md', 'zh_TW.md', 'en.txt', 'fr.md'].map(languageOfFileName)).toEqual(['zh', 'zh-Hans', 'zh-Hant', 'zh-Hant', 'en', null]);
  });
  it('judges the language by prose: code blocks, inline code and URLs do not count', () => {
    const code = '```js\n' + 'const chart = echarts.init(document.getElementById("main"));\nchart.setOption({ series: [{ type: "bar" }] });\n'.repeat(20) + '```\n';
    const md = `# 引入 ECharts\n\n用 \`npm install echarts\` 安装，见 https://echarts.apache.org/handbook/zh/get-started。\n\n${code}\n下面是完整的例子。\n\n${code}`;
    const blocks = parseBlocks(md);
    // The whole text is mostly code: the old measure read it as English.
    expect(scriptOf(blocks.map((b) => b.text).join('\n'))).toBe('en');
    expect(proseText(blocks[1].mdast)).toBe('用   安装，见 https://echarts.apache.org/handbook/zh/get-started。');
    expect(withoutUrls('见 https://echarts.apache.org/handbook/zh/get-started。')).toBe('见  。');
    expect(detectLanguage(blocks)).toBe('zh-Hans');
    const dir = tmp();
    writeFileSync(join(dir, 'zh.md'), md);
    expect(loadDocument(join(dir, 'zh.md')).lang).toBe('zh-Hans');
  });
  it('judges a file of code alone by its whole text', () => {
    expect(detectLanguage(parseBlocks('```\n// 初始化图表\nvar x = 1;\n```\n'))).toBe('zh-Hans');
  });
  it('still refuses a zh.md of English prose whose code has Chinese comments', () => {
    const dir = tmp();
    const code = '```js\n// 初始化图表实例并设置配置项和数据\nchart.setOption(option);\n```\n';
    writeFileSync(join(dir, 'zh.md'), `# Getting started\n\nInstall the package, then create a chart.\n\n${code.repeat(5)}`);
    expect(() => loadDocument(join(dir, 'zh.md'))).toThrow(/zh\.md:1: the file name says Chinese but it holds English text/);
  });
  it('reads every docs-dev document in its language, front matter left out', () => {
    // Block counts: the corpus README's gold blocks, image-only paragraphs included (antd-cases:
    // 5 in Chinese, 4 in English, read as image blocks); titles from the front matter. Plus the raw
    // HTML blocks that show something, which the gold does not count, the same on both sides:
    // antd-colors 2 `<ImagePreview><img>` (its `<TokenCompare>` shows nothing), antd-introduce the
    // `pic-plus` logos joined by "+" (its `<audio>` shows nothing), antd-research-exception the
    // design-principle cards and 7 `<ImagePreview><img>` (its `<br>` shows nothing).
    const expected: [string, number, number, string | undefined][] = [
      ['antd-cases', 23, 19, '实践案例'],
      ['antd-colors', 32 + 2, 28 + 2, '色彩'],
      ['antd-icon', 70, 72, 'Icon'],
      ['antd-introduce', 74 + 1, 70 + 1, 'Ant Design of React'],
      ['antd-research-exception', 43 + 8, 43 + 8, '异常页'],
      ['echarts-dataset', 95, 99, undefined],
      ['echarts-event', 46, 47, undefined],
      ['echarts-import', 16, 16, undefined],
    ];
    const found = expected.map(([name]) => {
      const zh = loadDocument(join(CORPUS, 'docs-dev', name, 'zh.md'));
      const en = loadDocument(join(CORPUS, 'docs-dev', name, 'en.md'));
      return [name, zh.blocks.length, en.blocks.length, zh.meta?.title, zh.lang, en.lang];
    });
    expect(found).toEqual(expected.map((row) => [...row, 'zh-Hans', 'en']));
  });
  it('weighs a Han character against a Latin word, not a Latin letter', () => {
    // 用 的 方 法: 4 Han characters; Vue, Router, push: 3 words (13 letters, which outweighed 4 Han).
    expect(scriptOf('用 Vue Router 的 push 方法')).toBe('zh');
    // 见 文 档: 3 Han characters against 4 words.
    expect(scriptOf('See the Vue docs (见文档).')).toBe('en');
  });
  it('reads a Chinese page ending in a long API table as Chinese, an English page with the same table as English', () => {
    // Value cells (one token, or only emphasis and inline code) are not prose: the table's prose is
    // 18 Latin words (Height of the button = 4, Text color of the tag = 5, twice) and its Chinese
    // header 名称 默认值 描述 (7 Han); the page's prose 按钮 介绍 按钮用于触发一个操作 如提交表单 代码演示
    // holds 2 + 2 + 10 + 5 + 4 = 23 Han: 30 Han against 18 words. Counted as prose, the 80 value
    // rows alone would add 200 words (demo-button-mini-height, px; type, string, object).
    const rows = '| --demo-button-height | _44px_ | Height of the button |\n| --demo-tag-color | _var(--demo-white)_ | Text color of the tag |\n';
    const table = `| 名称 | 默认值 | 描述 |\n| --- | --- | --- |\n${rows}${rows}${'| --demo-button-mini-height | _24px_ | - |\n| type | _string \\| object_ | `default` |\n'.repeat(40)}`;
    const zh = `# 按钮\n\n### 介绍\n\n按钮用于触发一个操作，如提交表单。\n\n## 代码演示\n\n${table}`;
    const en = `# Button\n\n### Intro\n\nButtons trigger an action, such as submitting a form.\n\n${table}`;
    const dir = fixture({ 'zh.md': zh, 'en.md': en });
    expect(loadDocument(join(dir, 'zh.md')).lang).toBe('zh-Hans');
    expect(loadDocument(join(dir, 'en.md')).lang).toBe('en');
  });
  it('points at the first block in the wrong language, not at the first block', () => {
    const dir = fixture({ 'zh.md': '# 按钮\n\nThe button triggers an action, such as submitting a form.\n', 'en.md': '# Button\n\n按钮用于触发一个操作，如提交表单。\n' });
    expect(() => loadDocument(join(dir, 'zh.md'))).toThrow(/zh\.md:3: the file name says Chinese but it holds English text/);
    expect(() => loadDocument(join(dir, 'en.md'))).toThrow(/en\.md:3: the file name says English but it holds Chinese text/);
  });
  it('refuses a zh.md that holds English, naming the file and line', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'zh.md'), '\n\n# Chapter One\n\nAll English here.\n');
    expect(() => loadDocument(join(dir, 'zh.md'))).toThrow(/zh\.md:3: the file name says Chinese but it holds English text/);
  });
});

describe('read: front matter', () => {
  it('reads YAML front matter as metadata, not as a block', () => {
    const md = '---\ngroup:\n  title: 全局样式\ntitle: 色彩\norder: 0\nauthor: "王 \\"小\\" 明"\n---\n\n# 色彩\n\n正文。\n';
    const { blocks, meta } = parseMarkdown(md, 'doc.md');
    expect(blocks.map((b) => [b.index, b.kind, b.text, b.position.line])).toEqual([
      [0, 'heading', '色彩', 9],
      [1, 'paragraph', '正文。', 11],
    ]);
    // The nested `group.title` is not the document's title; the escaped quotes are read.
    expect(meta).toEqual({ title: '色彩', author: '王 "小" 明' });
  });
  it('reads TOML front matter as metadata, top-level keys only', () => {
    const md = "+++\ntitle = 'It''s here'\ndate = 2024-05-01 # first draft\n[extra]\nauthor = \"not top-level\"\n+++\nBody.\n";
    const { blocks, meta } = parseMarkdown(md, 'doc.md');
    expect(blocks.map((b) => [b.kind, b.text, b.position.line])).toEqual([['paragraph', 'Body.', 7]]);
    expect(meta).toEqual({ title: "It's here", date: '2024-05-01' });
  });
  it('has no meta without front matter or its fields, and leaves a later --- alone', () => {
    expect(parseMarkdown('Text.\n\n---\ntitle: x\n---\n').meta).toBeUndefined();
    expect(parseMarkdown('---\norder: 2\ntitle: |\n  block\n---\nText.\n').meta).toBeUndefined();
  });
  it('keeps the title on the loaded document, with no segment from the front matter', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'zh.md'), '---\ntitle: 实践案例\norder: 2\n---\n\n这是第一段。\n');
    const doc = loadDocument(join(dir, 'zh.md'));
    expect(doc.meta).toEqual({ title: '实践案例' });
    expect(doc.segments.map((s) => s.text)).toEqual(['这是第一段。']);
  });
});

describe('read: bad input', () => {
  const expectError = (bytes: Buffer | null, pattern: RegExp) => {
    const dir = tmp();
    const file = join(dir, 'en.md');
    if (bytes) writeFileSync(file, bytes);
    let error: unknown;
    try {
      readBlocks(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BitextError);
    expect((error as BitextError).exitCode).toBe(2);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(pattern);
  };
  it('names a missing file', () => expectError(null, /no such file/));
  it('names an empty file', () => expectError(Buffer.alloc(0), /file is empty/));
  it('names a binary file and the line', () => expectError(Buffer.from('line one\nline two\n\0\0binary'), /en\.md:3: binary file/));
  it('names invalid UTF-8 and the line', () => expectError(Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0xff, 0xfe, 0x41]), /en\.md:3: invalid UTF-8 at byte 4/));
  it('does not modify the source file', () => {
    const file = join(SHARED, 'corpus/zhongnanhai/zh.md');
    const before = readFileSync(file);
    loadDocument(file);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('read: list and table structure', () => {
  it('records ordered lists, their start, items and table rows', () => {
    const blocks = parseBlocks('3. 第一步。\n4. 第二步。\n   - 子项\n\n| 列一 | 列二 |\n|---|---|\n| a | b |\n');
    expect(blocks.map((b) => [b.kind, b.depth ?? null, b.list ?? null, b.table ?? null])).toEqual([
      ['listItem', 1, { ordered: true, start: 3, spread: false, item: 0, firstOfItem: true }, null],
      ['listItem', 1, { ordered: true, start: 3, spread: false, item: 1, firstOfItem: true }, null],
      ['listItem', 2, { ordered: false, start: 1, spread: false, item: 0, firstOfItem: true }, null],
      ['tableRow', null, null, { row: 0, cells: 2, ranges: [{ start: 0, end: 2 }, { start: 5, end: 7 }], align: [null, null] }],
      ['tableRow', null, null, { row: 1, cells: 2, ranges: [{ start: 0, end: 1 }, { start: 4, end: 5 }], align: [null, null] }],
    ]);
  });
});

describe('read: Markdown limits (pipeline/read/limits.ts)', () => {
  const refused = (line: number) => `doc.md:${line}: nesting deeper than 100 levels (quotes and lists): refused`;
  const messageOf = (markdown: string) => {
    try {
      parseBlocks(markdown, 'doc.md');
    } catch (error) {
      expect(error).toBeInstanceOf(BitextError);
      return (error as BitextError).message;
    }
    return 'no error';
  };
  it('refuses 2,000 nested list levels written with indentation at the first line past 100', () => {
    const markdown = Array.from({ length: 2000 }, (_, k) => `${' '.repeat(2 * k)}- item ${k}`).join('\n');
    expect(messageOf(markdown)).toBe(refused(101));
  });
  it('refuses 5,000 nested quotes on one line, and one more level per line from line 101', () => {
    expect(messageOf(`${'> '.repeat(5000)}deep\n`)).toBe(refused(1));
    const stairs = Array.from({ length: 5000 }, (_, k) => `${'>'.repeat(k + 1)} step`).join('\n');
    expect(messageOf(stairs)).toBe(refused(101));
  });
  it('reads nesting of exactly 100 levels', () => {
    const list = Array.from({ length: 100 }, (_, k) => `${' '.repeat(2 * k)}- item ${k}`).join('\n');
    const blocks = parseBlocks(list, 'doc.md');
    expect(blocks.map((b) => b.depth)).toEqual(Array.from({ length: 100 }, (_, k) => k + 1));
    expect(blocks[99].text).toBe('item 99');
    expect(parseBlocks(`${'> '.repeat(99)}- inner`, 'doc.md').map((b) => [b.kind, b.depth, b.text])).toEqual([['listItem', 1, 'inner']]);
    expect(messageOf(`${'> '.repeat(100)}- inner`)).toBe(refused(1));
  });
  it('does not count a thematic break, or fenced code as nesting', () => {
    expect(parseBlocks(`${'- '.repeat(200)}\n\nafter`, 'doc.md').map((b) => b.text)).toEqual(['after']);
    const fenced = `\`\`\`\n${'> '.repeat(300)}\n\`\`\``;
    expect(parseBlocks(fenced, 'doc.md')[0].text).toBe('> '.repeat(300));
  });
  it('reads 100 KB of unpairable *a runs as their literal text', () => {
    const markdown = '*a '.repeat(33_334);
    const blocks = parseBlocks(markdown, 'doc.md');
    expect(blocks).toHaveLength(1);
    expect(blocks[0].text).toBe(markdown.trimEnd());
  });
  it('keeps the first 500 emphasis runs of a paragraph and reads the rest literally', () => {
    const blocks = parseBlocks(`${'*x* '.repeat(300)}*y*`, 'doc.md');
    expect(blocks[0].mdast.filter((n) => n.type === 'emphasis')).toHaveLength(250);
    expect(blocks[0].text).toBe(`${'x '.repeat(250)}${'*x* '.repeat(50)}*y*`);
    // A blank line starts a new count; escaped markers and snake_case underscores are not runs.
    const next = parseBlocks(`${'*a '.repeat(600)}\n\n*z* ${'snake_case \\* '.repeat(600)}*w*`, 'doc.md');
    expect(next[1].mdast.filter((n) => n.type === 'emphasis').map((n) => inlineText([n]))).toEqual(['z', 'w']);
  });
  it('leaves emphasis markers inside fenced code alone', () => {
    const code = '*a '.repeat(600).trimEnd();
    expect(parseBlocks(`\`\`\`\n${code}\n\`\`\``, 'doc.md')[0].text).toBe(code);
  });
});

describe('read: heading ids, code languages and ::: containers (issue 10)', () => {
  it('a trailing {#id} is the heading anchor, not its text; one inside the text stays', () => {
    const [a, b, c] = parseBlocks('## 使用方法 {#how-to-use}\n\n### 主题变量（Design Token）{#design-token}\n\n## Use {#x} here');
    expect([a.text, a.anchor]).toEqual(['使用方法', 'how-to-use']);
    expect([b.text, b.anchor]).toEqual(['主题变量（Design Token）', 'design-token']);
    expect([c.text, c.anchor]).toEqual(['Use {#x} here', undefined]);
  });
  it('a fenced code block keeps its text and the language of its info string', () => {
    const [js, plain] = parseBlocks('```js title="a.js"\nconst a = 1;\n  a;\n```\n\n```\nnpm i\n```');
    expect([js.kind, js.text, js.codeLang]).toEqual(['code', 'const a = 1;\n  a;', 'js']);
    expect([plain.text, plain.codeLang]).toEqual(['npm i', undefined]);
  });
  it('the blocks of a ::: container carry its name and title; its fences and title are not text', () => {
    const blocks = parseBlocks('前言\n\n:::info{title=温馨提示}\n第一段。\n\n- 一项\n:::\n\n:::tip[小心]\n正文\n:::\n\n后记');
    expect(blocks.map((b) => [b.kind, b.text, b.container])).toEqual([
      ['paragraph', '前言', undefined],
      ['paragraph', '第一段。', { name: 'info', title: '温馨提示' }],
      ['listItem', '一项', { name: 'info', title: '温馨提示' }],
      ['paragraph', '正文', { name: 'tip', title: '小心' }],
      ['paragraph', '后记', undefined],
    ]);
  });
  it('text and leaf directive syntax in prose reads as the text it is written as', () => {
    expect(parseBlocks('key:value, note:x[y]{z} and a:b.\n\n::leaf{a=1}').map((b) => b.text)).toEqual(['key:value, note:x[y]{z} and a:b.', '::leaf{a=1}']);
  });
});

describe('read: MkDocs admonitions, details and tabs (issue 10)', () => {
  it('reads the indented body as Markdown inside a container named by the type (tab for ===), titled by the quoted text', () => {
    const md = 'Intro\n\n!!! tip "Use it"\n    First para.\n\n    ```py\n    x = 1\n    ```\n\n=== "Python"\n\n    print(1)\n\n??? note\n    Hidden.\n\nAfter.\n';
    expect(parseBlocks(md).map((b) => [b.kind, b.text, b.container, b.position.line])).toEqual([
      ['paragraph', 'Intro', undefined, 1],
      ['paragraph', 'First para.', { name: 'tip', title: 'Use it' }, 4],
      ['code', 'x = 1', { name: 'tip', title: 'Use it' }, 6],
      ['paragraph', 'print(1)', { name: 'tab', title: 'Python' }, 12],
      ['paragraph', 'Hidden.', { name: 'note' }, 15],
      ['paragraph', 'After.', undefined, 17],
    ]);
  });
  it('leaves !!! inside fenced code, and text without MkDocs syntax, as it is', () => {
    expect(parseBlocks('```\n!!! note\n    not me\n```').map((b) => b.text)).toEqual(['!!! note\n    not me']);
    const plain = 'a\n\n    code\n';
    expect(mkdocsContainers(plain)).toBe(plain);
  });
});
