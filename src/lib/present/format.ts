/** Formatting numbers and dates for prose and tables, shared by every page and component. */

/** "39%" style percentages: a share (0..1) shown as a percentage with `digits` decimals. */
export const percent = (x: number, digits = 0) => `${(100 * x).toFixed(digits)}%`;

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2013-07-01" → "1 July 2013", "2015-08" → "August 2015"; anything else (a bare year, say) is returned as written. */
export function formatIsoDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return iso;
  return `${m[3] ? `${Number(m[3])} ` : ""}${MONTH_NAMES[Number(m[2]) - 1]} ${m[1]}`;
}

/** As formatIsoDate, saying so when a reply gives no date. */
export function longDate(iso: string | null): string {
  return iso ? formatIsoDate(iso) : "an unstated date";
}
