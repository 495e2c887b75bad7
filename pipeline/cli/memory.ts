/**
 * What the memory verbs (`tm import|export|lookup|concordance|stats` in tm.ts, `pretranslate` in
 * pretranslate.ts) share: opening the memory, and reading their language and number arguments.
 * `tm lookup|concordance|stats|export` open it read-only; `pretranslate` writes (usage counts) to an existing
 * memory; only `tm import` creates a missing one. Bad arguments throw `BitextError`
 * (exit 2) with the messages the verbs have always given.
 */
import { BitextError } from '../io.ts';
import { canonicalTag } from '../text/index.ts';
import { abandonMemory, closeMemory, memoryError, openMemory, type Memory, type MemoryAccess } from '../memory/index.ts';

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
 * Open the translation memory at `path` for `access` (`openMemory`), run `work` on it and close
 * it. When `work` throws, what opening created is removed (`abandonMemory`: a failed `tm import`
 * leaves no new file or folder) and SQLite errors are named after the memory (`memoryError`).
 * Throws `BitextError` (exit 2) for a memory that is missing (unless `create`), not a Bitext TM,
 * not readable or writable, locked or on a full disk.
 */
export function withMemory<T>(path: string, access: MemoryAccess, work: (memory: Memory) => T): T {
  const memory = openMemory(path, access);
  let result: T;
  try {
    result = work(memory);
  } catch (error) {
    abandonMemory(memory);
    throw memoryError(path, error);
  }
  closeMemory(memory);
  return result;
}
