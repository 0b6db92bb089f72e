/**
 * The explorer's controls as one native form: selects for rows, columns,
 * measure and chart, a checkbox for "no case to answer", and a searchable
 * council filter (a text box suggesting matching councils; the chosen ones as
 * removable chips; all councils when none is chosen), which stays one control
 * at 400 councils where a checkbox each would be 400. The form holds the whole
 * view (the chosen cell too) as `value` and fires one "input" event per
 * change, so a page reads it with Framework's `view()` and `syncWithUrl`
 * keeps it in the address bar. Setting `value` updates the controls.
 */
import {html} from "htl";
import {listText} from "../lib/present/lists.js";
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

/** Up to this many councils, the filter names them all when none is chosen. */
const NAMED_UP_TO = 5;

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
  const filter = several ? authorityFilter(id, authorities, () => announce()) : null;
  const form = html`<form class="pivot-controls">
    ${control("Rows", rows)}${control("Columns", cols)}${control("Measure", measure)}${control("Chart", chart)}
    <fieldset class="pivot-control pivot-filters">
      <legend>Filters</legend>
      <label>${excludeNoCase} Leave out "${NO_CASE_TO_ANSWER}"</label>
      ${filter?.element ?? ""}
    </fieldset>
  </form>` as PivotControlsElement;
  form.addEventListener("submit", (event) => event.preventDefault());

  let selection: Selection | null = value.selection;
  let current: ExploreState = value;
  const read = (): ExploreState => {
    const chosen = filter?.chosen() ?? [];
    return {
      rows: rows.value as Dimension,
      cols: cols.value as Dimension,
      measure: measure.value as Measure,
      // None chosen (or every one) means no filter: the link stays short and new authorities show up.
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
    filter?.set(state.authorities ?? []);
    selection = state.selection;
    current = read();
  };
  const announce = () => {
    current = read();
    form.dispatchEvent(new Event("input", {bubbles: true}));
  };

  // Native events stop here; the form then announces one coherent view.
  form.addEventListener(
    "input",
    (event) => {
      if (event.target === form) return;
      // Typing in the council search changes the view only when it names a council: the filter
      // handles it (and stops it) itself, so it must reach the search box.
      if (filter?.owns(event.target)) return;
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
    announce();
  };
  write(value);
  return form;
}

interface AuthorityFilter {
  element: HTMLElement;
  /** The chosen councils, in the order chosen. */
  chosen(): string[];
  /** Shows these councils as chosen (without announcing). */
  set(names: readonly string[]): void;
  /** Whether an event target is the filter's own text box (whose keystrokes are not a change of view). */
  owns(target: EventTarget | null): boolean;
}

/**
 * The council filter: a search box with the councils as suggestions (a
 * datalist: the browser filters it as the reader types); picking one, or
 * pressing Enter on a unique match, adds it as a chip; each chip's button
 * removes it. `changed` is called after each change the reader makes.
 */
function authorityFilter(id: string, authorities: readonly string[], changed: () => void): AuthorityFilter {
  const known = new Set(authorities);
  let chosen: string[] = [];
  const listId = `${id}-councils`;
  const search = html`<input type="search" id=${`${id}-authority`} name="authority-search" list=${listId}
    autocomplete="off" placeholder="Type a council's name" aria-describedby=${`${id}-authority-status`}>` as HTMLInputElement;
  const list = html`<datalist id=${listId}>${authorities.map((a) => html`<option value=${a}>`)}</datalist>`;
  const chips = html`<ul class="pivot-chips" aria-label="Councils chosen"></ul>` as HTMLUListElement;
  const status =
    html`<p class="pivot-filter-status small muted" id=${`${id}-authority-status`} aria-live="polite"></p>` as HTMLParagraphElement;
  const clear = html`<button type="button" class="pivot-clear">Show every council</button>` as HTMLButtonElement;
  const render = () => {
    chips.replaceChildren(
      ...chosen.map(
        (name) =>
          html`<li class="pivot-chip"><span>${name}</span><button type="button" data-authority=${name}
            aria-label=${`Remove ${name} from the filter`} title="Remove">×</button></li>` as HTMLLIElement
      )
    );
    status.textContent = chosen.length
      ? `Showing ${chosen.length} of ${authorities.length} councils.`
      : // A handful are named, so a reader sees who is in the data without opening the list.
        `Showing all ${authorities.length} councils${authorities.length <= NAMED_UP_TO ? ` (${listText([...authorities])})` : ""}; type a name to choose some.`;
    clear.hidden = chosen.length === 0;
  };
  const add = (name: string) => {
    search.value = "";
    if (!chosen.includes(name)) chosen = [...chosen, name];
    render();
    changed();
  };
  /** The council the text names: exactly (a suggestion picked), else the one council containing it. */
  const match = (text: string): string | null => {
    const t = text.trim().toLowerCase();
    if (!t) return null;
    const exact = authorities.find((a) => a.toLowerCase() === t);
    if (exact) return exact;
    const some = authorities.filter((a) => a.toLowerCase().includes(t));
    return some.length === 1 ? some[0] : null;
  };
  const onInput = (event: Event) => {
    event.stopPropagation(); // a keystroke is not a change of view
    // A suggestion picked from the list arrives as the full name.
    if (known.has(search.value)) add(search.value);
  };
  search.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const name = match(search.value);
    if (name) add(name);
    else if (search.value.trim())
      status.textContent = `No single council matches "${search.value.trim()}"; keep typing or pick one from the list.`;
  });
  chips.addEventListener("click", (event) => {
    const name = (event.target as HTMLElement).closest("button")?.dataset.authority;
    if (name == null) return;
    chosen = chosen.filter((c) => c !== name);
    render();
    search.focus();
    changed();
  });
  clear.addEventListener("click", () => {
    chosen = [];
    render();
    search.focus();
    changed();
  });
  const element = html`<div class="pivot-authority-filter">
    <label for=${search.id}>Councils</label>
    ${search}${list}${chips}${clear}${status}
  </div>` as HTMLElement;
  element.addEventListener("input", onInput);
  render();
  return {
    element,
    chosen: () => chosen,
    set: (names) => {
      chosen = names.filter((n) => known.has(n));
      search.value = "";
      render();
    },
    owns: (target) => target === search
  };
}
