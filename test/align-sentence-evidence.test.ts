import { describe, expect, it } from 'vitest';
import { alignSequences } from '../pipeline/align/index.ts';
import { chineseFeatures, createVocabulary, englishFeatures, englishNames } from '../pipeline/align/features.ts';
import { loadLexicon } from '../pipeline/align/lexicon/cedict.ts';
import { endsWithClosingQuote, QuoteScorer } from '../pipeline/align/sentence-evidence.ts';

const lexicon = loadLexicon();
const pairs = (zh: string[], en: string[], weights = {}) =>
  alignSequences(zh.map((text) => ({ text })), en.map((text) => ({ text })), { lexicon, weights }).map((l) => [l.source, l.target]);

describe('quote closure', () => {
  it('a closing quotation mark at the end, trailing space aside, in either language', () => {
    expect(endsWithClosingQuote('他说：“好。”')).toBe(true);
    expect(endsWithClosingQuote('她道：「走罢。」 ')).toBe(true);
    expect(endsWithClosingQuote("You go ahead.'")).toBe(true);
    expect(endsWithClosingQuote('He said "no."')).toBe(true);
    expect(endsWithClosingQuote("'Not yet.")).toBe(false);
    expect(endsWithClosingQuote('他说：“好。”然后走了。')).toBe(false);
    expect(endsWithClosingQuote('')).toBe(false);
  });

  it('costs its weight when exactly one side of a link ends a quote, and again when both close one before their last unit; nothing when a side never does', () => {
    const vocabulary = createVocabulary(lexicon);
    const zhTexts = ['他问：“你来吗？”', '我点点头。'];
    const enTexts = ["He asked, 'Are you coming?", "Do come.'", 'I nodded.'];
    const zh = chineseFeatures(zhTexts, vocabulary, englishNames(enTexts));
    const en = englishFeatures(enTexts, vocabulary);
    const scorer = new QuoteScorer(zh, en, 2);
    // zh0 ends a quote; en0 does not, en1 does, en2 does not.
    expect(scorer.cost(0, 1, 0, 1)).toBe(2);
    expect(scorer.cost(0, 1, 0, 2)).toBe(0);
    expect(scorer.cost(1, 1, 2, 1)).toBe(0);
    expect(scorer.cost(1, 1, 1, 1)).toBe(2);
    expect(scorer.cost(0, 2, 0, 2)).toBe(2);
    // Both sides end unquoted, but zh0 and en1 close a quote inside the link: a turn it should be split at.
    expect(scorer.cost(0, 2, 0, 3)).toBe(2);
    // Ends disagree (zh1 does not close, en1 does); the English side is one unit, so nothing closes before its last: end only.
    expect(scorer.cost(0, 2, 1, 1)).toBe(2);
    expect(scorer.cost(0, 1, 0, 0)).toBe(0);
    // An English side without any closing quote (a translation that drops them) gives no evidence.
    const plain = englishFeatures(['He asked whether I was coming.', 'I nodded.'], vocabulary);
    expect(new QuoteScorer(zh, plain, 2).cost(0, 1, 0, 1)).toBe(0);
  });

  it('1-1 that must be 1-2: the speech ends where the quote closes, though the last line of it names the next sentence\'s noodles', () => {
    const zh = ['王老师问：“你吃过饭了吗？”', '小李摇摇头说：“还没有。”', '王老师笑了，转身走进厨房，端出一碗热腾腾的面条，放在桌上，叫他快吃。', '小李很高兴，马上吃了起来。'];
    const en = [
      "Mr Wang asked, 'Have you eaten?'",
      "Li shook his head. 'Not yet.",
      "No noodles for me today.'",
      'Mr Wang laughed.',
      'He went into the kitchen, came back with a steaming bowl of noodles, put it on the table and told him to eat up.',
      'Li was delighted and started eating at once.',
    ];
    const gold = [[[0], [0]], [[1], [1, 2]], [[2], [3, 4]], [[3], [5]]];
    expect(pairs(zh, en)).toEqual(gold);
    // Without the quote term the noodles pull the end of the speech into the next link.
    expect(pairs(zh, en, { quote: 0 })).not.toEqual(gold);
  });

  it('2-2 that must be 1-1 + 1-1: a line of speech and the short reply to it, each with its translation', () => {
    const zh = ['小明放下碗，站了起来。', '他当即说道：“老师，你要我去图书馆借几本书，这中间却有一个难处。”', '老师道：“什么难处？”', '小明低下头，半天没有说话。'];
    const en = [
      'Xiaoming put down his bowl and stood up.',
      "He said at once: 'Sir, if you want me to borrow some books from the library, there is one problem.'",
      "'What's that?'",
      'Xiaoming lowered his head and said nothing for a long while.',
    ];
    const gold = [[[0], [0]], [[1], [1]], [[2], [2]], [[3], [3]]];
    expect(pairs(zh, en)).toEqual(gold);
    // Without the quote term the reply, which has no dictionary word, is merged with the next sentence (2-2).
    expect(pairs(zh, en, { quote: 0 })).not.toEqual(gold);
  });
});
