import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatAlign, parseAlign, formatTsv } from '../pipeline/align/formats.ts';
import { writeFileAtomic, decodeText } from '../pipeline/io.ts';
import { sliceInline, inlineText } from '../pipeline/read/inline.ts';
import { parseBlocks } from '../pipeline/read/blocks.ts';
import { fixture } from './helpers/fixtures.ts';
import { SHARED } from './helpers/paths.ts';

describe('formats: vecalign .align', () => {
  it('round-trips the gold block alignment line for line', () => {
    const text = readFileSync(join(SHARED, 'corpus/zhongnanhai/gold.paragraphs.align'), 'utf8');
    const links = parseAlign(text, 'gold');
    expect(links).toHaveLength(19);
    expect(links[6]).toEqual({ source: [6], target: [6, 7], score: 1 });
    expect(links[11]).toEqual({ source: [11], target: [], score: 1 });
    expect(links[15]).toEqual({ source: [15, 16], target: [15], score: 1 });
    expect(formatAlign(links)).toBe(text.endsWith('\n') ? text : text + '\n');
  });
  it('names the file and line of a malformed link', () => {
    expect(() => parseAlign('[0]:[0]\n\n[1]-[2]\n', 'x.align')).toThrow('x.align:3: not a vecalign link');
  });
  it('writes TSV rows with ids, score and joined texts', () => {
    const tsv = formatTsv([{ source: [0], target: [0, 1], score: 0.5 }], ['会议结束后，大家去吃饭。'], ['The meeting ended.', 'Everyone\twent to dinner.'], { source: '', target: ' ' });
    expect(tsv).toBe('0\t0,1\t0.5000\t会议结束后，大家去吃饭。\tThe meeting ended. Everyone went to dinner.\n');
  });
});

describe('io', () => {
  it('writes atomically and leaves no temporary file', () => {
    const dir = fixture();
    writeFileAtomic(join(dir, 'a', 'b.txt'), 'one');
    writeFileAtomic(join(dir, 'a', 'b.txt'), 'two');
    expect(readFileSync(join(dir, 'a', 'b.txt'), 'utf8')).toBe('two');
    expect(readdirSync(join(dir, 'a'))).toEqual(['b.txt']);
  });
  it('drops the BOM and CR', () => {
    expect(decodeText(Buffer.from('\uFEFFa\r\nb\rc', 'utf8'), 'f')).toBe('a\nb\nc');
  });
});

describe('inline: slicing keeps marks', () => {
  it('cuts emphasis and links at sentence offsets', () => {
    const [block] = parseBlocks('First **bold. Still** bold. See [the *site*](https://example.org). End.');
    expect(block.text).toBe('First bold. Still bold. See the site. End.');
    const second = sliceInline(block.mdast, 12, 23);
    expect(inlineText(second)).toBe('Still bold.');
    expect(second[0]).toMatchObject({ type: 'strong', children: [{ type: 'text', value: 'Still' }] });
    const third = sliceInline(block.mdast, 24, 37);
    expect(inlineText(third)).toBe('See the site.');
    expect(third[1]).toMatchObject({ type: 'link', url: 'https://example.org', children: [{ type: 'text', value: 'the ' }, { type: 'emphasis' }] });
  });
});

describe('io: UTF-16 input', () => {
  it('decodes UTF-16LE and UTF-16BE with a byte-order mark', () => {
    const le = Buffer.from('\uFEFF# 标题\r\n\r\n正文。', 'utf16le');
    expect(decodeText(le, 'f')).toBe('# 标题\n\n正文。');
    expect(decodeText(Buffer.from(le).swap16(), 'f')).toBe('# 标题\n\n正文。');
  });
  it('names UTF-16 without a byte-order mark instead of calling it binary', () => {
    expect(() => decodeText(Buffer.from('# Title\n\nSome English text.\n', 'utf16le'), 'en.md')).toThrow('en.md: looks like UTF-16 without a byte-order mark: save it as UTF-8');
  });
});

describe('inline: an image at the end of a paragraph stays with the last sentence', () => {
  it('keeps the image node in the last range', () => {
    const [block] = parseBlocks('这是第一句。这是第二句![图二](b.png)');
    expect(block.text).toBe('这是第一句。这是第二句');
    expect(sliceInline(block.mdast, 0, 6).map((n) => n.type)).toEqual(['text']);
    expect(sliceInline(block.mdast, 6, 11).map((n) => n.type)).toEqual(['text', 'image']);
  });
});

describe('inline: a raw <br> in a table cell is a line break', () => {
  it('keeps the words apart in text and sentences', () => {
    const [, row] = parseBlocks('| a | b |\n|---|---|\n| Tasty<br>very sweet | x |\n');
    expect(row.text).toBe('Tasty\nvery sweet | x');
    expect(inlineText(sliceInline(row.mdast, 0, 16))).toBe('Tasty\nvery sweet');
  });
});
