import { describe, expect, it } from 'vitest';
import { splitSentences, segmentBlocks } from '../pipeline/segment/sentences.ts';
import { parseBlocks } from '../pipeline/read/blocks.ts';
import { fieldReport } from './helpers/field-reports.ts';

const sentences = (text: string, lang: string) => splitSentences(text, lang).map((s) => text.slice(s.start, s.end));

describe('segment: English (FR-04)', () => {
  it('does not split after titles or inside a.m.', () => {
    expect(sentences(fieldReport('FR-04').en1, 'en')).toEqual(['The meeting with Mr. Lin starts at 9 a.m. tomorrow.', 'Dr. Wong will join later.', 'Please arrive early.']);
  });
  it('splits after U.S. only before a capitalised word', () => {
    expect(sentences(fieldReport('FR-04').en2, 'en')).toEqual(['Our team moved to the U.S. in May.', 'The new office is larger.', 'Most of the staff now live in the U.S.', 'Some still work remotely.']);
  });
  it('keeps initials, decimals and closing quotes', () => {
    expect(sentences('J. K. Rowling wrote 3.5 books. “Really?” he asked. Yes!', 'en')).toEqual(['J. K. Rowling wrote 3.5 books.', '“Really?” he asked.', 'Yes!']);
  });
});

describe('segment: FR-15 (Chinese split by its own rules; an abbreviation ending a sentence)', () => {
  it('splits the Chinese at each 。 with exact offsets', () => {
    const { zh } = fieldReport('FR-15');
    // 他今天没有来上班。 is 9 characters, 同事们都很担心。 8, 经理给他打了三次电话。 11.
    expect(splitSentences(zh, 'zh-Hans')).toEqual([{ start: 0, end: 9 }, { start: 9, end: 17 }, { start: 17, end: 28 }]);
    expect(sentences(zh, 'zh-Hans')).toEqual(['他今天没有来上班。', '同事们都很担心。', '经理给他打了三次电话。']);
  });
  it('ends a sentence after U.S.A. before a capital, never after the initial F.', () => {
    const { en } = fieldReport('FR-15');
    expect(sentences(en, 'en')).toEqual(['She moved to the U.S.A.', 'Her brother is John F. Smith.', 'He stayed in Paris.']);
    expect(splitSentences(en, 'en')).toEqual([{ start: 0, end: 23 }, { start: 24, end: 53 }, { start: 54, end: 73 }]);
  });
});

describe('segment: Chinese (FR-05, FR-06)', () => {
  it('keeps a quotation and its speech clause together', () => {
    expect(sentences(fieldReport('FR-05').zh1, 'zh-Hans')).toEqual(['“今天的会议取消了。”她说。', '我们改在周五见面。']);
    expect(sentences(fieldReport('FR-05').zh2, 'zh-Hans')).toEqual(['“快走吧！”他喊道。']);
  });
  it('does not split at an ellipsis inside a clause', () => {
    expect(sentences(fieldReport('FR-06').zh1, 'zh-Hans')).toEqual(['常见的水果有三类：浆果（草莓，蓝莓……），柑橘（橙子，柚子……），核果（桃，李……）。', '这些都很受欢迎。']);
    expect(sentences(fieldReport('FR-06').zh2, 'zh-Hans')).toEqual(['他停了一下……然后继续说下去。']);
  });
  it('splits at 。！？； and keeps closing quotes with their sentence', () => {
    const out = sentences('他问：“你来吗？”我说：“来。”天黑了！我们走；他们留。', 'zh-Hans');
    expect(out).toEqual(['他问：“你来吗？”', '我说：“来。”', '天黑了！', '我们走；', '他们留。']);
    for (const s of out) expect(s).not.toMatch(/^[”」）]/);
  });
});

describe('segment: no boundary inside brackets or quotes', () => {
  it('keeps titles in 《》〈〉 whole, whatever stops they hold', () => {
    expect(sentences('他读了《你好！世界？》一书。下一句。', 'zh-Hans')).toEqual(['他读了《你好！世界？》一书。', '下一句。']);
    expect(sentences('见〈第一章。开始！〉一文。再读。', 'zh-Hans')).toEqual(['见〈第一章。开始！〉一文。', '再读。']);
  });
  it('keeps a quotation in 「」 and nested 「『』」 whole, with its speech clause', () => {
    expect(splitSentences('「我来了。你呢？」他问。好。', 'zh-Hans')).toEqual([{ start: 0, end: 12 }, { start: 12, end: 14 }]);
    expect(sentences('「他说：『走吧。你来吗？』我没回答。」她回忆道。下一句。', 'zh-Hans')).toEqual(['「他说：『走吧。你来吗？』我没回答。」她回忆道。', '下一句。']);
  });
  it('ends a sentence after a parenthesis only when the parenthesis opened it', () => {
    expect(sentences('他来了。（这是后话。）我们走吧。他读了（很慢地！）那本书。', 'zh-Hans')).toEqual(['他来了。', '（这是后话。）', '我们走吧。', '他读了（很慢地！）那本书。']);
  });
  it('keeps English quotations whole and reads ’ between letters as an apostrophe', () => {
    expect(sentences('He said "Stop. Now." and left. Then "Why? Because!" was the title. Good.', 'en')).toEqual(['He said "Stop. Now." and left.', 'Then "Why? Because!" was the title.', 'Good.']);
    expect(sentences('I don’t know. She won’t go. ‘Fine. Go.’ he said. (See below.) Then we left.', 'en')).toEqual(['I don’t know.', 'She won’t go.', '‘Fine. Go.’ he said.', '(See below.)', 'Then we left.']);
  });
  it('ignores an opener that is never closed, or closed only beyond 400 characters', () => {
    expect(sentences('注意（这一点很重要。后面还有句子。（真的。）最后。', 'zh-Hans')).toEqual(['注意（这一点很重要。', '后面还有句子。', '（真的。）', '最后。']);
    expect(sentences('The pipe is 5" wide. It fits. The other is 6" wide.', 'en')).toEqual(['The pipe is 5" wide.', 'It fits.', 'The other is 6" wide.']);
    // 」 at 301, within reach of 「 at 0: one sentence; at 604, beyond reach: 「 is ignored.
    expect(splitSentences(`「${'好。'.repeat(150)}」他说。`, 'zh-Hans')).toEqual([{ start: 0, end: 305 }]);
    const far = sentences(`「开始。${'好。'.repeat(300)}」结束。`, 'zh-Hans');
    expect(far.length).toBe(302);
    expect([far[0], far[300], far[301]]).toEqual(['「开始。', '好。」', '结束。']);
  });
});

describe('segment: offsets', () => {
  it('gives document-wide ids and offsets into block text', () => {
    const blocks = parseBlocks('# 标题\n\n第一句。第二句！\n\n第三句。\n');
    const segments = segmentBlocks(blocks, 'zh-Hans');
    expect(segments.map((s) => [s.block, s.index, s.text, s.start, s.end])).toEqual([
      [0, 0, '标题', 0, 2],
      [1, 1, '第一句。', 0, 4],
      [1, 2, '第二句！', 4, 8],
      [2, 3, '第三句。', 0, 4],
    ]);
    for (const s of segments) expect(blocks[s.block].text.slice(s.start, s.end)).toBe(s.text);
  });
  it('gives no segment to YAML or TOML front matter', () => {
    for (const matter of ['---\ntitle: 标题\n---\n', '+++\ntitle = "标题"\n+++\n']) {
      const segments = segmentBlocks(parseBlocks(`${matter}\n第一句。第二句！\n`), 'zh-Hans');
      expect(segments.map((s) => [s.block, s.index, s.text])).toEqual([
        [0, 0, '第一句。'],
        [0, 1, '第二句！'],
      ]);
    }
  });
  it('counts offsets in UTF-16 code units (astral characters count 2)', () => {
    const [span, next] = splitSentences('𠮷野家。好。', 'zh-Hans');
    expect(span).toEqual({ start: 0, end: 5 });
    expect(next).toEqual({ start: 5, end: 7 });
  });
});

describe('segment: table rows', () => {
  it('splits cell by cell, never across a cell boundary', () => {
    const blocks = parseBlocks('| 名称 | 说明 |\n|:--|--:|\n| 第一步。第二步。 | **加粗** |\n');
    expect(blocks[0].table?.align).toEqual(['left', 'right']);
    expect(segmentBlocks(blocks, 'zh-Hans').map((s) => s.text)).toEqual(['名称', '说明', '第一步。', '第二步。', '加粗']);
  });
});

describe('segment: adversarial inputs in linear time', () => {
  it('splits a 100 KB run of letters ending in a full stop once, before the capital', () => {
    const text = `${'a'.repeat(100_000)}. Then more.`;
    expect(splitSentences(text, 'en')).toEqual([{ start: 0, end: 100_001 }, { start: 100_002, end: 100_012 }]);
  });
  it('keeps 25,000 titles ("Mr. Mr. …") one sentence and splits 12,500 short sentences', () => {
    const titles = 'Mr. '.repeat(25_000);
    expect(splitSentences(titles, 'en')).toEqual([{ start: 0, end: 99_999 }]);
    const short = 'Go now. '.repeat(12_500);
    const spans = splitSentences(short, 'en');
    expect(spans.length).toBe(12_500);
    expect(spans[12_499]).toEqual({ start: 99_992, end: 99_999 });
  });
  it('reads a 100 KB run of full stops with no space after as one sentence', () => {
    expect(splitSentences(`${'.'.repeat(100_000)}x`, 'en')).toEqual([{ start: 0, end: 100_001 }]);
  });
  it('splits after 50,000 unclosed 「 and 33,333 unclosed 《, and 25,000 parenthesised sentences', () => {
    const spans = splitSentences(`${'「'.repeat(50_000)}${'好。'.repeat(25_000)}`, 'zh-Hans');
    expect(spans.length).toBe(25_000);
    expect(spans[0]).toEqual({ start: 0, end: 50_002 });
    const titles = splitSentences('《好！'.repeat(33_333), 'zh-Hans');
    expect(titles.length).toBe(33_333);
    expect(titles[33_332]).toEqual({ start: 99_996, end: 99_999 });
    const parens = splitSentences('（好。）'.repeat(25_000), 'zh-Hans');
    expect(parens.length).toBe(25_000);
    expect(parens[24_999]).toEqual({ start: 99_996, end: 100_000 });
  });
  it('splits 50,000 Chinese sentences and keeps 50,000 ellipses in one', () => {
    const spans = splitSentences('好。'.repeat(50_000), 'zh-Hans');
    expect(spans.length).toBe(50_000);
    expect(spans[49_999]).toEqual({ start: 99_998, end: 100_000 });
    expect(splitSentences('好…'.repeat(50_000), 'zh-Hans')).toEqual([{ start: 0, end: 100_000 }]);
  });
});
