/**
 * The explorer's own components mounted on a benchmark page, bundled by
 * bench/explorer.ts and run in headless Chromium. Exposes `window.foiExplorer`.
 *
 * The records are the seed's (passed in from Node) or SYNTHETIC (generated
 * here by tools/synthetic.ts; "Synthetic Authority NNN", never published).
 * The wiring follows src/explore.md: the controls' value drives the pivot,
 * the chart and the table; a chart kind alone redraws only the chart.
 */
import {pivotChart} from "../src/components/pivot-chart.js";
import {pivotControls} from "../src/components/pivot-controls.js";
import {pivotTable} from "../src/components/pivot-table.js";
import {authoritiesOf, pivot, type PivotResult} from "../src/lib/pivot/pivot.js";
import {specOf, type ExploreState} from "../src/lib/pivot/url-state.js";
import type {CaseRecord} from "../src/lib/core/types.js";
import {
  generateSyntheticColumns,
  SYNTHETIC_AGE_BANDS,
  SYNTHETIC_OUTCOMES,
  syntheticRecordsFromColumns
} from "../tools/synthetic.js";

export interface ExplorerRunOptions {
  /** Seed records, or null for `size` SYNTHETIC records. */
  records: CaseRecord[] | null;
  orders: {ageBands: readonly string[]; outcomes: readonly string[]} | null;
  size: number;
  seed: number;
  /** Times through the sequence of control changes (the first two changes are warm-up). */
  rounds: number;
  /** The changes to make, [control name, value] ("exclude": "on" or "off"); default SEQUENCE. */
  sequence?: [string, string][];
}

export interface ExplorerRunResult {
  size: number;
  /** Per change: ms from the control's input event to the next frame after the DOM was updated. */
  settled: number[];
  /** Per change: ms of synchronous work (pivot, table and chart built and in the DOM). */
  work: number[];
  /** ms to mount the explorer the first time (cube prepared, first pivot, table and chart). */
  mountMs: number;
  /** What each change was, for the notes. */
  changes: string[];
}

/** One frame later: rAF runs before the paint, the message after it. */
const nextFrame = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve();
      ch.port2.postMessage(null);
    })
  );

/** The changes a reader makes, in order: [control name, value]; "exclude" toggles the checkbox. */
export const SEQUENCE: [string, string][] = [
  ["measure", "pctRow"],
  ["measure", "count"],
  ["cols", "tier"],
  ["cols", "upheld"],
  ["cols", "outcome"],
  ["exclude", "on"],
  ["exclude", "off"],
  ["measure", "pctTotal"],
  ["measure", "count"]
];

async function run(o: ExplorerRunOptions): Promise<ExplorerRunResult> {
  const root = document.getElementById("explorer")!;
  root.replaceChildren();
  const records: CaseRecord[] = o.records ?? syntheticRecordsFromColumns(generateSyntheticColumns(o.size, o.seed));
  const orders = o.orders ?? {ageBands: [...SYNTHETIC_AGE_BANDS], outcomes: SYNTHETIC_OUTCOMES.map((x) => x.outcome)};
  const width = 900;

  const t0 = performance.now();
  const authorities = authoritiesOf(records);
  const controls = pivotControls(authorities);
  const chartBox = document.createElement("div");
  const tableBox = document.createElement("div");
  root.append(controls, chartBox, tableBox);
  let specKey = "";
  let chartKind = "";
  let result: PivotResult | null = null;
  const render = () => {
    const state: ExploreState = controls.value;
    const spec = specOf(state);
    const key = JSON.stringify(spec);
    const changed = key !== specKey;
    if (changed) {
      specKey = key;
      result = pivot(records, {...spec, orders});
      tableBox.replaceChildren(
        pivotTable(result, {caption: "table", selected: state.selection, onSelect: (s) => controls.select(s)})
      );
    }
    if (changed || state.chart !== chartKind) {
      chartKind = state.chart;
      chartBox.replaceChildren(pivotChart(result!, {width, kind: state.chart, title: "chart"}));
    }
  };
  controls.addEventListener("input", render);
  render();
  await nextFrame();
  const mountMs = performance.now() - t0;

  const settled: number[] = [];
  const work: number[] = [];
  const changes: string[] = [];
  let k = 0;
  for (let round = 0; round < o.rounds; round++) {
    for (const [name, value] of o.sequence ?? SEQUENCE) {
      const input = controls.querySelector<HTMLInputElement | HTMLSelectElement>(`[name=${name}]`)!;
      const start = performance.now();
      if (input instanceof HTMLInputElement) input.checked = value === "on";
      else input.value = value;
      input.dispatchEvent(new Event("input", {bubbles: true}));
      const done = performance.now();
      await nextFrame();
      if (k++ >= 2) {
        settled.push(performance.now() - start);
        work.push(done - start);
        changes.push(`${name}=${value}`);
      }
    }
  }
  root.replaceChildren();
  return {size: records.length, settled, work, mountMs, changes};
}

(window as unknown as {foiExplorer: unknown}).foiExplorer = {run};
