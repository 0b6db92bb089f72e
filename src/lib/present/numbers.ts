/**
 * Numbers as a reader sees them, in British English: counts with thousands separators,
 * shares and percentages named apart, p-values and ranges. Every page, component and
 * generated sentence formats through these, so the same number reads the same everywhere.
 *
 * A SHARE is a fraction from 0 to 1 (12 of 31 is 0.387); a PERCENTAGE is already out of
 * 100 (Ofcom's 93, a pivot's 38.7). The two are easy to mix up, so each has its own function.
 */

export interface DigitsOptions {
  /** Decimal places. */
  digits?: number;
  /** Drop trailing zeros ("4" rather than "4.0", "38.5%" rather than "38.50%"); off by default so columns line up. */
  trim?: boolean;
}

/** What a value that is no finite number reads as: there is nothing to show (e.g. a ratio to an expected share of 0). */
export const NOT_A_NUMBER = "–";

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(digits: number, trim: boolean): Intl.NumberFormat {
  const key = `${digits}/${trim}`;
  let format = formats.get(key);
  if (!format) {
    // signDisplay "negative" (ES2023, in Node 20 and every current browser; TypeScript's ES2022 lib lacks
    // the name): a value that rounds to zero reads "0", never "-0".
    const signDisplay = "negative" as Intl.NumberFormatOptions["signDisplay"];
    format = new Intl.NumberFormat("en-GB", {
      minimumFractionDigits: trim ? 0 : digits,
      maximumFractionDigits: digits,
      signDisplay
    });
    formats.set(key, format);
  }
  return format;
}

/** 11599 → "11,599"; 3.997 with {digits: 1} → "4.0", with {digits: 1, trim: true} → "4". */
export function formatNumber(x: number, {digits = 0, trim = false}: DigitsOptions = {}): string {
  return Number.isFinite(x) ? numberFormat(digits, trim).format(x) : NOT_A_NUMBER;
}

/** A number of things: 11599 → "11,599". Whole numbers are the rule; a fraction keeps up to 2 decimals rather than being rounded away. */
export function formatCount(n: number): string {
  return formatNumber(n, {digits: Number.isInteger(n) ? 0 : 2, trim: true});
}

/** A share (0..1) as a percentage: 0.387 → "39%", with {digits: 1} → "38.7%". */
export function formatShare(share: number, {digits = 0, trim = false}: DigitsOptions = {}): string {
  return Number.isFinite(share) ? `${formatNumber(100 * share, {digits, trim})}%` : NOT_A_NUMBER;
}

/** A percentage (0..100): 38.7 → "38.7%"; Ofcom's 93 with {trim: true} → "93%". */
export function formatPercent(pct: number, {digits = 1, trim = false}: DigitsOptions = {}): string {
  return Number.isFinite(pct) ? `${formatNumber(pct, {digits, trim})}%` : NOT_A_NUMBER;
}

/**
 * A percentage as a source states it (Ofcom's rates, a reply's share of proceedings): its own
 * decimals up to 2, no trailing zeros: 93 → "93%", 38.5 → "38.5%", a blend's 35.349999… → "35.35%".
 */
export function formatStatedPercent(pct: number): string {
  return formatPercent(pct, {digits: 2, trim: true});
}

/** A p-value to the precision it deserves: "0.04", "0.004", "less than 0.001". */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return NOT_A_NUMBER;
  if (p < 0.001) return "less than 0.001";
  return formatNumber(p, {digits: p < 0.01 ? 3 : 2});
}

/**
 * A range of whole numbers: "985 to 1,016", "985" when both ends agree, "at least 985" when
 * nothing caps it (max null or Infinity). `format` formats each end (counts by default).
 */
export function formatRange(min: number, max: number | null, format: (n: number) => string = formatCount): string {
  if (max == null || max === Infinity) return `at least ${format(min)}`;
  return min === max ? format(min) : `${format(min)} to ${format(max)}`;
}
