import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { alignSequences } from '../pipeline/align/index.ts';
import type { Link } from '../pipeline/types.ts';
import { CORPUS } from './helpers/paths.ts';

const lines = (file: string) => readFileSync(CORPUS + file, 'utf8').split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
const units = (texts: string[]) => texts.map((text) => ({ text }));
const key = (l: Link) => `[${l.source}]:[${l.target}]`;

/**
 * One extra (untranslated) sentence inserted near the start must not shift later links: every
 * link after the insertion's neighbourhood is the link of the unmodified alignment, ids shifted.
 */
function checkDrift(zh: string[], en: string[], at: number): void {
  const extra = '（编者按：以下译文据一九八五年版校订。）';
  const before = alignSequences(units(zh), units(en));
  const after = alignSequences(units([...zh.slice(0, at), extra, ...zh.slice(at)]), units(en));
  const shifted = new Set(before.map((l) => key({ ...l, source: l.source.map((i) => (i >= at ? i + 1 : i)) })));
  const late = after.filter((l) => l.source.length > 0 && l.source[0] > at + 5);
  expect(late.length).toBeGreaterThan(100);
  expect(late.filter((l) => !shifted.has(key(l))).map(key)).toEqual([]);
  // The extra sentence is left unlinked or joins a neighbouring sentence's link; it never takes a translation of its own.
  const holder = after.find((l) => l.source.includes(at))!;
  expect(holder.target.length === 0 || holder.source.length > 1).toBe(true);
  expect(holder.source.every((i) => Math.abs(i - at) <= 1)).toBe(true);
}

describe('drift: an extra sentence near the start of a long document', () => {
  it('literary chapter (MAC-dev 006, exhaustive search)', () => {
    checkDrift(lines('mac-dev/zh/006'), lines('mac-dev/en/006'), 3);
  });

  it('the Bible up to the end of Genesis 30 (banded multi-resolution search)', () => {
    // Cut both sides at the same verse boundary so the end is a real end.
    const last = (verses: string[]) => verses.lastIndexOf('Gen:30:43') + 1;
    const zh = lines('bible/zh/001').slice(0, last(lines('bible/zh.verse')));
    const en = lines('bible/en/001').slice(0, last(lines('bible/en.verse')));
    expect(zh.length * en.length).toBeGreaterThan(250_000);
    checkDrift(zh, en, 3);
  });
});
