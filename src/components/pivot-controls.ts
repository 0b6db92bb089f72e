/**
 * The explorer's controls as one native form: selects for rows, columns,
 * measure and chart, checkboxes for the filters. The form holds the whole
 * view (the chosen cell too) as `value` and fires one "input" event per
 * change, so a page reads it with Framework's `view()` and `syncWithUrl`
 * keeps it in the address bar. Setting `value` updates the controls.
 */
import {html} from "htl";
import {DIMENSIONS, MEASURES, NO_CASE_TO_ANSWER, type Dimension, type Measure} from "../lib/pivot/pivot.js";
import {CHART_KINDS, DEFAULT_STATE, type ChartKind, type ExploreState, type Selection} from "../lib/pivot/url-state.js";

export interface PivotControlsOptions {
  /** The view to show at first (default: the default view). */
  value?: ExploreState;
}

export interface PivotControlsElement extends HTMLFormElement {
  value: ExploreState;
  /** Chooses a cell (null: none) and announces the change. */
  select(selection: Selection | null): void;
}

let formCount = 0;

/** `authorities`: those in the data; the authority dimension and filter appear when there are several. */
export function pivotControls(
  authorities: readonly string[],
  {value = DEFAULT_STATE}: PivotControlsOptions = {}
): PivotControlsElement {
  const id = `pivot-controls-${++formCount}`;
  const several = authorities.length > 1;
  const choose = (name: string, choices: readonly {key: string; label: string}[]) =>
    html`<select id=${`${id}-${name}`} name=${name}>${choices.map((c) => html`<option value=${c.key}>${c.label}</option>`)}</select>` as HTMLSelectElement;
  const control = (label: string, input: HTMLSelectElement) =>
    html`<div class="pivot-control"><label for=${input.id}>${label}</label>${input}</div>`;
  const tick = (name: string, value: string) =>
    html`<input type="checkbox" name=${name} value=${value}>` as HTMLInputElement;

  const dimensions = DIMENSIONS.filter((d) => d.key !== "authority" || several);
  const rows = choose("rows", dimensions);
  const cols = choose("cols", dimensions);
  const measure = choose("measure", MEASURES);
  const chart = choose("chart", CHART_KINDS);
  const excludeNoCase = tick("exclude", "no-case");
  const authorityBoxes = several ? authorities.map((a) => tick("authority", a)) : [];
  const form = html`<form class="pivot-controls">
    ${control("Rows", rows)}${control("Columns", cols)}${control("Measure", measure)}${control("Chart", chart)}
    <fieldset class="pivot-control pivot-filters">
      <legend>Filters</legend>
      <label>${excludeNoCase} Leave out "${NO_CASE_TO_ANSWER}"</label>
      ${authorityBoxes.map((box) => html`<label>${box} ${box.value}</label>`)}
    </fieldset>
  </form>` as PivotControlsElement;
  form.addEventListener("submit", (event) => event.preventDefault());

  let selection: Selection | null = value.selection;
  let current: ExploreState = value;
  const read = (): ExploreState => {
    const chosen = authorityBoxes.filter((b) => b.checked).map((b) => b.value);
    return {
      rows: rows.value as Dimension,
      cols: cols.value as Dimension,
      measure: measure.value as Measure,
      // All boxes ticked (or none) means no filter: the link stays short and new authorities show up.
      authorities: chosen.length && chosen.length < authorities.length ? chosen : null,
      excludeNoCase: excludeNoCase.checked,
      chart: chart.value as ChartKind,
      selection
    };
  };
  const write = (state: ExploreState) => {
    rows.value = state.rows;
    cols.value = state.cols;
    measure.value = state.measure;
    chart.value = state.chart;
    excludeNoCase.checked = state.excludeNoCase;
    for (const b of authorityBoxes) b.checked = !state.authorities || state.authorities.includes(b.value);
    selection = state.selection;
    current = read();
  };

  // Native events stop here; the form then announces one coherent view.
  form.addEventListener(
    "input",
    (event) => {
      if (event.target === form) return;
      event.stopPropagation();
      const previous = current;
      // Rows and columns must differ: choosing the other's dimension swaps them.
      if (rows.value === cols.value) {
        if (event.target === rows) cols.value = previous.rows;
        else rows.value = previous.cols;
      }
      if (rows.value !== previous.rows || cols.value !== previous.cols) selection = null;
      current = read();
      form.dispatchEvent(new Event("input", {bubbles: true}));
    },
    {capture: true}
  );
  form.addEventListener("change", (event) => event.target !== form && event.stopPropagation(), {capture: true});

  Object.defineProperty(form, "value", {
    get: () => current,
    set: (state: ExploreState) => write(state)
  });
  form.select = (next) => {
    selection = next;
    current = read();
    form.dispatchEvent(new Event("input", {bubbles: true}));
  };
  write(value);
  return form;
}
