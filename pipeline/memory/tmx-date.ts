/**
 * TMX dates (TMX 1.4b §3.2 "creationdate": ISO 8601 basic format `YYYYMMDDThhmmssZ`, UTC) to and
 * from the extended form the store keeps (`YYYY-MM-DDThh:mm:ssZ`).
 */

/** `20020523T091200Z` → `2002-05-23T09:12:00Z`; null when `value` is not a valid TMX date. */
export function tmxDateToIso(value: string | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 19) + 'Z' !== iso ? null : iso;
}

/** `2002-05-23T09:12:00Z` (or with milliseconds) → `20020523T091200Z`; throws `Error` if not a date. */
export function isoToTmxDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: "${iso}"`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}
