/** text — the shared text toolkit: language tags (`lang.ts`), numbers (`numbers.ts`), English words (`english.ts`). */
export * from './lang.ts';
export * from './numbers.ts';
export * from './english.ts';
