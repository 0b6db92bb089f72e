/**
 * Numbers written as words ("one", "twelve", "twenty-one"), as replies write
 * small counts in sentences and in withheld wordings ("fewer than five"). Pure.
 */

const UNITS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen"
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** A regular expression source matching one number word or compound ("twenty-one", "twenty one"), without boundaries. */
export const NUMBER_WORDS = `(?:(?:${TENS.slice(2).join("|")})(?:[- ](?:${UNITS.slice(1, 10).join("|")}))?|${UNITS.slice().reverse().join("|")})`;

const WORD_RE = new RegExp(`\\b${NUMBER_WORDS}\\b`, "gi");

/** The value of a number word or compound, or null when the text is not one. */
export function wordNumber(text: string): number | null {
  const t = text.trim().toLowerCase();
  const unit = UNITS.indexOf(t);
  if (unit >= 0) return unit;
  const m = /^([a-z]+)(?:[- ]([a-z]+))?$/.exec(t);
  if (!m) return null;
  const tens = TENS.indexOf(m[1]);
  if (tens < 2) return null;
  if (!m[2]) return tens * 10;
  const u = UNITS.indexOf(m[2]);
  return u >= 1 && u <= 9 ? tens * 10 + u : null;
}

/** The text with every number word replaced by its digits ("fewer than five" becomes "fewer than 5"). */
export function digitsForWords(text: string): string {
  if (!/[a-z]/i.test(text)) return text;
  return text.replace(WORD_RE, (w) => String(wordNumber(w) ?? w));
}
