/**
 * The pivots the benchmark times, one per engine, all computing the same thing
 * on SYNTHETIC data: a two-dimensional cross-tab with count and sum per cell,
 * row, column and grand totals, and each cell's share of the grand total.
 *
 * Browser-safe (no Node imports): bundled for Chromium by bench/browser.ts and
 * imported by the Node runner alike.
 */
import type {Cube} from "../src/lib/pivot/cube.js";
import {percent, pivotCube, type CubePivot, type CubePivotOptions} from "../src/lib/pivot/kernel.js";

/** The kit's kernel: pivotCube, then every cell's share of the grand total (percentages). */
export function kitPivot(cube: Cube, options: CubePivotOptions): {result: CubePivot; shares: Float64Array} {
  const result = pivotCube(cube, options);
  const shares = new Float64Array(result.nRows * result.nCols);
  for (let r = 0; r < result.nRows; r++) {
    for (let c = 0; c < result.nCols; c++) shares[r * result.nCols + c] = percent(result, r, c, "total") ?? NaN;
  }
  return {result, shares};
}

/** Margins and shares from flat per-cell counts and sums (used by every engine but the kernel). */
export interface FlatPivot {
  nRows: number;
  nCols: number;
  records: Float64Array;
  sum: Float64Array;
  rowRecords: Float64Array;
  rowSum: Float64Array;
  colRecords: Float64Array;
  colSum: Float64Array;
  totalRecords: number;
  totalSum: number;
  shares: Float64Array;
}

export function withMargins(nRows: number, nCols: number, records: Float64Array, sum: Float64Array): FlatPivot {
  const rowRecords = new Float64Array(nRows);
  const rowSum = new Float64Array(nRows);
  const colRecords = new Float64Array(nCols);
  const colSum = new Float64Array(nCols);
  let totalRecords = 0;
  let totalSum = 0;
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      const k = r * nCols + c;
      rowRecords[r] += records[k];
      rowSum[r] += sum[k];
      colRecords[c] += records[k];
      colSum[c] += sum[k];
      totalRecords += records[k];
      totalSum += sum[k];
    }
  }
  const shares = new Float64Array(nRows * nCols);
  for (let k = 0; k < shares.length; k++) shares[k] = totalSum === 0 ? NaN : (100 * sum[k]) / totalSum;
  return {nRows, nCols, records, sum, rowRecords, rowSum, colRecords, colSum, totalRecords, totalSum, shares};
}

/**
 * The practical floor: one hand-written loop over two code arrays, counting
 * records and summing the known measure per cell, then margins and shares.
 */
export function floorPivot(
  rc: ArrayLike<number>,
  nRows: number,
  cc: ArrayLike<number>,
  nCols: number,
  known: Float64Array
): FlatPivot {
  const records = new Float64Array(nRows * nCols);
  const sum = new Float64Array(nRows * nCols);
  const n = known.length;
  for (let i = 0; i < n; i++) {
    const k = rc[i] * nCols + cc[i];
    records[k]++;
    sum[k] += known[i];
  }
  return withMargins(nRows, nCols, records, sum);
}

/** The floor loop with a filter that skips records with `if` (the "before" of the kernel's filter design). */
export function floorFilteredIfSkip(
  rc: ArrayLike<number>,
  nRows: number,
  cc: ArrayLike<number>,
  nCols: number,
  known: Float64Array,
  fc: ArrayLike<number>,
  allowed: Uint8Array
): FlatPivot {
  const records = new Float64Array(nRows * nCols);
  const sum = new Float64Array(nRows * nCols);
  const n = known.length;
  for (let i = 0; i < n; i++) {
    if (allowed[fc[i]] === 0) continue;
    const k = rc[i] * nCols + cc[i];
    records[k]++;
    sum[k] += known[i];
  }
  return withMargins(nRows, nCols, records, sum);
}

/**
 * The floor loop with the same filter, branch-free: a filtered-out record is
 * routed to one of 16 spare slots instead of skipped (the kernel's design).
 */
export function floorFilteredRouted(
  rc: ArrayLike<number>,
  nRows: number,
  cc: ArrayLike<number>,
  nCols: number,
  known: Float64Array,
  fc: ArrayLike<number>,
  allowed: Uint8Array
): FlatPivot {
  const SPARE = 16;
  const records = new Float64Array(nRows * nCols + SPARE);
  const sum = new Float64Array(nRows * nCols + SPARE);
  const n = known.length;
  for (let i = 0; i < n; i++) {
    const t = i & 15;
    const k = t + allowed[fc[i]] * (rc[i] * nCols + cc[i] + SPARE - t);
    records[k]++;
    sum[k] += known[i];
  }
  return withMargins(nRows, nCols, records.subarray(SPARE), sum.subarray(SPARE));
}

/** arquero: groupby(rows, cols).rollup(count, sum), then margins and shares from the grouped table. */
export function arqueroPivot(
  aq: typeof import("arquero"),
  table: import("arquero").ColumnTable,
  rows: string,
  cols: string,
  rowValues: readonly unknown[],
  colValues: readonly unknown[]
): FlatPivot {
  const grouped = table.groupby(rows, cols).rollup({records: aq.op.count(), sum: aq.op.sum("count")});
  const rk = grouped.array(rows) as unknown[];
  const ck = grouped.array(cols) as unknown[];
  const n = grouped.array("records") as number[];
  const s = grouped.array("sum") as (number | null)[];
  const nRows = rowValues.length;
  const nCols = colValues.length;
  const records = new Float64Array(nRows * nCols);
  const sum = new Float64Array(nRows * nCols);
  for (let k = 0; k < rk.length; k++) {
    const cell = rowValues.indexOf(rk[k]) * nCols + colValues.indexOf(ck[k]);
    records[cell] = n[k];
    sum[cell] = s[k] ?? 0;
  }
  return withMargins(nRows, nCols, records, sum);
}

/** Differences between the kernel's cells and a flat pivot's (same dictionaries), as sentences; empty when identical. */
export function compareWithKernel(
  kernel: CubePivot,
  rowValues: readonly unknown[],
  colValues: readonly unknown[],
  flat: FlatPivot,
  label: string
): string[] {
  const problems: string[] = [];
  for (let r = 0; r < rowValues.length; r++) {
    for (let c = 0; c < colValues.length; c++) {
      const kr = kernel.rowKeys.indexOf(rowValues[r]);
      const kc = kernel.colKeys.indexOf(colValues[c]);
      const kRecords = kr < 0 || kc < 0 ? 0 : kernel.cells.records[kr * kernel.nCols + kc];
      const kSum = kr < 0 || kc < 0 ? 0 : kernel.cells.sum[kr * kernel.nCols + kc];
      const k = r * colValues.length + c;
      if (kRecords !== flat.records[k] || Math.abs(kSum - flat.sum[k]) > 1e-6 * Math.max(1, Math.abs(kSum))) {
        problems.push(
          `${label}: cell (${String(rowValues[r])}, ${String(colValues[c])}) has ${flat.records[k]} records / sum ${flat.sum[k]}, the kernel ${kRecords} / ${kSum}`
        );
      }
    }
  }
  if (kernel.total.records !== flat.totalRecords)
    problems.push(`${label}: ${flat.totalRecords} records in all, the kernel ${kernel.total.records}`);
  return problems.slice(0, 5);
}

/**
 * Times a synchronous `fn` after warm-up: at least `min` samples, more while
 * within `budgetMs`, at most `max`. A sample repeats `fn` until it lasts about
 * a millisecond and divides, because browsers round `performance.now()` (to
 * 0.1 ms in Chromium without cross-origin isolation) and a 31-row pivot takes
 * microseconds.
 */
export function timeRuns(fn: () => unknown, budgetMs: number, min = 5, max = 200): number[] {
  const warmStart = performance.now();
  let reps = 0;
  while (reps < 3 || (performance.now() - warmStart < budgetMs / 5 && reps < 10_000)) {
    fn();
    reps++;
  }
  // Repetitions per sample: double until one batch lasts at least 2 ms.
  let batch = 1;
  for (;;) {
    const t0 = performance.now();
    for (let k = 0; k < batch; k++) fn();
    if (performance.now() - t0 >= 2 || batch >= 1 << 16) break;
    batch *= 2;
  }
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < max && (samples.length < min || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    for (let k = 0; k < batch; k++) fn();
    samples.push((performance.now() - t0) / batch);
  }
  return samples;
}

/** The same for an asynchronous `fn` (DuckDB-WASM answers through a worker). */
export async function timeRunsAsync(
  fn: () => Promise<unknown>,
  budgetMs: number,
  min = 5,
  max = 200
): Promise<number[]> {
  const warmStart = performance.now();
  for (let k = 0; k < 10; k++) {
    await fn();
    if (k >= 1 && performance.now() - warmStart > budgetMs / 5) break;
  }
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < max && (samples.length < min || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}
