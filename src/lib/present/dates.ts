/** Dates as prose, from the ISO dates the replies' metadata and answers give. */

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December"
];

/** What a missing date reads as, unless the caller says otherwise. */
export const UNSTATED_DATE = "an unstated date";

/**
 * "2013-07-01" → "1 July 2013", "2015-08" → "August 2015"; anything else (a bare year, say) is
 * returned as written, and a missing date (null) reads "an unstated date" or `missing`.
 */
export function formatDate(iso: string | null, {missing = UNSTATED_DATE}: {missing?: string} = {}): string {
  if (!iso) return missing;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return iso;
  return `${m[3] ? `${Number(m[3])} ` : ""}${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}`;
}

/** "1 July 2013 to 31 December 2015". */
export function formatPeriod(start: string | null, end: string | null): string {
  return `${formatDate(start)} to ${formatDate(end)}`;
}
