/**
 * What the memory verbs (`tm import|export|lookup|concordance|stats|prune|migrate` in tm.ts, `pretranslate` in
 * pretranslate.ts) share: opening the memory — an SQLite path or a `postgres://` URL
 * (`withBackend`; `tm export` of a file streams it through `withMemory`) — and reading their language
 * and number arguments. `tm lookup|concordance|stats|export` open it read-only; `pretranslate` writes (usage
 * counts) to an existing memory; only `tm import` and `tm migrate` (its target) create a missing
 * one. Bad arguments throw `BitextError` (exit 2) with the messages the verbs have always given.
 */
import { BitextError } from '../io.ts';
import { canonicalTag } from '../text/index.ts';
import { abandonMemory, checkMemorySpec, closeMemory, isMemoryUrl, isPostgresUrl, memoryError, memoryName, openBackend, openMemory, type Memory, type MemoryAccess, type TmBackend } from '../memory/index.ts';
import { pathIn, type CliIo } from './context.ts';

/** The memory `spec` as a verb opens it: a path resolved against `io.cwd` (`pathIn`), a URL as typed. */
export function memoryIn(io: CliIo, spec: string): string {
  return isMemoryUrl(spec) ? spec : pathIn(io, spec);
}


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
  sqliteOnly(path);
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

/**
 * Throw `BitextError` (exit 2, one line) unless `spec` is an SQLite path: a URL of another scheme
 * is not a supported memory (`checkMemorySpec`); a PostgreSQL one is not served by the verbs that
 * still open SQLite only (`withMemory`, build).
 */
export function sqliteOnly(spec: string): void {
  checkMemorySpec(spec);
  if (isPostgresUrl(spec)) throw new BitextError(`${memoryName(spec)}: this verb uses SQLite memories only: copy the PostgreSQL memory to a file first (bitext tm migrate URL FILE)`);
}

/**
 * Open the memory `spec` (a path or a postgres:// URL, `openBackend`) for `access`, run `work` on it
 * and close it. When `work` rejects, what opening created is removed (`TmBackend.abandon`) and
 * SQLite errors are named after the memory (`memoryError`). Rejects with `BitextError` (exit 2) as
 * `openBackend` does.
 */
export async function withBackend<T>(spec: string, access: MemoryAccess, work: (backend: TmBackend) => Promise<T>): Promise<T> {
  let backend: TmBackend;
  try {
    backend = await openBackend(spec, access);
  } catch (error) {
    throw memoryError(spec, error);
  }
  let result: T;
  try {
    result = await work(backend);
  } catch (error) {
    // The command's own error is the one to report, not a second one from cleaning up after it.
    await backend.abandon().catch(() => undefined);
    throw memoryError(spec, error);
  }
  await backend.close();
  return result;
}
