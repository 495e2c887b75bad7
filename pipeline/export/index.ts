/** export — the door of the interchange stage: aligned document pairs as XLIFF 1.2 and TSV (`interchange.ts`) and XLSX (`xlsx.ts`) for review tools. */
export * from './interchange.ts';
export * from './xlsx.ts';
