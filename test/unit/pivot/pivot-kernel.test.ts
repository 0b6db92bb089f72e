/**
 * Tests of the pivot kernel (src/lib/pivot/cube.ts, accumulate.ts, kernel.ts)
 * against arquero and a naive reference, withheld ranges included, on
 * SYNTHETIC records (tools/synthetic.ts) and random small sets.
 * The kernel gives the same table pivot() returns (PivotTable): figures per cell
 * and margin as objects. No timing assertions here.
 */
import {test} from "node:test";
import assert from "node:assert/strict";
import * as m from "arquero";
import fc from "fast-check";
import {cubeFromColumns, prepareCube, type Cube} from "../../../src/lib/pivot/cube.js";
import {
  pivotCube,
  type CubePivotOptions as PivotOptions,
  type PivotCell,
  type PivotTable
} from "../../../src/lib/pivot/kernel.js";
import {generateSyntheticColumns, syntheticRecordsFromColumns} from "../../../tools/synthetic.js";
import {AGE_BANDS, type CaseRecord} from "../../../src/lib/core/types.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const aq = ((m as any).default ?? m) as any;

const DIMS = ["ageBand", "outcome", "tier", "upheld", "authority"];
type Rec = Record<string, unknown>;
/** The one column of a one-dimensional pivot, in the references below (the kernel gives its rows' totals). */
const ALL = Symbol("all");

/** A key that keeps values' identity: "null", null and undefined differ, as do "true" and true. */
function vk(v: unknown): string {
  return `${typeof v}:${v === null ? "null" : String(v)}`;
}

interface Figures {
  records: number;
  sum: number;
  withheld: number;
  /** The range the true sum can take: withheld counts at their stated bounds, else at least 1 with no upper bound. */
  min: number;
  max: number;
}

/** The one rule for a record's count (src/lib/core/withheld.ts), written out again as the reference. */
function rangeOf(r: Rec): [number, number] {
  if (typeof r.count === "number") return [r.count, r.count];
  if (r.count !== null) return [0, 0];
  const b = r.countBounds as [number, number] | null | undefined;
  return b ? [b[0], b[1]] : [1, Infinity];
}

/** A cell's figures as the references count them (no upper bound is Infinity there). */
function figuresOf(cell: PivotCell<unknown>): Figures {
  return {records: cell.lines, sum: cell.known, withheld: cell.withheldRows, min: cell.min, max: cell.max ?? Infinity};
}

/** The cells with records, by row and column key; a one-dimensional pivot's are its rows' totals. */
function kernelMap(result: PivotTable): Map<string, Figures> {
  const out = new Map<string, Figures>();
  const cells = result.colKeys.length ? result.cells.flat() : result.rowTotals.map((c) => ({...c, col: ALL}));
  for (const cell of cells) if (cell.lines) out.set(`${vk(cell.row)}|${vk(cell.col)}`, figuresOf(cell));
  return out;
}

function inSet(set: ReadonlySet<unknown> | ReadonlyArray<unknown>, v: unknown): boolean {
  return Array.isArray(set) ? set.includes(v) : (set as ReadonlySet<unknown>).has(v);
}

/** Plain JS predicate equivalent to the options' filters and exclusions. */
function predicate(options: PivotOptions): (r: Rec) => boolean {
  return (r) => {
    for (const [dim, set] of Object.entries(options.filters ?? {})) {
      if (set != null && !inSet(set, r[dim])) return false;
    }
    for (const [dim, set] of Object.entries(options.exclude ?? {})) {
      if (set != null && inSet(set, r[dim])) return false;
    }
    return true;
  };
}

/** The same pivot through arquero's filter / groupby / rollup. */
function arqueroMap(records: Rec[], options: PivotOptions): {cells: Map<string, Figures>; rowOrder: unknown[]} {
  const pass = predicate(options);
  const groups = options.cols ? [options.rows, options.cols] : [options.rows];
  const table = aq
    .from(records)
    .derive({
      w: aq.escape((d: Rec) => (d.count === null ? 1 : 0)),
      lo: aq.escape((d: Rec) => rangeOf(d)[0]),
      hi: aq.escape((d: Rec) => rangeOf(d)[1])
    })
    .filter(aq.escape((d: Rec) => pass(d)))
    .groupby(...groups)
    .rollup({
      records: aq.op.count(),
      sum: aq.op.sum("count"),
      withheld: aq.op.sum("w"),
      min: aq.op.sum("lo"),
      max: aq.op.sum("hi")
    });
  const cells = new Map<string, Figures>();
  const rowOrder: unknown[] = [];
  const seen = new Set<string>();
  for (const row of table.objects() as Rec[]) {
    const rv = row[options.rows];
    const cv = options.cols ? row[options.cols] : ALL;
    cells.set(`${vk(rv)}|${vk(cv)}`, {
      records: row.records as number,
      sum: (row.sum as number | null) ?? 0, // arquero: null when every count in the group is withheld
      withheld: row.withheld as number,
      min: row.min as number,
      max: row.max as number
    });
    if (!seen.has(vk(rv))) {
      seen.add(vk(rv));
      rowOrder.push(rv);
    }
  }
  return {cells, rowOrder};
}

/** Straightforward reference: one Map per cell, in plain JS. */
function naiveMap(records: Rec[], options: PivotOptions): Map<string, Figures> {
  const pass = predicate(options);
  const out = new Map<string, Figures>();
  for (const r of records) {
    if (!pass(r)) continue;
    const key = `${vk(r[options.rows])}|${vk(options.cols ? r[options.cols] : ALL)}`;
    let f = out.get(key);
    if (!f) out.set(key, (f = {records: 0, sum: 0, withheld: 0, min: 0, max: 0}));
    f.records++;
    if (typeof r.count === "number") f.sum += r.count;
    if (r.count === null) f.withheld++;
    f.min += rangeOf(r)[0];
    f.max += rangeOf(r)[1];
  }
  return out;
}

/** Margins agree with the cells, and the grand total with the margins; each cell names its row and column. */
function assertTotalsConsistent(res: PivotTable): void {
  const {rowKeys, colKeys, cells} = res;
  assert.equal(cells.length, rowKeys.length);
  const sum = (list: PivotCell<unknown>[]) =>
    list.reduce(
      (t, c) => {
        const f = figuresOf(c);
        return {
          records: t.records + f.records,
          sum: t.sum + f.sum,
          withheld: t.withheld + f.withheld,
          min: t.min + f.min,
          max: t.max + f.max
        };
      },
      {records: 0, sum: 0, withheld: 0, min: 0, max: 0}
    );
  cells.forEach((row, r) => {
    assert.equal(row.length, colKeys.length);
    row.forEach((cell, c) => assert.deepEqual([cell.row, cell.col], [rowKeys[r], colKeys[c]]));
    if (colKeys.length) assert.deepEqual(figuresOf(res.rowTotals[r]), sum(row), `row ${r}`);
  });
  colKeys.forEach((_, c) => assert.deepEqual(figuresOf(res.colTotals[c]), sum(cells.map((row) => row[c])), `col ${c}`));
  assert.deepEqual(figuresOf(res.total), sum(res.rowTotals));
  for (const cell of [...cells.flat(), ...res.rowTotals, ...res.colTotals, res.total]) {
    assert.equal(cell.knownRows, cell.lines - cell.withheldRows);
    assert.equal(cell.value, cell.known, "the kernel's measure is the count");
    // A withheld count is never 0: each adds at least 1 to the least the cell can be.
    assert.ok(cell.min >= cell.known + cell.withheldRows);
    assert.ok(cell.max === null || cell.max >= cell.min);
  }
}

function syntheticCube(n: number, seed: number): {records: CaseRecord[]; cube: Cube; columnar: Cube} {
  const data = generateSyntheticColumns(n, seed);
  const records = syntheticRecordsFromColumns(data);
  const cube = prepareCube(records as unknown as Rec[], DIMS);
  // The synthetic records state bounds 1-4 for every withheld count; the columns say so too.
  const columnar = cubeFromColumns({
    dimensions: data.columns,
    measure: data.count,
    withheld: data.withheld,
    bounds: Array.from(data.withheld, (w) => (w ? ([1, 4] as const) : null))
  });
  return {records, cube, columnar};
}

const SCENARIOS: {name: string; options: PivotOptions}[] = [
  {name: "ageBand × outcome", options: {rows: "ageBand", cols: "outcome"}},
  {name: "outcome × ageBand", options: {rows: "outcome", cols: "ageBand"}},
  {name: "tier × upheld (null keys)", options: {rows: "tier", cols: "upheld"}},
  {name: "authority × tier", options: {rows: "authority", cols: "tier"}},
  {name: "ageBand only", options: {rows: "ageBand", cols: null}},
  {
    name: "ageBand × outcome, upheld true",
    options: {rows: "ageBand", cols: "outcome", filters: {upheld: new Set([true])}}
  },
  {
    name: "upheld × ageBand, two filters and an exclusion",
    options: {
      rows: "upheld",
      cols: "ageBand",
      filters: {tier: [null, "exit", "warning"], ageBand: new Set(["25-34", "35-44", "55+"])},
      exclude: {authority: ["Synthetic Authority 001", "Synthetic Authority 002"]}
    }
  },
  {
    name: "filter on the row dimension, with values absent from the data",
    options: {rows: "outcome", cols: "upheld", filters: {outcome: ["dismissal", "resigned", "not in data"]}}
  },
  {
    name: "three filters",
    options: {
      rows: "authority",
      cols: "outcome",
      filters: {ageBand: ["45-54", "55+"], upheld: [true, null], tier: ["exit", "informal", null]}
    }
  }
];

for (const [n, seed] of [
  [31, 1],
  [1_000, 2],
  [5_000, 3],
  [20_000, 42]
] as const) {
  test(`pivotCube matches arquero groupby/rollup on ${n} synthetic records (seed ${seed})`, () => {
    const {records, cube, columnar} = syntheticCube(n, seed);
    assert.ok(records.every((r) => r.authority.startsWith("Synthetic Authority ") && r.file.startsWith("synthetic/")));
    assert.ok(
      records.some((r) => r.count === null),
      "some counts are withheld"
    );
    for (const {name, options} of SCENARIOS) {
      const res = pivotCube(cube, options);
      const expected = arqueroMap(records as unknown as Rec[], options);
      assert.deepEqual(kernelMap(res), expected.cells, name);
      assertTotalsConsistent(res);
      // Keys are exactly the values present after filtering.
      const rowsWithData = new Set([...expected.cells.keys()].map((k) => k.split("|")[0]));
      assert.deepEqual(new Set(res.rowKeys.map(vk)), rowsWithData, `${name}: row keys`);
      // Without filters, dictionary order is arquero's first-seen order.
      if (!options.filters && !options.exclude) {
        assert.deepEqual(res.rowKeys, expected.rowOrder, `${name}: row order`);
      }
      // A cube built from the same columns gives the same pivot.
      const resColumnar = pivotCube(columnar, options);
      assert.deepEqual(kernelMap(resColumnar), kernelMap(res), `${name}: columnar cube`);
    }
  });
}

test("grand total matches an arquero rollup over the filtered table", () => {
  const {records, cube} = syntheticCube(3_000, 7);
  const options: PivotOptions = {rows: "ageBand", cols: "outcome", exclude: {upheld: [false]}};
  const res = pivotCube(cube, options);
  const pass = predicate(options);
  const t = aq
    .from(records)
    .filter(aq.escape((d: Rec) => pass(d)))
    .derive({lo: aq.escape((d: Rec) => rangeOf(d)[0]), hi: aq.escape((d: Rec) => rangeOf(d)[1])})
    .rollup({
      records: aq.op.count(),
      sum: aq.op.sum("count"),
      withheld: aq.op.invalid("count"),
      min: aq.op.sum("lo"),
      max: aq.op.sum("hi")
    })
    .object();
  assert.deepEqual(figuresOf(res.total), {
    records: t.records,
    sum: t.sum,
    withheld: t.withheld,
    min: t.min,
    max: t.max
  });
  assert.equal(res.leftOut, records.length - t.records, "what the filters left out");
  assert.equal(
    res.total.min,
    res.total.known + res.total.withheldRows,
    "synthetic withheld counts are <5: at least 1 each"
  );
  assert.equal(res.total.max, res.total.known + 4 * res.total.withheldRows, "and at most 4");
});

test("order option puts listed values first, including absent ones with zero rows", () => {
  const {records, cube} = syntheticCube(2_000, 11);
  const noYoung = records.filter((r) => r.ageBand !== "16-24");
  const cube2 = prepareCube(noYoung as unknown as Rec[], DIMS);
  const outcomes = ["dismissal", "no further action", "never happens"];
  const res = pivotCube(cube2, {
    rows: "ageBand",
    cols: "outcome",
    order: {ageBand: [...AGE_BANDS], outcome: outcomes}
  });
  assert.deepEqual(res.rowKeys, [...AGE_BANDS]);
  assert.deepEqual(res.colKeys.slice(0, 3), outcomes);
  assert.equal(res.colKeys.length, 3 + 6, "the six other outcomes follow");
  assert.equal(res.rowTotals[0].lines, 0, "16-24 is present and empty");
  assert.equal(res.colTotals[2].lines, 0, "'never happens' is present and empty");
  assertTotalsConsistent(res);
  // Others follow in first-seen order.
  const firstSeen: string[] = [];
  for (const r of noYoung)
    if (!firstSeen.includes(r.outcome) && !outcomes.includes(r.outcome)) firstSeen.push(r.outcome);
  assert.deepEqual(res.colKeys.slice(3), firstSeen);
  // An order listing only some values: those first, then the rest present.
  const partial = pivotCube(cube, {rows: "ageBand", order: {ageBand: ["55+"]}});
  assert.equal(partial.rowKeys[0], "55+");
  assert.equal(new Set(partial.rowKeys).size, partial.rowKeys.length);
  assert.deepEqual(new Set(partial.rowKeys), new Set(records.map((r) => r.ageBand)));
});

test("the seed reply's age bands: 16-24 comes first with 0", () => {
  const figures: [string, number][] = [
    ["25-34", 11],
    ["35-44", 12],
    ["45-54", 4],
    ["55+", 4]
  ];
  // One record per (band, outcome) split, plus a withheld record, like a reply's table.
  const records: Rec[] = [];
  for (const [band, total] of figures) {
    const first = Math.ceil(total / 2);
    records.push({authority: "Test Council", ageBand: band, outcome: "written warning", upheld: true, count: first});
    records.push({
      authority: "Test Council",
      ageBand: band,
      outcome: "no further action",
      upheld: false,
      count: total - first
    });
  }
  records.push({authority: "Test Council", ageBand: "45-54", outcome: "dismissal", upheld: true, count: null});
  const cube = prepareCube(records, ["ageBand", "outcome", "upheld", "authority"]);
  const res = pivotCube(cube, {rows: "ageBand", order: {ageBand: ["16-24", "25-34", "35-44", "45-54", "55+"]}});
  assert.deepEqual(res.rowKeys, ["16-24", "25-34", "35-44", "45-54", "55+"]);
  assert.deepEqual(
    res.rowTotals.map((c) => c.known),
    [0, 11, 12, 4, 4]
  );
  assert.deepEqual(
    res.rowTotals.map((c) => c.lines),
    [0, 2, 2, 3, 2]
  );
  assert.deepEqual(
    res.rowTotals.map((c) => c.withheldRows),
    [0, 0, 0, 1, 0]
  );
  assert.deepEqual(res.cells, [[], [], [], [], []], "one dimension: no cells, the rows' totals");
  assert.deepEqual(
    figuresOf(res.total),
    {records: 9, sum: 31, withheld: 1, min: 32, max: Infinity},
    "a withheld count with no bounds: at least 1, no upper bound"
  );
  assert.equal(res.total.max, null, "no upper bound reads as null");
});

test("a one-dimensional pivot gives its figures as the rows' totals", () => {
  const {records, cube} = syntheticCube(1_500, 5);
  const res = pivotCube(cube, {rows: "outcome"});
  assert.deepEqual(res.colKeys, []);
  assert.deepEqual(res.colTotals, []);
  assertTotalsConsistent(res);
  res.rowKeys.forEach((key, r) => {
    const mine = records.filter((x) => x.outcome === key);
    assert.equal(res.rowTotals[r].lines, mine.length);
    assert.equal(
      res.rowTotals[r].known,
      mine.reduce((a, x) => a + (x.count ?? 0), 0)
    );
    assert.equal(res.rowTotals[r].withheldRows, mine.filter((x) => x.count === null).length);
  });
  assert.equal(res.total.lines, records.length);
});

test("values keep their identity: true, 'true', null, 'null' and undefined are distinct keys", () => {
  const records: Rec[] = [
    {k: true, count: 1},
    {k: "true", count: 2},
    {k: null, count: 3},
    {k: "null", count: null},
    {count: 5},
    {k: true, count: 6}
  ];
  const res = pivotCube(prepareCube(records, ["k"]), {rows: "k"});
  assert.deepEqual(res.rowKeys, [true, "true", null, "null", undefined]);
  assert.deepEqual(
    res.rowTotals.map((c) => c.known),
    [7, 2, 3, 0, 5]
  );
  assert.deepEqual(
    res.rowTotals.map((c) => c.withheldRows),
    [0, 0, 0, 1, 0]
  );
  const filtered = pivotCube(prepareCube(records, ["k"]), {rows: "k", filters: {k: [null]}});
  assert.deepEqual(filtered.rowKeys, [null]);
});

test("codes are sized by dictionary, measure NaN for null", () => {
  const {cube} = syntheticCube(1_000, 3);
  assert.ok(cube.dims.ageBand.codes instanceof Uint8Array);
  assert.ok(cube.dims.authority.codes instanceof Uint16Array);
  const many = Array.from({length: 70_000}, (_, i) => ({id: i, count: i % 10 === 0 ? null : 1}));
  const big = prepareCube(many, ["id"]);
  assert.ok(big.dims.id.codes instanceof Uint32Array);
  assert.ok(Number.isNaN(big.measure[0]));
  assert.equal(big.withheld[0], 1);
  assert.equal(big.withheld[1], 0);
  // A 70,000 × 70,000 code space is compacted to the values present, not allocated.
  const res = pivotCube(big, {rows: "id", cols: "id", filters: {id: [1, 2, 3, 10]}});
  assert.deepEqual(res.rowKeys, [1, 2, 3, 10]);
  assert.deepEqual(
    res.cells.flat().map((c) => c.lines),
    [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]
  );
  assert.deepEqual(figuresOf(res.total), {records: 4, sum: 3, withheld: 1, min: 4, max: Infinity});
});

test("empty input, empty filters, unknown dimensions", () => {
  const empty = prepareCube([], ["ageBand"]);
  const r0 = pivotCube(empty, {rows: "ageBand", order: {ageBand: ["16-24"]}});
  assert.deepEqual(r0.rowKeys, ["16-24"]);
  assert.deepEqual(figuresOf(r0.total), {records: 0, sum: 0, withheld: 0, min: 0, max: 0});
  const {cube} = syntheticCube(500, 1);
  const none = pivotCube(cube, {rows: "ageBand", cols: "outcome", filters: {outcome: []}});
  assert.deepEqual([none.rowKeys.length, none.colKeys.length, none.leftOut], [0, 0, 500]);
  const kept = pivotCube(cube, {rows: "ageBand", cols: "outcome", filters: {outcome: []}, keepEmpty: true});
  assert.deepEqual([kept.rowKeys.length, kept.colKeys.length], [5, 8]);
  assert.equal(kept.total.lines, 0);
  assert.throws(() => pivotCube(cube, {rows: "nope"}), /unknown dimension/);
  assert.throws(() => pivotCube(cube, {rows: "ageBand", filters: {nope: [1]}}), /unknown dimension/);
  assert.throws(
    () => cubeFromColumns({dimensions: {a: {codes: [0, 2], values: ["x", "y"]}}, measure: [1, 2]}),
    /outside/
  );
});

test("cubeFromColumns derives withheld from null/NaN measures when not given", () => {
  const cube = cubeFromColumns({
    dimensions: {a: {codes: [0, 1, 0, 1], values: ["x", "y"]}},
    measure: [1, null, NaN, 4]
  });
  assert.ok(cube.dims.a.codes instanceof Uint8Array);
  assert.deepEqual([...cube.withheld], [0, 1, 1, 0]);
  const res = pivotCube(cube, {rows: "a"});
  assert.deepEqual(
    res.rowTotals.map((c) => [c.known, c.withheldRows]),
    [
      [1, 1],
      [4, 1]
    ]
  );
});

test("property: random small record sets agree with arquero and a naive reference", () => {
  const value = fc.constantFrom<unknown>("a", "b", "c", "true", "null", true, false, null);
  const record = fc.record({
    ageBand: fc.constantFrom("16-24", "25-34", "35-44", "unknown"),
    outcome: fc.constantFrom("dismissal", "written warning", "no further action"),
    upheld: fc.constantFrom(true, false, null),
    tier: value,
    authority: fc.constantFrom("Synthetic Authority 001", "Synthetic Authority 002"),
    count: fc.oneof(fc.constant(null), fc.integer({min: 0, max: 1000}))
  });
  const dim = fc.constantFrom(...DIMS);
  const subset = fc.subarray<unknown>([
    "16-24",
    "25-34",
    "35-44",
    "unknown",
    "dismissal",
    "a",
    "b",
    true,
    false,
    null,
    "null",
    "Synthetic Authority 001"
  ]);
  const options = fc.record(
    {
      rows: dim,
      cols: fc.option(dim, {nil: null}),
      filters: fc.dictionary(dim, subset, {maxKeys: 2}),
      exclude: fc.dictionary(dim, subset, {maxKeys: 2}),
      order: fc.dictionary(dim, subset, {maxKeys: 2})
    },
    {requiredKeys: ["rows", "cols"]}
  );
  fc.assert(
    fc.property(fc.array(record, {minLength: 1, maxLength: 60}), options, (records, opts) => {
      const cube = prepareCube(records, DIMS);
      const res = pivotCube(cube, opts);
      const mine = kernelMap(res);
      assert.deepEqual(mine, naiveMap(records, opts));
      assert.deepEqual(mine, arqueroMap(records, opts).cells);
      assertTotalsConsistent(res);
      // Listed order values come first, in order, without duplicates.
      const listed = [...new Set(opts.order?.[opts.rows] ?? [])];
      assert.deepEqual(res.rowKeys.slice(0, listed.length), listed);
      assert.equal(new Set(res.rowKeys.map(vk)).size, res.rowKeys.length);
    }),
    {numRuns: 300, seed: 20240601}
  );
});

test("cubeFromColumns labels a dictionary as prepareCube does: values with one label share a code", () => {
  const label = (_: string, v: unknown) => (v == null ? "unknown" : String(v));
  const columns = {dimensions: {a: {codes: [0, 1, 2, 1], values: [null, "unknown", true]}}, measure: [1, 2, 3, 4]};
  const cube = cubeFromColumns({...columns, label});
  assert.deepEqual(cube.dims.a.values, ["unknown", "true"]);
  assert.deepEqual([...cube.dims.a.codes], [0, 0, 1, 0]);
  const records = [null, "unknown", true, "unknown"].map((a, i) => ({a, count: i + 1}));
  assert.deepEqual(pivotCube(cube, {rows: "a"}), pivotCube(prepareCube(records, ["a"], {label}), {rows: "a"}));
  assert.throws(() => cubeFromColumns({...columns, dimensions: {a: {codes: [0, 1, 0, 1], values: [1, 1]}}}), /twice/);
});
