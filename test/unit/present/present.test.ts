// The one place for formatting (src/lib/present/): counts, shares against percentages, p-values,
// ranges, dates, prose lists, citations, and the words for withheld counts.
import assert from "node:assert/strict";
import {test} from "node:test";
import fc from "fast-check";
import {
  countNoun,
  formatCount,
  formatCountSum,
  formatDate,
  formatLines,
  formatNumber,
  formatPartlyWithheld,
  formatPercent,
  formatPeriod,
  formatPlace,
  formatPValue,
  formatRange,
  formatRecordCount,
  formatShare,
  formatStatedPercent,
  formatWithheld,
  formatWithheldRows,
  listText
} from "../../../src/lib/present/index.js";
import {sumCounts} from "../../../src/lib/core/withheld.js";

test("counts carry thousands separators; numbers keep the decimals asked for", () => {
  assert.equal(formatCount(11599), "11,599");
  assert.equal(formatCount(0), "0");
  assert.equal(formatCount(1_000_000), "1,000,000");
  assert.equal(formatCount(2.5), "2.5", "a fraction is not rounded away");
  assert.equal(formatNumber(3.997, {digits: 1}), "4.0");
  assert.equal(formatNumber(3.997, {digits: 1, trim: true}), "4");
  assert.equal(formatNumber(0.9, {digits: 2, trim: true}), "0.9");
  assert.equal(formatNumber(1234.5678, {digits: 2}), "1,234.57");
  assert.equal(formatNumber(-0.01, {digits: 1}), "0.0", "no negative zero");
  assert.equal(formatNumber(NaN), "–");
  assert.equal(formatNumber(Infinity, {digits: 2}), "–");
});

test("a share (0..1) and a percentage (0..100) are named apart and read the same", () => {
  assert.equal(formatShare(0.387), "39%");
  assert.equal(formatShare(12 / 31, {digits: 1}), "38.7%");
  assert.equal(formatShare(0.2, {digits: 1}), "20.0%", "tables keep their decimals so columns line up");
  assert.equal(formatShare(0.95), "95%");
  assert.equal(formatPercent(38.7), "38.7%");
  assert.equal(formatPercent(38.7, {digits: 0}), "39%");
  assert.equal(formatPercent(93), "93.0%");
  assert.equal(formatStatedPercent(93), "93%");
  assert.equal(formatStatedPercent(38.5), "38.5%");
  assert.equal(formatStatedPercent(0.35 * 49 + 0.65 * 28), "35.35%", "a blend's floating-point tail is not shown");
  assert.equal(formatShare(NaN), "–");
  // The same number reads the same whichever scale it comes on.
  fc.assert(
    fc.property(fc.integer({min: 0, max: 1000}), fc.integer({min: 1, max: 1000}), (k, n) => {
      const share = Math.min(k, n) / n;
      return formatShare(share, {digits: 1}) === formatPercent(100 * share, {digits: 1});
    })
  );
});

test("p-values to the precision they deserve", () => {
  assert.equal(formatPValue(0.04321), "0.04");
  assert.equal(formatPValue(0.004321), "0.004");
  assert.equal(formatPValue(0.00071953), "less than 0.001");
  assert.equal(formatPValue(1), "1.00");
});

test("ranges: exact, bounded and open", () => {
  assert.equal(formatRange(985, 1016), "985 to 1,016");
  assert.equal(formatRange(4, 4), "4");
  assert.equal(formatRange(985, null), "at least 985");
  assert.equal(formatRange(985, Infinity), "at least 985");
  assert.equal(
    formatRange(0.5, 1.5, (x) => formatNumber(x, {digits: 1})),
    "0.5 to 1.5"
  );
});

test("dates and periods", () => {
  assert.equal(formatDate("2013-07-01"), "1 July 2013");
  assert.equal(formatDate("2015-08"), "August 2015");
  assert.equal(formatDate("2016"), "2016");
  assert.equal(formatDate("2015-13-01"), "2015-13-01", "not a month: kept as written");
  assert.equal(formatDate(null), "an unstated date");
  assert.equal(formatDate(null, {missing: "no date"}), "no date");
  assert.equal(formatPeriod("2013-07-01", "2015-12-31"), "1 July 2013 to 31 December 2015");
});

test("prose lists and counted nouns", () => {
  assert.equal(listText([]), "");
  assert.equal(listText(["a"]), "a");
  assert.equal(listText(["a", "b"]), "a and b");
  assert.equal(listText(["a", "b", "c"]), "a, b and c");
  assert.equal(listText(["e-mail", "internet"], {conjunction: "or"}), "e-mail or internet");
  assert.equal(countNoun(1, "row"), "1 row");
  assert.equal(countNoun(2, "row"), "2 rows");
  assert.equal(countNoun(1250, "reply", "replies"), "1,250 replies");
});

test("citations name the file, answer and lines", () => {
  assert.equal(formatLines(28), "line 28");
  assert.equal(formatLines(28, 28), "line 28");
  assert.equal(formatLines(28, 30), "lines 28-30");
  const place = {file: "responses/x.txt", answer: 7, line: 28, endLine: 30};
  assert.equal(formatPlace(place), "responses/x.txt, answer 7, lines 28-30");
  assert.equal(formatPlace(place, {withFile: false}), "answer 7, lines 28-30");
  assert.equal(formatPlace({file: "responses/x.meta.json", answer: null, line: null}), "responses/x.meta.json");
});

test("withheld counts are never shown as 0: the words follow core/withheld.ts", () => {
  assert.equal(formatRecordCount({count: 12, countBounds: null}), "12");
  assert.equal(formatRecordCount({count: 0, countBounds: null}), "0", "a count of 0 the council gave is a 0");
  assert.equal(formatRecordCount({count: null, countBounds: [1, 4]}), "withheld (1 to 4)");
  assert.equal(formatRecordCount({count: null, countBounds: null}), "withheld");
  assert.equal(formatWithheld([3, 3]), "withheld (3)");
  assert.equal(formatPartlyWithheld(5), "5 + withheld");
  assert.equal(formatPartlyWithheld(1250), "1,250 + withheld");
  assert.equal(formatPartlyWithheld(formatPercent(38.7)), "38.7% + withheld");
  assert.equal(formatWithheldRows(1), "1 row withheld");
  assert.equal(formatWithheldRows(2), "2 rows withheld");
  assert.equal(formatCountSum(sumCounts([{count: 31, countBounds: null}])), "31");
  assert.equal(
    formatCountSum(
      sumCounts([
        {count: 3, countBounds: null},
        {count: null, countBounds: null}
      ])
    ),
    "at least 4 (1 row withheld)"
  );
  assert.equal(
    formatCountSum(
      sumCounts([
        {count: 4, countBounds: null},
        {count: null, countBounds: [1, 4]}
      ])
    ),
    "5 to 8 (1 row withheld)"
  );
  // Whatever is withheld, the words never claim an exact number, and never read 0 for a withheld row.
  const record = fc.oneof(
    fc.record({count: fc.integer({min: 0, max: 50}), countBounds: fc.constant(null)}),
    fc.record({
      count: fc.constant(null),
      countBounds: fc.oneof(fc.constant(null), fc.tuple(fc.integer({min: 1, max: 4}), fc.integer({min: 4, max: 9})))
    })
  );
  fc.assert(
    fc.property(fc.array(record, {minLength: 1, maxLength: 8}), (records) => {
      const sum = sumCounts(records);
      const text = formatCountSum(sum);
      if (sum.withheldRows === 0) return text === formatCount(sum.known);
      return (
        text.includes(formatWithheldRows(sum.withheldRows)) &&
        !/^0\b/.test(text) &&
        (sum.max == null ? text.startsWith("at least") : true)
      );
    })
  );
});
