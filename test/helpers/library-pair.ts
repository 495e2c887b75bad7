/**
 * The dropped-paragraph pair of issue 12 (the case a correction is for), shared by the tests of
 * corrections (test/align-corrections.test.ts) and of the review editor (test/review-server.test.ts, test/browser/review.test.ts).
 */
import { join } from 'node:path';
import { fixture } from './fixtures.ts';

// zh 2 holds two sentences ("every weekend the children come to read here" / "the old curator tells
// them stories and teaches them to write"), which en 2 and en 3 translate one each. zh 3 ("the old
// curator writes stories himself; the stories he taught the children later went into a book") is
// not translated, and shares curator/stories/write with en 3 — a pull towards [2]:[2], [3]:[3].
export const ZH = [
  '# 山村的图书馆',
  '村里的图书馆建于一九八五年，最初只有两个书架。',
  '每到周末，孩子们都会来这里读书。老馆长会给他们讲故事，还会教他们写字。',
  '老馆长自己也写故事，他教孩子们的那些故事后来都写进了一本书。',
  '如今，图书馆有三千多本书，还有一台电脑。',
  '馆长说，他希望更多的年轻人回到村里。',
];
export const EN = [
  '# The Village Library',
  'The village library was built in 1985 and at first had only two bookshelves.',
  'Every weekend, children come here to read.',
  'The old librarian tells them stories and teaches them to write.',
  'Today, the library has more than three thousand books and a computer.',
  'The librarian says he hopes more young people will return to the village.',
];
/** The right block links: zh 2 split into en 2 and en 3, zh 3 dropped. */
export const GOLD = [[[0], [0]], [[1], [1]], [[2], [2, 3]], [[3], []], [[4], [4]], [[5], [5]]];

/** A new folder `library` holding the pair (`zh`, `en`: one block a paragraph); returns its path. */
export const pairDir = (zh = ZH, en = EN) => join(fixture({ 'library/zh.md': zh.join('\n\n') + '\n', 'library/en.md': en.join('\n\n') + '\n' }), 'library');
