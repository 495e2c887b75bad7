/** FNV-1a hashing of strings (Fowler–Noll–Vo, the public-domain non-cryptographic hash; 32-bit parameters). */

/** The 32-bit FNV offset basis, the usual start value. */
export const FNV_OFFSET_BASIS = 0x811c9dc5;

/** One FNV-1a step: hash `h` (int32) extended by one 16-bit code unit. For hashing while scanning text. */
export function fnv1aStep(h: number, unit: number): number {
  return Math.imul(h ^ unit, 0x01000193);
}

/**
 * 32-bit FNV-1a over the UTF-16 code units `text[from, to)` (default: all of `text`), starting
 * from `seed` (default `FNV_OFFSET_BASIS`; another seed gives an independent hash). Returns a
 * signed int32 (`>>> 0` makes it unsigned). Stored data depend on these values: the translation
 * memory's word tokens and pair hashes, the CC-CEDICT cache's entry table.
 */
export function fnv1a(text: string, seed = FNV_OFFSET_BASIS, from = 0, to = text.length): number {
  let h = seed | 0;
  for (let i = from; i < to; i++) h = fnv1aStep(h, text.charCodeAt(i));
  return h | 0;
}
