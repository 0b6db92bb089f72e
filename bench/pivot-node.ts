/**
 * Micro-benchmark of the pivot kernel (src/lib/pivot/kernel.ts) against arquero's
 * groupby/rollup, on SYNTHETIC records (tools/synthetic.ts; for benchmarks
 * only, never shipped or published).
 *
 *   node --import tsx bench/pivot-node.ts
 *
 * Data are prepared once per size (a cube for the kernel, a table for arquero);
 * only the pivot itself is timed, after warm-up. `benchPivotNode()` returns the
 * measurements for reuse (e.g. by `npm run bench`).
 */
import {pathToFileURL} from "node:url";
import * as m from "arquero";
import type {ColumnTable} from "arquero";
import {cubeFromColumns, prepareCube, type Cube} from "../src/lib/pivot/cube.js";
import {pivotCube, type CubePivotOptions} from "../src/lib/pivot/kernel.js";
import {pivot, prepareRecords} from "../src/lib/pivot/pivot.js";
import {
  arqueroPivot as arqueroFlatPivot,
  compareWithKernel,
  floorFilteredIfSkip,
  floorFilteredRouted,
  floorPivot,
  kitPivot,
  timeRuns
} from "./pivots.js";
import {SERIES, summarise, type BenchResult} from "./results.js";
import {generateSyntheticColumns, syntheticRecordsFromColumns, type SyntheticColumns} from "../tools/synthetic.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const aq = ((m as any).default ?? m) as any;

export interface BenchRow {
  /** What was timed, e.g. "cube ageBand×outcome" or "arquero ageBand×outcome". */
  name: string;
  /** Number of records. */
  rows: number;
  medianMs: number;
  p95Ms: number;
  /** Number of timed runs. */
  samples: number;
}

export interface BenchOptions {
  sizes?: number[];
  seed?: number;
  /** Time budget per measurement, in ms (at least `minSamples` runs are made anyway). */
  budgetMs?: number;
  minSamples?: number;
  maxSamples?: number;
  /** Also time arquero (default true). */
  arquero?: boolean;
  /** Also time prepareCube on materialised records for sizes up to this many (default 100,000; 0 = never). */
  prepareUpTo?: number;
  /** Print a table to stdout (default false). */
  log?: boolean;
}

export const DEFAULT_SIZES = [31, 10_000, 100_000, 1_000_000];

interface Scenario {
  label: string;
  options: CubePivotOptions;
  /** The same filter as an arquero table expression, with params. */
  aqFilter: string | null;
}

const EXCLUDED_AUTHORITY = "Synthetic Authority 001";

const SCENARIOS: Scenario[] = [
  {label: "ageBand×outcome", options: {rows: "ageBand", cols: "outcome"}, aqFilter: null},
  {
    label: "authority×tier, upheld & excl.",
    options: {rows: "authority", cols: "tier", filters: {upheld: [true]}, exclude: {authority: [EXCLUDED_AUTHORITY]}},
    aqFilter: "(d, $) => d.upheld === true && d.authority !== $.excluded"
  }
];

function quantiles(samples: number[]): {median: number; p95: number} {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  const p95 = s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
  return {median, p95};
}

function measure(fn: () => unknown, budgetMs: number, minSamples: number, maxSamples: number): number[] {
  // Warm-up: let the JIT settle (at least 3 runs, up to a fifth of the budget).
  const warmStart = performance.now();
  for (let k = 0; k < 50; k++) {
    fn();
    if (k >= 2 && performance.now() - warmStart > budgetMs / 5) break;
  }
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < maxSamples && (samples.length < minSamples || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

function arqueroTable(data: SyntheticColumns): ColumnTable {
  const decode = <T>(col: {codes: ArrayLike<number>; values: readonly T[]}): T[] =>
    Array.from(col.codes, (c) => col.values[c]);
  const count: (number | null)[] = Array.from(data.count, (v, i) => (data.withheld[i] ? null : v));
  return aq.table({
    ageBand: decode(data.columns.ageBand),
    outcome: decode(data.columns.outcome),
    tier: decode(data.columns.tier),
    upheld: decode(data.columns.upheld),
    authority: decode(data.columns.authority),
    count,
    w: data.withheld
  });
}

function arqueroPivot(table: ColumnTable, s: Scenario): ColumnTable {
  let t = table;
  if (s.aqFilter) t = t.params({excluded: EXCLUDED_AUTHORITY}).filter(s.aqFilter);
  const groups = s.options.cols ? [s.options.rows, s.options.cols] : [s.options.rows];
  return t.groupby(...groups).rollup({records: aq.op.count(), sum: aq.op.sum("count"), withheld: aq.op.sum("w")});
}

function fmt(ms: number): string {
  return ms < 1 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(0);
}

/** Run the benchmark; returns one row per (what, size). */
export function benchPivotNode(options: BenchOptions = {}): BenchRow[] {
  const sizes = options.sizes ?? DEFAULT_SIZES;
  const seed = options.seed ?? 20240601;
  const budgetMs = options.budgetMs ?? 1500;
  const minSamples = options.minSamples ?? 15;
  const maxSamples = options.maxSamples ?? 500;
  const withArquero = options.arquero ?? true;
  const prepareUpTo = options.prepareUpTo ?? 100_000;
  const log = options.log ?? false;
  const out: BenchRow[] = [];
  const push = (name: string, rows: number, samples: number[]): BenchRow => {
    const {median, p95} = quantiles(samples);
    const row = {name, rows, medianMs: median, p95Ms: p95, samples: samples.length};
    out.push(row);
    return row;
  };

  const lines: string[] = [];
  const header = ["records", "pivot", "cube median", "cube p95", "arquero median", "arquero p95", "speed-up"];
  const table: string[][] = [];

  for (const n of sizes) {
    const data = generateSyntheticColumns(n, seed);
    const cube: Cube = cubeFromColumns({dimensions: data.columns, measure: data.count, withheld: data.withheld});
    const aqt = withArquero ? arqueroTable(data) : null;

    if (prepareUpTo > 0 && n <= prepareUpTo) {
      const records = syntheticRecordsFromColumns(data);
      const dims = ["ageBand", "outcome", "tier", "upheld", "authority"];
      const r = push(
        "prepareCube(records)",
        n,
        measure(() => prepareCube(records, dims), budgetMs / 2, 5, 100)
      );
      lines.push(`prepareCube on ${n.toLocaleString("en-GB")} records: median ${fmt(r.medianMs)} ms`);
    }

    for (const s of SCENARIOS) {
      const result = pivotCube(cube, s.options);
      const kernel = push(
        `cube ${s.label}`,
        n,
        measure(() => pivotCube(cube, s.options), budgetMs, minSamples, maxSamples)
      );
      let arq: BenchRow | null = null;
      if (aqt) {
        // Sanity check: both engines see the same records.
        const a = arqueroPivot(aqt, s);
        const records = (a.array("records") as number[]).reduce((x, y) => x + y, 0);
        if (records !== result.total.records) {
          throw new Error(
            `bench: arquero counts ${records} records, the kernel ${result.total.records} (${s.label}, n=${n})`
          );
        }
        arq = push(
          `arquero ${s.label}`,
          n,
          measure(() => arqueroPivot(aqt, s), budgetMs, 5, maxSamples)
        );
      }
      table.push([
        n.toLocaleString("en-GB"),
        `${s.label} (${result.nRows}×${result.nCols})`,
        fmt(kernel.medianMs),
        fmt(kernel.p95Ms),
        arq ? fmt(arq.medianMs) : "-",
        arq ? fmt(arq.p95Ms) : "-",
        arq ? `${(arq.medianMs / kernel.medianMs).toFixed(0)}×` : "-"
      ]);
    }
  }

  if (log) {
    const widths = header.map((h, k) => Math.max(h.length, ...table.map((r) => r[k].length)));
    const row = (cells: string[]) =>
      cells.map((c, k) => (k < 2 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join("  ");
    console.log("Pivot kernel vs arquero (SYNTHETIC data; times in ms, after warm-up)");
    console.log(row(header));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const r of table) console.log(row(r));
    for (const l of lines) console.log(l);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchPivotNode({log: true});
}

/**
 * The series `npm run bench` compares across engines, in Node: the kit's
 * kernel with percentages, the hand-written floor loop and arquero, on the
 * ageBand × outcome pivot (5 × 8) of SYNTHETIC records; at 100,000 records
 * and more, also the filter designs (if-skip vs routing to spare slots).
 * Results agree with the kernel's or this throws.
 */
export function benchPivotSeries(options: {sizes: number[]; seed: number; budgetMs: number}): BenchResult[] {
  const out: BenchResult[] = [];
  for (const n of options.sizes) {
    const data = generateSyntheticColumns(n, options.seed);
    const cube: Cube = cubeFromColumns({dimensions: data.columns, measure: data.count, withheld: data.withheld});
    const ageValues = data.columns.ageBand.values;
    const outcomeValues = data.columns.outcome.values;
    const pivotOptions = {rows: "ageBand", cols: "outcome", keepEmpty: true};
    const kernel = kitPivot(cube, pivotOptions).result;
    const rc = cube.dims.ageBand.codes;
    const cc = cube.dims.outcome.codes;
    const table = aq.table({
      ageBand: Array.from(rc, (c) => ageValues[c]),
      outcome: Array.from(cc, (c) => outcomeValues[c]),
      count: Array.from(data.count, (v, i) => (data.withheld[i] ? null : v))
    });
    const problems = [
      ...compareWithKernel(
        kernel,
        ageValues,
        outcomeValues,
        floorPivot(rc, ageValues.length, cc, outcomeValues.length, cube.known),
        `floor at ${n}`
      ),
      ...compareWithKernel(
        kernel,
        ageValues,
        outcomeValues,
        arqueroFlatPivot(aq, table, "ageBand", "outcome", ageValues, outcomeValues),
        `arquero at ${n}`
      )
    ];
    if (problems.length) throw new Error(`bench: engines disagree on the same synthetic data:\n${problems.join("\n")}`);
    const add = (name: string, group: string, samples: number[], note?: string) =>
      out.push({name, group, env: "node", rows: n, ...summarise(samples), ...(note ? {note} : {})});
    add(
      SERIES.kernel,
      "pivot",
      timeRuns(() => kitPivot(cube, pivotOptions), options.budgetMs, 15, 500),
      `${kernel.nRows} × ${kernel.nCols}`
    );
    // The public pivot pages call: record objects, prepared once (cached), then cells with their measure.
    const records = syntheticRecordsFromColumns(data);
    const spec = {rows: "ageBand", cols: "outcome", measure: "pctTotal", orders: {outcomes: outcomeValues}} as const;
    const prepareMs = timeRuns(() => prepareRecords(records), options.budgetMs, 1, n >= 1_000_000 ? 3 : 20);
    const viaPivot = pivot(records, spec);
    if (viaPivot.total.known !== kernel.total.sum || viaPivot.total.lines !== kernel.total.records) {
      throw new Error(
        `bench: pivot() counts ${viaPivot.total.known} employees in ${viaPivot.total.lines} records, the kernel ${kernel.total.sum} in ${kernel.total.records} (n=${n})`
      );
    }
    add(
      SERIES.publicPivot,
      "pivot",
      timeRuns(() => pivot(records, spec), options.budgetMs, 15, 500),
      "records prepared once, then cells with known sums, withheld ranges and % of total"
    );
    add("prepare: record objects to a cube (once per record set)", "pivot", prepareMs);
    add(
      SERIES.floor,
      "pivot",
      timeRuns(() => floorPivot(rc, ageValues.length, cc, outcomeValues.length, cube.known), options.budgetMs, 15, 500)
    );
    add(
      SERIES.arquero,
      "pivot",
      timeRuns(
        () => arqueroFlatPivot(aq, table, "ageBand", "outcome", ageValues, outcomeValues),
        options.budgetMs,
        5,
        200
      )
    );
    if (n >= 100_000) {
      const fc = cube.dims.upheld.codes;
      const allowed = new Uint8Array(cube.dims.upheld.values.length);
      allowed[cube.dims.upheld.index.get(true)!] = 1;
      const note = "upheld = true (61% of records pass)";
      add(
        "filters: hand loop, if-skip",
        "filters",
        timeRuns(
          () => floorFilteredIfSkip(rc, ageValues.length, cc, outcomeValues.length, cube.known, fc, allowed),
          options.budgetMs,
          15,
          300
        ),
        note
      );
      add(
        "filters: hand loop, route to spare slots",
        "filters",
        timeRuns(
          () => floorFilteredRouted(rc, ageValues.length, cc, outcomeValues.length, cube.known, fc, allowed),
          options.budgetMs,
          15,
          300
        ),
        note
      );
      add(
        "filters: kit kernel, upheld = true",
        "filters",
        timeRuns(() => kitPivot(cube, {...pivotOptions, filters: {upheld: [true]}}), options.budgetMs, 15, 300),
        note
      );
    }
  }
  return out;
}
