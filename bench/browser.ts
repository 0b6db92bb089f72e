/**
 * The benchmark's in-browser half, bundled by esbuild (bench/chromium.ts) and
 * run in headless Chromium. Exposes `window.foiBench`. All data is SYNTHETIC
 * (tools/synthetic.ts), generated here by code; this page is never published.
 */
import * as Plot from "@observablehq/plot";
import * as aqModule from "arquero";
import {cubeFromColumns, type Cube} from "../src/lib/pivot/cube.js";
import {pivotEntries} from "../src/lib/pivot/kernel.js";
import {cubeFromColumnarBinary, cubeFromRows} from "./columnar.js";
import {
  arqueroPivot,
  compareWithKernel,
  floorFilteredIfSkip,
  floorFilteredRouted,
  floorPivot,
  kitPivot,
  timeRuns,
  timeRunsAsync,
  withMargins
} from "./pivots.js";
import {SERIES, summarise, type BenchResult} from "./results.js";
import {generateSyntheticColumns, type SyntheticColumns} from "../tools/synthetic.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const aq = ((aqModule as any).default ?? aqModule) as any;

export interface BrowserBenchOptions {
  sizes: number[];
  seed: number;
  budgetMs: number;
  /** Base URL of DuckDB-WASM's worker and wasm files, or null to skip it. */
  duckdb: {worker: string; wasm: string} | null;
  /** Sizes with data files served under data/ for the loading benchmark. */
  loadSizes: number[];
  controlSizes: number[];
}

type Out = Omit<BenchResult, "env">;

function cubeOf(data: SyntheticColumns): Cube {
  return cubeFromColumns({dimensions: data.columns, measure: data.count, withheld: data.withheld});
}

function arqueroTable(data: SyntheticColumns): import("arquero").ColumnTable {
  const decode = <T>(col: {codes: ArrayLike<number>; values: readonly T[]}): T[] =>
    Array.from(col.codes, (c) => col.values[c]);
  return aq.table({
    ageBand: decode(data.columns.ageBand),
    outcome: decode(data.columns.outcome),
    count: Array.from(data.count, (v, i) => (data.withheld[i] ? null : v))
  });
}

// ---------------------------------------------------------------------------
// DuckDB-WASM (optional peer)

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DuckConn = any;

async function openDuckDB(urls: {worker: string; wasm: string}): Promise<DuckConn> {
  const duckdb = await import("@duckdb/duckdb-wasm");
  const worker = new Worker(urls.worker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(urls.wasm);
  const conn = await db.connect();
  return {db, conn};
}

/**
 * Loads the records into DuckDB as a table `name` (a, b, count): as integer
 * codes (DuckDB's easiest case) or as the text labels a user would have.
 */
async function duckLoad(duck: DuckConn, data: SyntheticColumns, name: string, text: boolean): Promise<void> {
  const a = data.columns.ageBand;
  const b = data.columns.outcome;
  const lines = new Array<string>(data.size + 1);
  lines[0] = "a,b,count";
  for (let i = 0; i < data.size; i++) {
    const av = text ? `"${a.values[a.codes[i]]}"` : a.codes[i];
    const bv = text ? `"${b.values[b.codes[i]]}"` : b.codes[i];
    lines[i + 1] = `${av},${bv},${data.withheld[i] ? "" : data.count[i]}`;
  }
  await duck.db.registerFileText(`${name}.csv`, lines.join("\n"));
  const type = text ? "VARCHAR" : "UTINYINT";
  await duck.conn.query(
    `CREATE OR REPLACE TABLE ${name} AS SELECT * FROM read_csv('${name}.csv', header = true, columns = {'a': '${type}', 'b': '${type}', 'count': 'DOUBLE'})`
  );
  await duck.db.dropFile(`${name}.csv`);
}

async function duckPivot(
  duck: DuckConn,
  name: string,
  rowValues: readonly unknown[],
  colValues: readonly unknown[],
  text: boolean
) {
  const t = await duck.conn.query(
    `SELECT a, b, count(*)::DOUBLE AS records, coalesce(sum(count), 0)::DOUBLE AS sum FROM ${name} GROUP BY a, b`
  );
  const a = t.getChild("a").toArray();
  const b = t.getChild("b").toArray();
  const n = t.getChild("records").toArray();
  const s = t.getChild("sum").toArray();
  const nRows = rowValues.length;
  const nCols = colValues.length;
  const records = new Float64Array(nRows * nCols);
  const sum = new Float64Array(nRows * nCols);
  for (let k = 0; k < t.numRows; k++) {
    const r = text ? rowValues.indexOf(a[k]) : Number(a[k]);
    const c = text ? colValues.indexOf(b[k]) : Number(b[k]);
    records[r * nCols + c] = n[k];
    sum[r * nCols + c] = s[k];
  }
  return withMargins(nRows, nCols, records, sum);
}

// ---------------------------------------------------------------------------

async function pivots(o: BrowserBenchOptions, out: Out[], problems: string[]): Promise<void> {
  let duck: DuckConn | null = null;
  if (o.duckdb) {
    try {
      duck = await openDuckDB(o.duckdb);
    } catch (error) {
      problems.push(`DuckDB-WASM did not start in Chromium: ${(error as Error).message}`);
    }
  }
  for (const n of o.sizes) {
    const data = generateSyntheticColumns(n, o.seed);
    const cube = cubeOf(data);
    const ageValues = data.columns.ageBand.values;
    const outcomeValues = data.columns.outcome.values;
    const options = {rows: "ageBand", cols: "outcome", keepEmpty: true};
    const kernel = kitPivot(cube, options).result;
    const add = (name: string, samples: number[], note?: string) =>
      out.push({name, group: "pivot", rows: n, ...summarise(samples), ...(note ? {note} : {})});

    add(
      SERIES.kernel,
      timeRuns(() => kitPivot(cube, options), o.budgetMs, 15, 500),
      `${kernel.nRows} × ${kernel.nCols}`
    );
    const rc = cube.dims.ageBand.codes;
    const cc = cube.dims.outcome.codes;
    problems.push(
      ...compareWithKernel(
        kernel,
        ageValues,
        outcomeValues,
        floorPivot(rc, ageValues.length, cc, outcomeValues.length, cube.known),
        `floor at ${n}`
      )
    );
    add(
      SERIES.floor,
      timeRuns(() => floorPivot(rc, ageValues.length, cc, outcomeValues.length, cube.known), o.budgetMs, 15, 500)
    );

    const table = arqueroTable(data);
    problems.push(
      ...compareWithKernel(
        kernel,
        ageValues,
        outcomeValues,
        arqueroPivot(aq, table, "ageBand", "outcome", ageValues, outcomeValues),
        `arquero at ${n}`
      )
    );
    add(
      SERIES.arquero,
      timeRuns(() => arqueroPivot(aq, table, "ageBand", "outcome", ageValues, outcomeValues), o.budgetMs, 5, 200)
    );

    if (duck) {
      for (const text of [false, true]) {
        const name = `t${n}${text ? "text" : "codes"}`;
        await duckLoad(duck, data, name, text);
        const label = `DuckDB-WASM (${text ? "text" : "codes"}) at ${n}`;
        problems.push(
          ...compareWithKernel(
            kernel,
            ageValues,
            outcomeValues,
            await duckPivot(duck, name, ageValues, outcomeValues, text),
            label
          )
        );
        const samples = await timeRunsAsync(
          () => duckPivot(duck, name, ageValues, outcomeValues, text),
          o.budgetMs,
          5,
          200
        );
        if (text) add(SERIES.duckdbStrings, samples, "VARCHAR labels, result read back as Arrow");
        else add(SERIES.duckdb, samples, "UTINYINT codes (its fastest case), result read back as Arrow");
        await duck.conn.query(`DROP TABLE ${name}`);
      }
    }

    if (n >= 100_000) {
      // Filter design: skip filtered-out records with `if`, or route them to spare slots.
      const fc = cube.dims.upheld.codes;
      const allowed = new Uint8Array(cube.dims.upheld.values.length);
      allowed[cube.dims.upheld.index.get(true)!] = 1;
      const f = (name: string, samples: number[]) =>
        out.push({name, group: "filters", rows: n, ...summarise(samples), note: "upheld = true (61% of records pass)"});
      f(
        "filters: hand loop, if-skip",
        timeRuns(
          () => floorFilteredIfSkip(rc, ageValues.length, cc, outcomeValues.length, cube.known, fc, allowed),
          o.budgetMs,
          15,
          300
        )
      );
      f(
        "filters: hand loop, route to spare slots",
        timeRuns(
          () => floorFilteredRouted(rc, ageValues.length, cc, outcomeValues.length, cube.known, fc, allowed),
          o.budgetMs,
          15,
          300
        )
      );
      f(
        "filters: kit kernel, upheld = true",
        timeRuns(() => kitPivot(cube, {...options, filters: {upheld: [true]}}), o.budgetMs, 15, 300)
      );
    }
  }
  if (duck) {
    await duck.conn.close();
    await duck.db.terminate();
  }
}

/** Loading: fetch a data file and turn it into a cube and a first pivot (a usable table). */
async function loading(o: BrowserBenchOptions, out: Out[]): Promise<void> {
  const options = {rows: "ageBand", cols: "outcome"};
  for (const n of o.loadSizes) {
    const runs = n >= 1_000_000 ? 3 : 5;
    const rowsSamples = await timeRunsAsync(
      async () => {
        const rows = await (await fetch(`data/records-${n}.json`, {cache: "no-store"})).json();
        return kitPivot(cubeFromRows(rows), options);
      },
      0,
      runs,
      runs
    );
    out.push({name: "load: row JSON to prepared cube", group: "load", rows: n, ...summarise(rowsSamples)});
    const colSamples = await timeRunsAsync(
      async () => {
        const buffer = await (await fetch(`data/columns-${n}.bin`, {cache: "no-store"})).arrayBuffer();
        return kitPivot(cubeFromColumnarBinary(buffer), options);
      },
      0,
      runs,
      runs
    );
    out.push({name: "load: columnar binary to prepared cube", group: "load", rows: n, ...summarise(colSamples)});
  }
}

/** Time from a control change to the updated table and chart, on a synthetic page. */
async function control(o: BrowserBenchOptions, out: Out[]): Promise<void> {
  const root = document.getElementById("control")!;
  for (const n of o.controlSizes) {
    const cube = cubeOf(generateSyntheticColumns(n, o.seed));
    root.replaceChildren();
    const select = document.createElement("select");
    for (const d of ["outcome", "tier", "upheld"]) select.append(new Option(d, d));
    const tableBox = document.createElement("div");
    const chartBox = document.createElement("div");
    root.append(select, tableBox, chartBox);
    const render = () => {
      const {result, shares} = kitPivot(cube, {rows: "ageBand", cols: select.value});
      const table = document.createElement("table");
      const head = table.createTHead().insertRow();
      head.insertCell().textContent = "age band";
      for (const c of result.colKeys) head.insertCell().textContent = String(c);
      head.insertCell().textContent = "total";
      const body = table.createTBody();
      for (let r = 0; r < result.nRows; r++) {
        const row = body.insertRow();
        row.insertCell().textContent = String(result.rowKeys[r]);
        for (let c = 0; c < result.nCols; c++) {
          const k = r * result.nCols + c;
          row.insertCell().textContent = `${result.cells.sum[k]} (${shares[k].toFixed(1)}%)`;
        }
        row.insertCell().textContent = String(result.rowTotals.sum[r]);
      }
      tableBox.replaceChildren(table);
      const entries = pivotEntries(result).map((e) => ({row: String(e.row), col: String(e.col), sum: e.sum}));
      chartBox.replaceChildren(
        Plot.plot({
          width: 640,
          height: 240,
          color: {legend: true},
          marks: [Plot.barY(entries, {x: "row", y: "sum", fill: "col"})]
        })
      );
    };
    select.addEventListener("input", render);
    render();
    const samples: number[] = [];
    const work: number[] = [];
    for (let k = 0; k < 12; k++) {
      select.selectedIndex = (select.selectedIndex + 1) % select.options.length;
      const t0 = performance.now();
      select.dispatchEvent(new Event("input", {bubbles: true}));
      const t1 = performance.now();
      // The frame that shows the change: rAF runs before paint, the message after it.
      await new Promise<void>((resolve) =>
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve();
          ch.port2.postMessage(null);
        })
      );
      if (k >= 2) {
        samples.push(performance.now() - t0);
        work.push(t1 - t0);
      }
    }
    out.push({
      name: "synthetic page: control change, DOM updated",
      group: "control",
      rows: n,
      ...summarise(work),
      note: "the handler's synchronous work only, before the browser paints"
    });
    out.push({
      name: SERIES.syntheticControl,
      group: "control",
      rows: n,
      ...summarise(samples),
      note: "select → pivotCube → HTML table + Plot bar chart, to the next frame"
    });
  }
}

async function run(o: BrowserBenchOptions): Promise<{results: Out[]; problems: string[]}> {
  const results: Out[] = [];
  const problems: string[] = [];
  await pivots(o, results, problems);
  await loading(o, results);
  await control(o, results);
  return {results, problems};
}

(window as unknown as {foiBench: unknown}).foiBench = {run};
