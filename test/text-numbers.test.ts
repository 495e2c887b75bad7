import { describe, expect, it } from 'vitest';
import { extractNumbers, parseChineseNumeral, parseEnglishNumberWords, unmatchedNumbers } from '../pipeline/text/numbers.ts';

const values = (text: string, lang: string) => extractNumbers(text, lang).map((m) => [m.kind, m.value]);

describe('extractNumbers (zh)', () => {
  it('reads Arabic, full-width and scaled digits', () => {
    expect(values('增加了12.6万人', 'zh-Hans')).toEqual([['number', 126000]]);
    expect(values('增加了１２．６万人', 'zh-Hans')).toEqual([['number', 126000]]);
    expect(values('共126,000元', 'zh-Hans')).toEqual([['number', 126000]]);
    expect(values('投资1.2亿元', 'zh-Hans')).toEqual([['number', 120000000]]);
    expect(values('约3千万', 'zh-Hans')).toEqual([['number', 30000000]]);
  });
  it('reads a full-width comma between groups of three digits as a thousands separator (user test)', () => {
    const found = extractNumbers('共１，２００人', 'zh-Hans');
    expect(found.map((m) => [m.kind, m.value, m.text, m.start, m.end])).toEqual([['number', 1200, '１，２００', 1, 6]]);
    expect(values('１，２００，０００元', 'zh-Hans')).toEqual([['number', 1200000]]);
    expect(values('1，200元', 'zh-Hans')).toEqual([['number', 1200]]);
    // A list, not a grouped number: the comma is not followed by exactly three digits.
    expect(values('第1，2章', 'zh-Hans').map((v) => v[1])).toEqual([1, 2]);
    expect(values('１，２', 'zh-Hans')).toEqual([['number', 1], ['number', 2]]);
    expect(values('1，2000', 'zh-Hans').map((v) => v[1])).toEqual([1, 2000]);
    expect(values('有1，20，300', 'zh-Hans').map((v) => v[1])).toEqual([1, 20, 300]);
    const zh = extractNumbers('共有１，２００人参加。', 'zh-Hans');
    expect(unmatchedNumbers(zh, extractNumbers('In all, 1,200 people took part.', 'en'))).toEqual({ source: [], target: [] });
  });
  it('reads dates, months, years, decades, weekdays with their offsets', () => {
    const text = '在周二（11月12日）的文章中';
    const found = extractNumbers(text, 'zh-Hans');
    expect(found.map((m) => [m.kind, m.value, m.text])).toEqual([
      ['weekday', 2, '周二'],
      ['date', 1112, '11月12日'],
    ]);
    expect(text.slice(found[1].start, found[1].end)).toBe('11月12日');
    expect(values('1969年，两国军队', 'zh-Hans')).toEqual([['year', 1969], ['number', 2]]);
    expect(values('10月底', 'zh-Hans')).toEqual([['month', 10]]);
    expect(values('三个月后', 'zh-Hans')).toEqual([['number', 3]]);
    expect(values('上世纪60年代', 'zh-Hans')).toEqual([['decade', 1960]]);
    expect(values('一九六九年', 'zh-Hans')).toEqual([['year', 1969]]);
  });
  it('reads multiples, percentages, ordinals and Chinese numerals', () => {
    expect(values('增长了三倍', 'zh-Hans')).toEqual([['multiple', 3]]);
    expect(values('百分之三十', 'zh-Hans')).toEqual([['percent', 30]]);
    expect(values('占３０％', 'zh-Hans')).toEqual([['percent', 30]]);
    expect(values('第3章', 'zh-Hans')).toEqual([['ordinal', 3]]);
    expect(parseChineseNumeral('二十五')).toBe(25);
    expect(parseChineseNumeral('一百零五')).toBe(105);
    expect(parseChineseNumeral('三千五百万')).toBe(35000000);
    expect(parseChineseNumeral('十')).toBe(10);
    expect(parseChineseNumeral('三亿五千万')).toBe(350000000);
  });
  it('does not read set phrases as numbers', () => {
    expect(values('一派胡言', 'zh-Hans')).toEqual([]);
    expect(values('千万不要', 'zh-Hans')).toEqual([]);
    expect(values('数百万英亩', 'zh-Hans')).toEqual([]);
  });
});

describe('extractNumbers (en)', () => {
  it('reads digits with separators and scale words', () => {
    expect(values('126,000 people', 'en')).toEqual([['number', 126000]]);
    expect(values('12.6 million', 'en')).toEqual([['number', 12600000]]);
    expect(values('three hundred and five', 'en')).toEqual([['number', 305]]);
    expect(parseEnglishNumberWords('twenty-five')).toBe(25);
  });
  it('reads dates, months, decades, years, weekdays, multiples, percentages', () => {
    expect(values('In a Tuesday (November 12) article', 'en')).toEqual([['weekday', 2], ['date', 1112]]);
    expect(values('on 12 November 2024', 'en')).toEqual([['date', 1112], ['year', 2024]]);
    expect(values('At the end of October', 'en')).toEqual([['month', 10]]);
    expect(values('In the 1960s', 'en')).toEqual([['decade', 1960]]);
    expect(values('three times as large', 'en')).toEqual([['multiple', 3]]);
    expect(values('twice', 'en')).toEqual([['multiple', 2]]);
    expect(values('30 percent', 'en')).toEqual([['percent', 30]]);
    expect(values('Beijing May Face Its Worst Nightmare', 'en')).toEqual([]);
    expect(values('one of the leaders', 'en')).toEqual([]);
  });
});

describe('extractNumbers: patterns skipped for texts without the character they need', () => {
  it('still reads a pattern whose character is there in another case or form', () => {
    // Percent and multiple words in capitals: the skip tests match case-insensitively, as the patterns do.
    expect(values('Costs rose thirty PER CENT, then Three Times', 'en')).toEqual([['percent', 30], ['multiple', 3]]);
    expect(values('a 3-FOLD rise', 'en')).toEqual([['multiple', 3]]);
    // 星期 and 礼拜 are found by their second character; a full-width ％ is folded to % first.
    expect(values('礼拜五和星期天', 'zh-Hans')).toEqual([['weekday', 5], ['weekday', 7]]);
    expect(values('增长了30％', 'zh-Hans')).toEqual([['percent', 30]]);
  });
  it('reads nothing from a text with no number', () => {
    expect(values('In the beginning God created the heaven and the earth.', 'en')).toEqual([]);
    expect(values('起初神创造天地。', 'zh-Hans')).toEqual([]);
  });
});

describe('unmatchedNumbers', () => {
  const check = (zh: string, en: string) =>
    unmatchedNumbers(extractNumbers(zh, 'zh-Hans'), extractNumbers(en, 'en'));
  it('pairs equivalent forms across languages', () => {
    const r = check('周二（11月12日）增加了12.6万人，是去年的三倍。', 'On Tuesday (November 12) 126,000 people were added, three times last year.');
    expect(r.source).toEqual([]);
    expect(r.target).toEqual([]);
  });
  it('reports a changed number on both sides', () => {
    const r = check('2017年初川普就任', 'Shortly after Trump assumed the presidency in early 2018');
    expect(r.source.map((m) => m.text)).toEqual(['2017年']);
    expect(r.target.map((m) => m.text)).toEqual(['2018']);
  });
  it('ignores loosely translated number words', () => {
    const r = check('两国之间', 'between the countries');
    expect(r.source).toEqual([]);
  });
});

describe('extractNumbers: adversarial runs in linear time', () => {
  it('reads 40,000 一 as one (overflowing, so dropped) run and a month after it', () => {
    // 一 repeated is a positional numeral of 40,000 digits: not a finite number, so no mention.
    expect(values('一'.repeat(40_000), 'zh-Hans')).toEqual([]);
    expect(values(`${'一'.repeat(40_000)}，十二月`, 'zh-Hans')).toEqual([['month', 12]]);
  });
  it('reads 100,000 digits without a suffix as nothing and a percentage after them', () => {
    expect(values('1'.repeat(100_000), 'zh-Hans')).toEqual([]);
    expect(values('1'.repeat(100_000), 'en')).toEqual([]);
    expect(values(`${'1'.repeat(100_000)} and 30%`, 'en')).toEqual([['percent', 30]]);
  });
  it('reads 20,000 separate numbers, each once', () => {
    const found = extractNumbers('7 '.repeat(20_000), 'en');
    expect(found.length).toBe(20_000);
    expect([found[19_999].value, found[19_999].start]).toEqual([7, 39_998]);
  });
  it('reads a word-number run not followed by a suffix as one number', () => {
    expect(values('one '.repeat(25_000), 'en').length).toBe(1);
  });
  it('still starts a number at its run: 一二三月 is no month, 四五倍 a multiple of 45', () => {
    expect(values('一二三月，四五倍', 'zh-Hans')).toEqual([['number', 123], ['multiple', 45]]);
    expect(values('twenty five percent, three times', 'en')).toEqual([['percent', 25], ['multiple', 3]]);
  });
});

describe('dates with spaces, clock times and approximate magnitudes (issue 10)', () => {
  it('reads a Chinese date written with spaces around its numbers as the date of its English', () => {
    // 2022 年 11 月 18 日 = the year 2022 and 18 November (11 × 100 + 18)
    expect(values('于 2022 年 11 月 18 日发布', 'zh-Hans')).toEqual([['year', 2022], ['date', 1118]]);
    expect(values('Released on November 18, 2022', 'en')).toEqual([['date', 1118], ['year', 2022]]);
    expect(values('从 2015 年 4 月起', 'zh-Hans')).toEqual([['year', 2015], ['month', 4]]);
  });
  it('reads clock times on 24 hours: 上午十点 = 10 a.m. = 1000, 下午3点半 = 3:30 p.m. = 1530', () => {
    expect(values('上午十点开会', 'zh-Hans')).toEqual([['time', 1000]]);
    expect(values('下午3点半，晚上 8 点 15 分', 'zh-Hans')).toEqual([['time', 1530], ['time', 2015]]);
    expect(values('十点钟出发，14:05 到达', 'zh-Hans')).toEqual([['time', 1000], ['time', 1405]]);
    expect(values('The meeting is at 10 a.m., lunch at 12:30 pm and the train at ten o’clock.', 'en')).toEqual([['time', 1000], ['time', 1230], ['time', 1000]]);
    expect(values('It ends at 3:30 p.m. or 12 a.m.', 'en')).toEqual([['time', 1530], ['time', 0]]);
  });
  it('reads no clock time in 三点建议 ("three points") without a part of the day or 钟/分/半', () => {
    expect(values('提出三点建议', 'zh-Hans')).toEqual([['number', 3]]);
  });
  it('reads 多/余 before a scale as its magnitude: 100 多万 and 一百多万 = over a million', () => {
    expect(values('用户 100 多万', 'zh-Hans')).toEqual([['number', 1_000_000]]);
    expect(values('用户一百多万', 'zh-Hans')).toEqual([['number', 1_000_000]]);
    expect(values('近 3 万人，约 2 亿元，5000 余万', 'zh-Hans')).toEqual([['number', 30_000], ['number', 200_000_000], ['number', 50_000_000]]);
    expect(values('over one million users, nearly a billion', 'en')).toEqual([['number', 1_000_000], ['number', 1_000_000_000]]);
    const zh = extractNumbers('用户 100 多万', 'zh-Hans');
    expect(unmatchedNumbers(zh, extractNumbers('over one million users', 'en'))).toEqual({ source: [], target: [] });
  });
  it('reads a number before a lower-case "may" as no date: UTF-8 may require', () => {
    expect(values('UTF-8 may require more bytes', 'en')).toEqual([['number', 8]]);
    expect(values('on 8 May', 'en')).toEqual([['date', 508]]);
  });
});
