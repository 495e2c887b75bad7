/**
 * Table rows keyed alike (`rowKey` in pipeline/align/features.ts, `StructureScorer` in
 * pipeline/align/scorer.ts) and cells written alike (`segmentIdentity`): an API table's rows pair
 * by their first cell, its copied cells (`string`, `-`) link 1-1, and `check` flags a row linked
 * with another key's row (`key-mismatch`). The tables are hand-written; the expected links are
 * worked out by hand from the keys.
 */
import { describe, expect, it } from 'vitest';
import { rowKey, segmentIdentity } from '../pipeline/align/features.ts';
import { alignBitext } from '../pipeline/align/index.ts';
import { checkBitext } from '../pipeline/check/check.ts';
import { toReview } from '../pipeline/check/review.ts';
import { parseBlocks } from '../pipeline/read/blocks.ts';
import { segmentBlocks } from '../pipeline/segment/sentences.ts';
import type { Bitext, BlockId, BlockLink, Document, LanguageTag } from '../pipeline/types.ts';

function document(markdown: string, lang: LanguageTag): Document {
  const blocks = parseBlocks(markdown);
  return { file: 'hand', lang, blocks, segments: segmentBlocks(blocks, lang) };
}

const zh = `# Dialog 弹出框

### Props

| 参数 | 说明 | 类型 | 默认值 |
| --- | --- | --- | --- |
| title | 标题 | string | - |
| width | 弹窗宽度，默认单位为 px | number | 320px |
| message | 文本内容，支持通过 \\n 换行 | string | - |
| show-confirm-button | 是否展示确认按钮 | boolean | true |
| show-cancel-button | 是否展示取消按钮 | boolean | false |
| confirm-button-text | 确认按钮文案 | string | 确认 |
| confirm-button-color | 确认按钮颜色 | string | #ee0a24 |
| cancel-button-text | 取消按钮文案 | string | 取消 |
| cancel-button-color | 取消按钮颜色 | string | black |
| overlay | 是否展示遮罩层 | boolean | true |
`;

// As in vant's dialog docs, the translation lists the cancel button's rows before the confirm
// button's: position alone pairs 确认按钮文案 with "Cancel button text".
const en = `# Dialog

### Props

| Attribute | Description | Type | Default |
| --- | --- | --- | --- |
| title | Title | string | - |
| width | Dialog width, the default unit is px | number | 320px |
| message | Message, use \\n to break lines | string | - |
| show-confirm-button | Whether to show the confirm button | boolean | true |
| show-cancel-button | Whether to show the cancel button | boolean | false |
| cancel-button-text | Cancel button text | string | Cancel |
| cancel-button-color | Cancel button color | string | black |
| confirm-button-text | Confirm button text | string | Confirm |
| confirm-button-color | Confirm button color | string | #ee0a24 |
| overlay | Whether to show the overlay | boolean | true |
`;

function aligned(): Bitext {
  return alignBitext('dialog', document(zh, 'zh-Hans'), document(en, 'en'));
}

describe('rowKey and segmentIdentity', () => {
  it('key a table row by a first cell written without Han characters, normalised like identities', () => {
    const [, , , title] = parseBlocks(zh);
    expect(title.kind).toBe('tableRow');
    expect(rowKey(title)).toBe('title');
    const [header] = parseBlocks('| 参数 | 说明 |\n| --- | --- |\n| a b | c |');
    expect(rowKey(header)).toBeUndefined();
    const [, row] = parseBlocks('| 参数 | 说明 |\n| --- | --- |\n| a b | c |');
    expect(rowKey(row)).toBe('ab');
    expect(rowKey({ text: 'title', kind: 'paragraph' })).toBeUndefined();
  });

  it('key a row without a version label glued to its first cell, and keep keys that are only a version', () => {
    const rows = parseBlocks('| 参数 | 说明 |\n| --- | --- |\n| toolbar3.1.2 | a |\n| click-right-icon v3.4.0 | b |\n| 3.1.2 | c |\n| h2 | d |');
    expect(rows.slice(1).map((row) => rowKey(row))).toEqual(['toolbar', 'click-right-icon', '3.1.2', 'h2']);
  });

  it('give a sentence an identity only when it has no Han character', () => {
    expect(segmentIdentity('var(--van-gray-7)')?.text).toBe('var(--van-gray-7)');
    expect(segmentIdentity(' - ')?.text).toBe('-');
    expect(segmentIdentity('确认')).toBeUndefined();
    expect(segmentIdentity(' \u200b')).toBeUndefined();
  });
});

describe('an API table whose rows the translation reorders', () => {
  const bitext = aligned();
  const keyOf = (side: 'source' | 'target', id: number) => rowKey(bitext[side].blocks[id]);

  it('links every keyed row with the row of its key or with nothing', () => {
    const keyed = bitext.links.filter((l) => l.source.some((id) => keyOf('source', id) !== undefined));
    // Hand-worked: the rows before and after the reordered ones link with their keys. Of the two
    // groups that changed places an order-keeping alignment can keep one: either group links 1-1
    // by key, the other's rows are left 1-0 and 0-1 — never a row with another key's row.
    const pairs = keyed.map((l) => [l.source.map((id) => keyOf('source', id)), l.target.map((id) => keyOf('target', id))]);
    expect(pairs.slice(0, 5)).toEqual(['title', 'width', 'message', 'show-confirm-button', 'show-cancel-button'].map((k) => [[k], [k]]));
    expect(pairs[pairs.length - 1]).toEqual([['overlay'], ['overlay']]);
    const swapped = pairs.slice(5, -1);
    const confirmKept = [
      [['confirm-button-text'], ['confirm-button-text']],
      [['confirm-button-color'], ['confirm-button-color']],
      [['cancel-button-text'], []],
      [['cancel-button-color'], []],
    ];
    const cancelKept = [
      [['confirm-button-text'], []],
      [['confirm-button-color'], []],
      [['cancel-button-text'], ['cancel-button-text']],
      [['cancel-button-color'], ['cancel-button-color']],
    ];
    expect([confirmKept, cancelKept]).toContainEqual(swapped);
  });

  it('links the cells of a row one for one, so no row is queued for its sentence links', () => {
    const linked = bitext.links.filter((l) => l.source.length > 0 && l.target.length > 0);
    // Each linked row: four cells on each side, four 1-1 sentence links.
    for (const link of linked.filter((l) => bitext.source.blocks[l.source[0]].kind === 'tableRow')) {
      expect(link.sentences.map((s) => [s.source.length, s.target.length])).toEqual([[1, 1], [1, 1], [1, 1], [1, 1]]);
    }
    // Of the keyed rows, only the two left unlinked are queued (the header row, keyed by nothing,
    // may be queued for its score: 参数 ↔ Attribute has no dictionary evidence).
    const findings = checkBitext(bitext);
    const queued = toReview(bitext.links, findings).flatMap((k) => bitext.links[k].source.map((id) => keyOf('source', id)));
    expect(queued.filter((key) => key !== undefined)).toHaveLength(2);
    expect(findings.filter((f) => f.code === 'key-mismatch')).toEqual([]);
  });
});

describe('check: key-mismatch', () => {
  it('is an error naming both keys when a 1-1 row link pairs different keys', () => {
    const source = document(zh, 'zh-Hans');
    const target = document(en, 'en');
    const row = (doc: Document, key: string) => doc.blocks.findIndex((b) => rowKey(b) === key);
    const link = (s: number, t: number): BlockLink => ({ source: [s as BlockId], target: [t as BlockId], score: 0.9, sentences: [] });
    const bitext: Bitext = {
      doc: 'dialog',
      source,
      target,
      links: [link(row(source, 'confirm-button-text'), row(target, 'cancel-button-text')), link(row(source, 'overlay'), row(target, 'overlay')), link(0, 0)],
    };
    const found = checkBitext(bitext).filter((f) => f.code === 'key-mismatch');
    expect(found.map((f) => [f.level, f.link, f.message])).toEqual([
      ['error', 0, 'table row keyed "confirm-button-text" in the Chinese is linked with the row keyed "cancel-button-text" in the English'],
    ]);
    expect(toReview(bitext.links, checkBitext(bitext))).toContain(0);
  });
});
