// The kit's one pivot against the real Leicester reply, against made-up records
// (withheld counts, several authorities: made up here, for tests only), against
// arquero on SYNTHETIC records (tools/synthetic.ts), and as properties that
// must hold for any records.
import assert from "node:assert/strict";
import {test} from "node:test";
import fc from "fast-check";
import {csvParseRows} from "d3-dsv";
import {loadMappings, readReply} from "../../../src/lib/read/replies.js";
import {listReplies} from "../../../src/lib/read/reply-files.js";
import {outcomeOrder} from "../../../src/lib/parse/mappings.js";
import {aq} from "../../../tools/aq.js";
import {formatCell, recordSource} from "../../../src/lib/pivot/format.js";
import {cellAt, pivot, recordsAt, type PivotOptions, type PivotSpec} from "../../../src/lib/pivot/pivot.js";
import {pivotCsv, pivotRows} from "../../../src/lib/pivot/pivot-csv.js";
import {AGE_BANDS, OUTCOME_TIERS, type CaseRecord} from "../../../src/lib/core/types.js";
import {generateSyntheticRecords, SYNTHETIC_AGE_BANDS, SYNTHETIC_OUTCOMES} from "../../../tools/synthetic.js";

const mappings = loadMappings();
const orders = {ageBands: AGE_BANDS, outcomes: outcomeOrder(mappings)};
const seed = (await Promise.all(listReplies().map((path) => readReply(path, mappings)))).flatMap((r) => r.records);
const spec = (over: Partial<PivotSpec> = {}): PivotSpec => ({
  rows: "ageBand",
  cols: "outcome",
  measure: "count",
  authorities: null,
  excludeNoCase: false,
  ...over
});
const totalsOf = (cells: {row: string | null; col: string | null; known: number}[], key: "row" | "col") =>
  Object.fromEntries(cells.map((c) => [c[key], c.known]));

test("the seed by age band and outcome: age bands in order (16-24 first, empty), outcomes in severity order", () => {
  const result = pivot(seed, {...spec(), orders});
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

test("the pivot agrees with arquero's groupby/rollup on the seed", () => {
  const result = pivot(seed, {...spec(), orders});
  const rolled = aq
    .from(seed.map((r) => ({row: r.ageBand, col: r.outcome, count: r.count})))
    .groupby("row", "col")
    .rollup({known: aq.op.sum("count")});
  const tab = new Map(
    (rolled.objects() as {row: string; col: string; known: number | null}[]).map((o) => [
      `${o.row}\u0000${o.col}`,
      o.known ?? 0
    ])
  );
  result.rowKeys.forEach((r, i) =>
    result.colKeys.forEach((c, j) =>
      assert.equal(result.cells[i][j].known, tab.get(`${r}\u0000${c}`) ?? 0, `${r} × ${c}`)
    )
  );
});

test("percentages: of the total, of each row and of each column", () => {
  const byTotal = pivot(seed, {...spec({measure: "pctTotal"}), orders});
  assert.equal(byTotal.total.value, 100);
  assert.equal(formatCell(byTotal.colTotals[0], "pctTotal"), "38.7%"); // 12 of 31
  const byRow = pivot(seed, {...spec({measure: "pctRow"}), orders});
  assert.equal(byRow.rowTotals[0].value, null, "16-24 has no one: a share of nothing is not 0%");
  assert.equal(formatCell(byRow.cells[0][0], "pctRow"), "–");
  for (let i = 1; i < byRow.rowKeys.length; i++) {
    assert.equal(byRow.rowTotals[i].value, 100);
    assert.ok(Math.abs(byRow.cells[i].reduce((s, c) => s + (c.value ?? 0), 0) - 100) < 1e-9);
  }
  assert.equal(formatCell(byRow.cells[2][0], "pctRow"), "50.0%"); // 35-44: 6 of 12 no case to answer
  const byCol = pivot(seed, {...spec({measure: "pctCol"}), orders});
  const fww = byCol.colKeys.indexOf("final written warning");
  assert.equal(byCol.colTotals[fww].value, 100);
  assert.equal(formatCell(byCol.cells[1][fww], "pctCol"), "42.9%"); // 25-34: 3 of 7
});

test("leaving out no case to answer drops its column and its 12 employees", () => {
  const result = pivot(seed, {...spec({excludeNoCase: true}), orders});
  assert.ok(!result.colKeys.includes("no case to answer"));
  assert.equal(result.total.known, 19);
  assert.equal(result.leftOut, seed.filter((r) => r.outcome === "no case to answer").length);
  assert.deepEqual(totalsOf(result.rowTotals, "row"), {"16-24": 0, "25-34": 9, "35-44": 6, "45-54": 2, "55+": 2});
});

test("tiers follow OUTCOME_TIERS; upheld or not", () => {
  const tiers = pivot(seed, {...spec({cols: "tier"}), orders});
  assert.deepEqual(tiers.colKeys.slice(0, OUTCOME_TIERS.length), [...OUTCOME_TIERS]);
  assert.equal(totalsOf(tiers.colTotals, "col")["no action"], 12);
  const upheld = pivot(seed, {...spec({rows: "upheld", cols: "ageBand"}), orders});
  assert.deepEqual(upheld.rowKeys.slice(0, 2), ["upheld", "not upheld"]);
  assert.equal(totalsOf(upheld.rowTotals, "row")["not upheld"], 12);
  assert.equal(upheld.total.known, 31);
});

test("a cell lists the records behind it, with the reply's file and line", () => {
  const result = pivot(seed, {...spec(), orders});
  const cell = cellAt(result, {row: "25-34", col: "final written warning"})!;
  assert.equal(cell.known, 3);
  const behind = recordsAt(result, {row: "25-34", col: "final written warning"});
  assert.equal(behind.length, cell.lines);
  assert.equal(
    behind.reduce((s, r) => s + (r.count ?? 0), 0),
    3
  );
  assert.equal(recordSource(behind[0]), "responses/leicester-city-council-2016.txt:49");
  assert.ok(behind[0].lineText.includes("final written warning"));
  assert.equal(cellAt(result, {row: "25-34", col: null}), result.rowTotals[1]);
  assert.equal(cellAt(result, {row: null, col: null}), result.total);
  assert.equal(cellAt(result, {row: "no such band", col: null}), null);
  assert.deepEqual(recordsAt(result, {row: "no such band", col: null}), []);
  assert.deepEqual(recordsAt(result, {row: "16-24", col: null}), [], "16-24 is in the table, with no line behind it");
  assert.deepEqual(recordsAt(result, {row: null, col: null}), seed, "the grand total: every line, in order");
});

// --- made-up records, for tests only ---
let line = 0;
const made = (over: Partial<CaseRecord>): CaseRecord => ({
  authority: "Made-up Council A",
  file: "responses/made-up.txt",
  ageBand: "25-34",
  ageRaw: "25-34",
  outcome: "dismissal",
  outcomeRaw: "dismissal",
  tier: "exit",
  severity: 6,
  upheld: true,
  count: 1,
  suppressed: false,
  countBounds: null,
  countRaw: "1",
  line: ++line,
  firstLine: line,
  lineText: "made up",
  ...over
});

test("withheld counts read as withheld, never as 0, and are kept out of sums and shares", () => {
  const records = [
    made({count: 5, countRaw: "5"}),
    made({count: null, suppressed: true, countBounds: [1, 4], countRaw: "<5"}),
    made({ageBand: "35-44", count: null, suppressed: true, countBounds: [1, 4], countRaw: "<5"}),
    made({ageBand: "45-54", count: null, suppressed: true, countBounds: null, countRaw: "*"})
  ];
  const result = pivot(records, {...spec(), orders});
  const dismissal = result.colKeys.indexOf("dismissal");
  assert.equal(formatCell(result.cells[1][dismissal], "count"), "5 + withheld");
  assert.equal(formatCell(result.cells[2][dismissal], "count"), "withheld (1 to 4)"); // the one wording for withheld counts: src/lib/present/withheld-words.ts
  assert.equal(formatCell(result.cells[3][dismissal], "count"), "withheld");
  assert.equal(formatCell(result.cells[2][dismissal], "pctTotal"), "withheld");
  assert.deepEqual([result.cells[1][dismissal].min, result.cells[1][dismissal].max], [6, 9]);
  assert.equal(result.total.known, 5);
  assert.equal(result.total.withheldRows, 3);
  assert.equal(result.total.max, null, "one withheld count states no bounds");
  assert.equal(result.total.min, 5 + 1 + 1 + 1, "a withheld count with no bounds is at least 1");
  assert.deepEqual([result.cells[3][dismissal].min, result.cells[3][dismissal].max], [1, null]);
  assert.equal(formatCell(result.total, "count"), "5 + withheld");
  const csv = csvParseRows(pivotCsv(result));
  assert.equal(csv[3][1 + dismissal], "withheld");
  assert.equal(csv.at(-1)!.at(-1), "5 + withheld");
  assert.equal(csv[3].at(-1), "withheld", "35-44's total is all withheld: not 0");
  assert.equal(pivotRows(result)[3].at(-1), "withheld");
});

test("several authorities: a dimension and a filter", () => {
  const records = [
    made({count: 2}),
    made({authority: "Made-up Council B", count: 3}),
    made({authority: "Made-up Council B", ageBand: "55+", count: 1})
  ];
  const both = pivot(records, {...spec({rows: "authority", cols: "ageBand"}), orders});
  assert.deepEqual(both.rowKeys, ["Made-up Council A", "Made-up Council B"]);
  assert.deepEqual(totalsOf(both.rowTotals, "row"), {"Made-up Council A": 2, "Made-up Council B": 4});
  const onlyB = pivot(records, {...spec({authorities: ["Made-up Council B"]}), orders});
  assert.equal(onlyB.total.known, 4);
  assert.equal(onlyB.leftOut, 1);
});

test("the CSV is the table: header, one line per row key, totals last", () => {
  const result = pivot(seed, {...spec({measure: "pctRow"}), orders});
  const rows = csvParseRows(pivotCsv(result));
  assert.deepEqual(rows[0].slice(1), [...result.colKeys, "Total"]);
  assert.deepEqual(
    rows.slice(1).map((r) => r[0]),
    [...result.rowKeys, "Total"]
  );
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
    fc.property(
      fc.array(anyRecord, {maxLength: 40}),
      fc.constantFrom("ageBand", "outcome", "upheld", "authority"),
      fc.boolean(),
      (rows, colDim, excludeNoCase) => {
        const records = rows.map((r) => made({...r, count: r.count ?? null, suppressed: r.count == null, tier: null}));
        const result = pivot(records, {
          ...spec({cols: colDim === "ageBand" ? "tier" : (colDim as PivotSpec["cols"]), excludeNoCase}),
          orders
        });
        const sum = (cells: {known: number}[]) => cells.reduce((s, c) => s + c.known, 0);
        result.cells.forEach((row, i) => assert.equal(sum(row), result.rowTotals[i].known));
        result.colKeys.forEach((_, j) =>
          assert.equal(sum(result.cells.map((row) => row[j])), result.colTotals[j].known)
        );
        assert.equal(sum(result.rowTotals), result.total.known);
        const placed = result.cells.flat().flatMap((c) => recordsAt(result, c));
        const kept = recordsAt(result, {row: null, col: null});
        assert.equal(placed.length, kept.length);
        assert.equal(new Set(placed).size, placed.length);
        assert.equal(kept.length + result.leftOut, records.length);
        assert.equal(
          result.total.known,
          kept.reduce((s, r) => s + (r.count ?? 0), 0)
        );
      }
    )
  );
});

// --- the public pivot() against arquero on generated data, withheld counts included ---

/** Per cell, what arquero's groupby/rollup gives for the same view: known sum, rows, and the withheld rule's range. */
function arqueroCells(
  records: readonly CaseRecord[],
  s: PivotSpec
): Map<string, {known: number; knownRows: number; withheldRows: number; min: number; max: number | null}> {
  const label = (v: unknown) =>
    v === true ? "upheld" : v === false ? "not upheld" : v == null ? "unknown" : String(v);
  const table = aq
    .from(
      records.map((r) => ({
        row: label(r[s.rows]),
        col: s.cols ? label(r[s.cols]) : "",
        authority: r.authority,
        outcome: r.outcome,
        count: r.count,
        withheld: r.count == null ? 1 : 0,
        // The one rule, written out again: stated bounds, else at least 1 with no upper bound.
        lo: r.count ?? r.countBounds?.[0] ?? 1,
        hi: r.count ?? r.countBounds?.[1] ?? Infinity
      }))
    )
    .filter(
      aq.escape(
        (d: {authority: string; outcome: string}) =>
          (!s.authorities || s.authorities.includes(d.authority)) &&
          !(s.excludeNoCase && d.outcome === "no case to answer")
      )
    );
  const out = new Map();
  const rollup = (groups: string[]) =>
    (groups.length ? table.groupby(...groups) : table)
      .rollup({
        known: aq.op.sum("count"),
        knownRows: aq.op.valid("count"),
        withheldRows: aq.op.sum("withheld"),
        min: aq.op.sum("lo"),
        max: aq.op.sum("hi")
      })
      .objects() as {
      row?: string;
      col?: string;
      known: number | null;
      knownRows: number;
      withheldRows: number;
      min: number;
      max: number;
    }[];
  if (table.numRows() === 0) return out;
  for (const [groups, key] of [
    [["row", "col"], (o: {row?: string; col?: string}) => `${o.row}|${o.col}`],
    [["row"], (o: {row?: string}) => `${o.row}|*`],
    [["col"], (o: {col?: string}) => `*|${o.col}`],
    [[], () => "*|*"]
  ] as const) {
    for (const o of rollup([...groups])) {
      out.set(key(o), {
        known: o.known ?? 0,
        knownRows: o.knownRows,
        withheldRows: o.withheldRows,
        min: o.min,
        max: o.max === Infinity ? null : o.max
      });
    }
  }
  return out;
}

function assertMatchesArquero(records: readonly CaseRecord[], options: PivotOptions, what: string) {
  const result = pivot(records, options);
  const expected = arqueroCells(records, result.spec);
  const cells = [
    ...result.cells.flat(),
    ...result.rowTotals,
    ...(result.spec.cols ? result.colTotals : []),
    result.total
  ];
  for (const c of cells) {
    const key = `${c.row ?? "*"}|${c.col ?? "*"}`;
    const want = expected.get(key) ?? {known: 0, knownRows: 0, withheldRows: 0, min: 0, max: 0};
    assert.deepEqual(
      {known: c.known, knownRows: c.knownRows, withheldRows: c.withheldRows, min: c.min, max: c.max},
      want,
      `${what}: cell ${key}`
    );
    if (c.withheldRows > 0)
      assert.ok(c.min >= c.known + c.withheldRows, `${what}: a withheld count is at least 1, never 0`);
  }
  const kept = recordsAt(result, {row: null, col: null});
  assert.equal(result.leftOut, records.length - kept.length, what);
  return result;
}

/** SYNTHETIC records (tools/synthetic.ts), with every third withheld count stating no bounds ("*"). */
function syntheticWithUnbounded(n: number, seed: number): CaseRecord[] {
  let k = 0;
  return generateSyntheticRecords(n, seed).map((r) =>
    r.count == null && k++ % 3 === 0 ? {...r, countBounds: null, countRaw: "*"} : r
  );
}

test("pivot() matches arquero on SYNTHETIC records: cells, totals, withheld rows and ranges, filters", () => {
  const records = syntheticWithUnbounded(20_000, 7);
  const synthOrders = {ageBands: SYNTHETIC_AGE_BANDS as string[], outcomes: SYNTHETIC_OUTCOMES.map((o) => o.outcome)};
  assert.ok(
    records.some((r) => r.count == null && r.countBounds) && records.some((r) => r.count == null && !r.countBounds)
  );
  const authorities = ["Synthetic Authority 001", "Synthetic Authority 007", "Synthetic Authority 399"];
  for (const s of [
    spec(),
    spec({rows: "outcome", cols: "ageBand", measure: "pctCol"}),
    spec({rows: "tier", cols: "upheld", excludeNoCase: true}),
    spec({rows: "authority", cols: "tier", authorities}),
    spec({rows: "upheld", cols: null}),
    spec({rows: "ageBand", cols: "authority", authorities: authorities.slice(0, 2), excludeNoCase: true})
  ]) {
    const result = assertMatchesArquero(records, {...s, orders: synthOrders}, `${s.rows} × ${s.cols}`);
    // The lines behind a cell are the records arquero's filter finds for it.
    const i = result.rowKeys.findIndex((_, r) => result.rowTotals[r].withheldRows > 0);
    if (i >= 0) {
      const behind = recordsAt(result, {row: result.rowKeys[i], col: null});
      assert.equal(behind.length, result.rowTotals[i].lines);
      assert.equal(behind.filter((r) => r.count == null).length, result.rowTotals[i].withheldRows);
    }
  }
});

test("property: pivot() matches arquero on random records, withheld counts with and without bounds", () => {
  const record = fc.record({
    authority: fc.constantFrom("Made-up Council A", "Made-up Council B", "Made-up Council C"),
    ageBand: fc.constantFrom(...AGE_BANDS, "unknown" as const),
    outcome: fc.constantFrom(...orders.outcomes.slice(0, 4), "something unmapped"),
    tier: fc.constantFrom(...OUTCOME_TIERS, null),
    upheld: fc.constantFrom(true, false, null),
    count: fc.option(fc.integer({min: 0, max: 30}), {freq: 3}),
    bounds: fc.option(fc.constantFrom<[number, number]>([1, 4], [1, 9], [5, 10]), {freq: 2})
  });
  const dimension = fc.constantFrom<PivotSpec["rows"]>("ageBand", "outcome", "tier", "upheld", "authority");
  fc.assert(
    fc.property(
      fc.array(record, {maxLength: 50}),
      dimension,
      fc.option(dimension),
      fc.constantFrom("count", "pctRow"),
      fc.boolean(),
      fc.option(fc.subarray(["Made-up Council A", "Made-up Council C"], {minLength: 1})),
      (rows, r, c, measure, excludeNoCase, authorities) => {
        const records = rows.map((x) =>
          made({...x, count: x.count, suppressed: x.count == null, countBounds: x.count == null ? x.bounds : null})
        );
        const cols = c === r ? null : c;
        assertMatchesArquero(
          records,
          {rows: r, cols, measure: measure as PivotSpec["measure"], excludeNoCase, authorities, orders},
          "random records"
        );
      }
    ),
    {numRuns: 200, seed: 20240601}
  );
});
