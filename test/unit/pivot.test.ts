// The explorer's pivot against the real Leicester reply, against made-up records
// (withheld counts, several authorities: made up here, for tests only), and as
// properties that must hold for any records.
import assert from "node:assert/strict";
import {test} from "node:test";
import fc from "fast-check";
import {csvParseRows} from "d3-dsv";
import {listReplies, loadMappings, readReply} from "../../src/lib/read/replies.js";
import {outcomeOrder} from "../../src/lib/parse/mappings.js";
import {cellAt, crossTab, formatCell, pivot, recordSource, type PivotSpec} from "../../src/lib/pivot/model.js";
import {pivotCsv, pivotRows} from "../../src/lib/pivot/csv.js";
import {AGE_BANDS, OUTCOME_TIERS, type CaseRecord} from "../../src/lib/types.js";

const mappings = loadMappings();
const orders = {ageBands: AGE_BANDS, outcomes: outcomeOrder(mappings)};
const seed = (await Promise.all(listReplies().map((path) => readReply(path, mappings)))).flatMap((r) => r.records);
const spec = (over: Partial<PivotSpec> = {}): PivotSpec => ({rows: "ageBand", cols: "outcome", measure: "count", authorities: null, excludeNoCase: false, ...over});
const totalsOf = (cells: {row: string | null; col: string | null; known: number}[], key: "row" | "col") => Object.fromEntries(cells.map((c) => [c[key], c.known]));

test("the seed by age band and outcome: age bands in order (16-24 first, empty), outcomes in severity order", () => {
  const result = pivot(seed, spec(), orders);
  assert.deepEqual(result.rowKeys, ["16-24", "25-34", "35-44", "45-54", "55+"]);
  assert.deepEqual(totalsOf(result.rowTotals, "row"), {"16-24": 0, "25-34": 11, "35-44": 12, "45-54": 4, "55+": 4});
  assert.equal(result.colKeys[0], "no case to answer");
  assert.deepEqual(result.colKeys, orders.outcomes);
  const cols = totalsOf(result.colTotals, "col");
  assert.equal(cols["no case to answer"], 12);
  assert.equal(cols["final written warning"], 7);
  assert.equal(result.total.known, 31);
  assert.equal(result.leftOut, 0);
  assert.equal(formatCell(result.rowTotals[0], "count"), "0");
});

test("the pivot agrees with the older crossTab the home page used", () => {
  const result = pivot(seed, spec(), orders);
  const tab = crossTab(seed, "ageBand", "outcome");
  result.rowKeys.forEach((r, i) => result.colKeys.forEach((c, j) => assert.equal(result.cells[i][j].known, tab.cells.get(`${r}\u0000${c}`) ?? 0, `${r} × ${c}`)));
});

test("percentages: of the total, of each row and of each column", () => {
  const byTotal = pivot(seed, spec({measure: "pctTotal"}), orders);
  assert.equal(byTotal.total.value, 100);
  assert.equal(formatCell(byTotal.colTotals[0], "pctTotal"), "38.7%"); // 12 of 31
  const byRow = pivot(seed, spec({measure: "pctRow"}), orders);
  assert.equal(byRow.rowTotals[0].value, null, "16-24 has no one: a share of nothing is not 0%");
  assert.equal(formatCell(byRow.cells[0][0], "pctRow"), "–");
  for (let i = 1; i < byRow.rowKeys.length; i++) {
    assert.equal(byRow.rowTotals[i].value, 100);
    assert.ok(Math.abs(byRow.cells[i].reduce((s, c) => s + (c.value ?? 0), 0) - 100) < 1e-9);
  }
  assert.equal(formatCell(byRow.cells[2][0], "pctRow"), "50.0%"); // 35-44: 6 of 12 no case to answer
  const byCol = pivot(seed, spec({measure: "pctCol"}), orders);
  const fww = byCol.colKeys.indexOf("final written warning");
  assert.equal(byCol.colTotals[fww].value, 100);
  assert.equal(formatCell(byCol.cells[1][fww], "pctCol"), "42.9%"); // 25-34: 3 of 7
});

test("leaving out no case to answer drops its column and its 12 employees", () => {
  const result = pivot(seed, spec({excludeNoCase: true}), orders);
  assert.ok(!result.colKeys.includes("no case to answer"));
  assert.equal(result.total.known, 19);
  assert.equal(result.leftOut, seed.filter((r) => r.outcome === "no case to answer").length);
  assert.deepEqual(totalsOf(result.rowTotals, "row"), {"16-24": 0, "25-34": 9, "35-44": 6, "45-54": 2, "55+": 2});
});

test("tiers follow OUTCOME_TIERS; upheld or not", () => {
  const tiers = pivot(seed, spec({cols: "tier"}), orders);
  assert.deepEqual(tiers.colKeys.slice(0, OUTCOME_TIERS.length), [...OUTCOME_TIERS]);
  assert.equal(totalsOf(tiers.colTotals, "col")["no action"], 12);
  const upheld = pivot(seed, spec({rows: "upheld", cols: "ageBand"}), orders);
  assert.deepEqual(upheld.rowKeys.slice(0, 2), ["upheld", "not upheld"]);
  assert.equal(totalsOf(upheld.rowTotals, "row")["not upheld"], 12);
  assert.equal(upheld.total.known, 31);
});

test("a cell lists the records behind it, with the reply's file and line", () => {
  const result = pivot(seed, spec(), orders);
  const cell = cellAt(result, {row: "25-34", col: "final written warning"})!;
  assert.equal(cell.known, 3);
  assert.equal(cell.records.reduce((s, r) => s + (r.count ?? 0), 0), 3);
  assert.equal(recordSource(cell.records[0]), "responses/leicester-city-council-2016.txt:49");
  assert.ok(cell.records[0].lineText.includes("final written warning"));
  assert.equal(cellAt(result, {row: "25-34", col: null}), result.rowTotals[1]);
  assert.equal(cellAt(result, {row: null, col: null}), result.total);
  assert.equal(cellAt(result, {row: "no such band", col: null}), null);
});

// --- made-up records, for tests only ---
let line = 0;
const made = (over: Partial<CaseRecord>): CaseRecord => ({
  authority: "Made-up Council A", file: "responses/made-up.txt", ageBand: "25-34", ageRaw: "25-34", outcome: "dismissal", outcomeRaw: "dismissal",
  tier: "exit", severity: 6, upheld: true, count: 1, suppressed: false, countBounds: null, countRaw: "1", line: ++line, firstLine: line, lineText: "made up", ...over
});

test("withheld counts read as withheld, never as 0, and are kept out of sums and shares", () => {
  const records = [
    made({count: 5, countRaw: "5"}),
    made({count: null, suppressed: true, countBounds: [1, 4], countRaw: "<5"}),
    made({ageBand: "35-44", count: null, suppressed: true, countBounds: [1, 4], countRaw: "<5"}),
    made({ageBand: "45-54", count: null, suppressed: true, countBounds: null, countRaw: "*"})
  ];
  const result = pivot(records, spec(), orders);
  const dismissal = result.colKeys.indexOf("dismissal");
  assert.equal(formatCell(result.cells[1][dismissal], "count"), "5 + withheld");
  assert.equal(formatCell(result.cells[2][dismissal], "count"), "withheld (1–4)");
  assert.equal(formatCell(result.cells[3][dismissal], "count"), "withheld");
  assert.equal(formatCell(result.cells[2][dismissal], "pctTotal"), "withheld");
  assert.deepEqual(result.cells[1][dismissal].bounds, [6, 9]);
  assert.equal(result.total.known, 5);
  assert.equal(result.total.withheldRows, 3);
  assert.equal(result.total.bounds, null, "one withheld count states no bounds");
  assert.equal(formatCell(result.total, "count"), "5 + withheld");
  const csv = csvParseRows(pivotCsv(result));
  assert.equal(csv[3][1 + dismissal], "withheld");
  assert.equal(csv.at(-1)!.at(-1), "5 + withheld");
  assert.equal(csv[3].at(-1), "withheld", "35-44's total is all withheld: not 0");
  assert.equal(pivotRows(result)[3].at(-1), "withheld");
});

test("several authorities: a dimension and a filter", () => {
  const records = [made({count: 2}), made({authority: "Made-up Council B", count: 3}), made({authority: "Made-up Council B", ageBand: "55+", count: 1})];
  const both = pivot(records, spec({rows: "authority", cols: "ageBand"}), orders);
  assert.deepEqual(both.rowKeys, ["Made-up Council A", "Made-up Council B"]);
  assert.deepEqual(totalsOf(both.rowTotals, "row"), {"Made-up Council A": 2, "Made-up Council B": 4});
  const onlyB = pivot(records, spec({authorities: ["Made-up Council B"]}), orders);
  assert.equal(onlyB.total.known, 4);
  assert.equal(onlyB.leftOut, 1);
});

test("the CSV is the table: header, one line per row key, totals last", () => {
  const result = pivot(seed, spec({measure: "pctRow"}), orders);
  const rows = csvParseRows(pivotCsv(result));
  assert.deepEqual(rows[0].slice(1), [...result.colKeys, "Total"]);
  assert.deepEqual(rows.slice(1).map((r) => r[0]), [...result.rowKeys, "Total"]);
  assert.deepEqual(rows[2].slice(1, 3), ["18.2", "0.0"]); // 25-34: 2 of 11 no case to answer
  assert.equal(rows[1].at(-1), "", "16-24 has no one: no share");
});

const anyRecord = fc.record({
  authority: fc.constantFrom("A", "B"),
  ageBand: fc.constantFrom(...AGE_BANDS, "unknown" as const),
  outcome: fc.constantFrom(...orders.outcomes, "something unmapped"),
  count: fc.option(fc.integer({min: 0, max: 50}), {freq: 4}),
  upheld: fc.constantFrom(true, false, null)
});

test("property: cells add up to their row and column totals, and every record lands in exactly one cell", () => {
  fc.assert(
    fc.property(fc.array(anyRecord, {maxLength: 40}), fc.constantFrom("ageBand", "outcome", "upheld", "authority"), fc.boolean(), (rows, colDim, excludeNoCase) => {
      const records = rows.map((r) => made({...r, count: r.count ?? null, suppressed: r.count == null, tier: null}));
      const result = pivot(records, spec({cols: colDim === "ageBand" ? "tier" : (colDim as PivotSpec["cols"]), excludeNoCase}), orders);
      const sum = (cells: {known: number}[]) => cells.reduce((s, c) => s + c.known, 0);
      result.cells.forEach((row, i) => assert.equal(sum(row), result.rowTotals[i].known));
      result.colKeys.forEach((_, j) => assert.equal(sum(result.cells.map((row) => row[j])), result.colTotals[j].known));
      assert.equal(sum(result.rowTotals), result.total.known);
      const placed = result.cells.flat().flatMap((c) => c.records);
      assert.equal(placed.length, result.records.length);
      assert.equal(new Set(placed).size, placed.length);
      assert.equal(result.records.length + result.leftOut, records.length);
      assert.equal(result.total.known, result.records.reduce((s, r) => s + (r.count ?? 0), 0));
    })
  );
});
