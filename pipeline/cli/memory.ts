/**
 * What the memory verbs (`tm import|export|lookup|stats` in tm.ts, `pretranslate` in
 * pretranslate.ts) share: opening an existing memory, and reading their language and number
 * arguments. Only `tm import` creates a missing memory. Bad arguments throw `BitextError`
 * (exit 2) with the messages the verbs have always given.
 */
import { existsSync } from 'node:fs';
import { BitextError, located } from '../io.ts';
import { canonicalTag } from '../text/index.ts';
import { closeMemory, openMemory, type Memory } from '../memory/index.ts';

/**
 * `value` as a canonical BCP 47 tag (`canonicalTag`), `undefined` when not given. Throws
 * `BitextError` (exit 2) naming `option` when it is not a language tag.
 */
export function languageArgument(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    return canonicalTag(value);
  } catch {
    throw new BitextError(`${option}: "${value}" is not a BCP 47 language tag`);
  }
}

/** `value` as a whole number in [low, high]; otherwise throws `BitextError` (exit 2) naming `option`. */
export function integerArgument(value: string, option: string, low: number, high: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < low || n > high) throw new BitextError(`${option}: expected a whole number from ${low} to ${high}, got "${value}"`);
  return n;
}

/**
 * Open the translation memory at `path`, run `work` on it and close it (also when `work` throws).
 * Unless `create`, a missing file throws `BitextError` (exit 2) and nothing is created.
 */
export function withMemory<T>(path: string, work: (memory: Memory) => T, create = false): T {
  if (!create && !existsSync(path)) {
    throw new BitextError(located(path, undefined, 'no such translation memory (run build or tm import first, or give --memory PATH)'), { file: path });
  }
  const memory = openMemory(path);
  try {
    return work(memory);
  } finally {
    closeMemory(memory);
  }
}
