/**
 * The explorer's controls as one native form: selects for rows, columns,
 * measure and chart, checkboxes for the filters. The form holds the whole
 * view (the chosen cell too) as `value` and fires one "input" event per
 * change, so a page reads it with Framework's `view()` and `syncWithUrl`
 * keeps it in the address bar. Setting `value` updates the controls.
 */
import {DIMENSIONS, MEASURES, NO_CASE_TO_ANSWER, type Dimension, type Measure} from "../lib/pivot/model.js";
import {CHART_KINDS, DEFAULT_STATE, type ChartKind, type ExploreState, type Selection} from "../lib/pivot/url-state.js";

export interface PivotControlsOptions {
  /** Authorities in the data; the authority dimension and filter appear when there are several. */
  authorities: readonly string[];
  value?: ExploreState;
}

export interface PivotControlsElement extends HTMLFormElement {
  value: ExploreState;
  /** Chooses a cell (null: none) and announces the change. */
  select(selection: Selection | null): void;
}

let formCount = 0;

export function pivotControls({authorities, value = DEFAULT_STATE}: PivotControlsOptions): PivotControlsElement {
  const id = `pivot-controls-${++formCount}`;
  const several = authorities.length > 1;
  const form = document.createElement("form") as PivotControlsElement;
  form.className = "pivot-controls";
  form.addEventListener("submit", (event) => event.preventDefault());

  const select = <K extends string>(name: string, label: string, choices: readonly {key: K; label: string}[]) => {
    const wrapper = Object.assign(document.createElement("div"), {className: "pivot-control"});
    const labelEl = Object.assign(document.createElement("label"), {htmlFor: `${id}-${name}`, textContent: label});
    const input = Object.assign(document.createElement("select"), {id: `${id}-${name}`, name});
    for (const choice of choices) input.append(new Option(choice.label, choice.key));
    wrapper.append(labelEl, input);
    form.append(wrapper);
    return input;
  };
  const dimensions = DIMENSIONS.filter((d) => d.key !== "authority" || several);
  const rows = select<Dimension>("rows", "Rows", dimensions);
  const cols = select<Dimension>("cols", "Columns", dimensions);
  const measure = select<Measure>("measure", "Measure", MEASURES);
  const chart = select<ChartKind>("chart", "Chart", CHART_KINDS);

  const filters = Object.assign(document.createElement("fieldset"), {className: "pivot-control pivot-filters"});
  filters.append(Object.assign(document.createElement("legend"), {textContent: "Filters"}));
  const checkbox = (label: string, name: string) => {
    const input = Object.assign(document.createElement("input"), {type: "checkbox", name});
    const labelEl = document.createElement("label");
    labelEl.append(input, ` ${label}`);
    filters.append(labelEl);
    return input;
  };
  const excludeNoCase = checkbox(`Leave out "${NO_CASE_TO_ANSWER}"`, "exclude");
  const authorityBoxes = several ? authorities.map((a) => Object.assign(checkbox(a, "authority"), {value: a})) : [];
  form.append(filters);

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
