/**
 * A pivot as an HTML table with row and column totals: the report's plain
 * table, and the explorer's, where every cell, totals included, is a button a
 * reader can choose with the mouse or the keyboard (Tab reaches the table,
 * arrow keys move between cells, Enter or Space chooses). Built with htl, so
 * labels from replies we do not control go in as text, never as HTML.
 *
 * Only what a reader can take in is drawn at first: a dimension with hundreds
 * of values (every council in the country, say) shows its first rows and
 * columns, and a button draws the rest.
 */
import {html} from "htl";
import {formatCell} from "../lib/pivot/format.js";
import {dimensionName, measureName, type PivotCell, type PivotResult, type Selection} from "../lib/pivot/pivot.js";

export interface PivotTableOptions {
  caption?: string;
  /** The chosen cell, shown pressed. */
  selected?: Selection | null;
  /** Called when the reader chooses a cell; without it the cells are plain text. */
  onSelect?: (selection: Selection) => void;
  /** Rows drawn at first (default 50, more than a screen holds); the totals always are. */
  maxRows?: number;
  /** Columns drawn at first (default 30). */
  maxCols?: number;
}

export interface PivotTableElement extends HTMLDivElement {
  /** Shows another cell as chosen (for back and forward), without calling onSelect. */
  setSelected(selection: Selection | null): void;
}

/** The attribute value standing for a total in data-row / data-col. */
const TOTAL = "*";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function pivotTable(result: PivotResult, options: PivotTableOptions = {}): PivotTableElement {
  const {spec} = result;
  const {onSelect, maxRows = 50, maxCols = 30} = options;
  const rowsName = dimensionName(spec.rows).toLowerCase();
  const colsName = spec.cols ? dimensionName(spec.cols).toLowerCase() : null;
  const caption =
    options.caption ?? `${measureName(spec.measure)}, by ${rowsName}${colsName ? ` and ${colsName}` : ""}`;

  const valueCell = (cell: PivotCell, isTotal: boolean) => {
    const text = formatCell(cell, spec.measure);
    const className = [
      "num",
      isTotal ? "total" : "",
      cell.withheldRows ? "withheld" : "",
      cell.known === 0 && !cell.withheldRows ? "empty" : ""
    ]
      .filter(Boolean)
      .join(" ");
    const row = cell.row ?? TOTAL;
    const col = cell.col ?? TOTAL;
    if (!onSelect) return html`<td class=${className} data-row=${row} data-col=${col}>${text}</td>`;
    const where = `${cell.row ?? `all ${rowsName}s`}, ${cell.col ?? (colsName ? `all ${colsName}s` : "total")}`;
    const label = `${text}: ${where}. Show the ${plural(cell.lines, "line")} of the reply behind it`;
    return html`<td class=${className} data-row=${row} data-col=${col}><button type="button" tabindex="-1" aria-pressed="false" aria-label=${label}>${text}</button></td>`;
  };

  /** The table with its first `nRows` rows and `nCols` columns (and every total). */
  const draw = (nRows: number, nCols: number) => {
    const cols = result.colKeys.slice(0, nCols);
    const rows = result.rowKeys
      .slice(0, nRows)
      .map(
        (key, i) =>
          html`<tr><th scope="row">${key}</th>${result.cells[i].slice(0, nCols).map((c) => valueCell(c, false))}${valueCell(result.rowTotals[i], true)}</tr>`
      );
    return html`<table class="pivot-table" data-measure=${spec.measure}>
      <caption>${caption}</caption>
      <thead><tr><th scope="col">${dimensionName(spec.rows)}${spec.cols ? ` \\ ${dimensionName(spec.cols)}` : ""}</th>${cols.map((c) => html`<th scope="col" class="num">${c}</th>`)}<th scope="col" class="num total">Total</th></tr></thead>
      <tbody>${rows}</tbody>
      <tfoot><tr><th scope="row">Total</th>${result.colTotals.slice(0, nCols).map((c) => valueCell(c, true))}${valueCell(result.total, true)}</tr></tfoot>
    </table>` as HTMLTableElement;
  };

  const hiddenRows = Math.max(0, result.rowKeys.length - maxRows);
  const hiddenCols = Math.max(0, result.colKeys.length - maxCols);
  let table = draw(maxRows, maxCols);
  const hidden = [
    hiddenRows ? plural(hiddenRows, "other row") : "",
    hiddenCols ? plural(hiddenCols, "other column") : ""
  ]
    .filter(Boolean)
    .join(" and ");
  const more = hidden
    ? (html`<button type="button" class="pivot-more">Show the ${hidden}</button>` as HTMLButtonElement)
    : null;
  const wrapper = html`<div class="pivot-table-wrapper">${table}${more}</div>` as PivotTableElement;
  let current: Selection | null = options.selected ?? null;
  more?.addEventListener("click", () => {
    const full = draw(Infinity, Infinity);
    table.replaceWith(full);
    table = full;
    more.remove();
    wrapper.setSelected(current);
  });

  const buttons = () => [...table.querySelectorAll<HTMLButtonElement>("td button")];
  // One tab stop for the whole grid (the chosen cell, else the first); arrows move within it.
  const setTabStop = (target: HTMLButtonElement | undefined) =>
    buttons().forEach((b) => (b.tabIndex = b === target ? 0 : -1));
  wrapper.setSelected = (selection) => {
    current = selection;
    let pressed: HTMLButtonElement | undefined;
    for (const b of buttons()) {
      const td = b.parentElement as HTMLTableCellElement;
      const on =
        selection != null && td.dataset.row === (selection.row ?? TOTAL) && td.dataset.col === (selection.col ?? TOTAL);
      b.setAttribute("aria-pressed", String(on));
      if (on) pressed = b;
    }
    setTabStop(pressed ?? buttons()[0]);
  };
  if (!onSelect) return wrapper;

  wrapper.setSelected(current);
  // One listener for every cell, on the wrapper so that it outlives a redrawn table.
  wrapper.addEventListener("click", (event) => {
    const td = (event.target as HTMLElement).closest("td button")?.parentElement;
    if (!td) return;
    const selection = {
      row: td.dataset.row === TOTAL ? null : td.dataset.row!,
      col: td.dataset.col === TOTAL ? null : td.dataset.col!
    };
    wrapper.setSelected(selection);
    onSelect(selection);
  });
  wrapper.addEventListener("keydown", (event) => {
    const button = (event.target as HTMLElement).closest("td button");
    if (!button) return;
    const td = button.parentElement as HTMLTableCellElement;
    const tr = td.parentElement as HTMLTableRowElement;
    const rows = [...table.rows].filter((row) => row.querySelector("td button"));
    let r = rows.indexOf(tr),
      c = td.cellIndex;
    if (event.key === "ArrowRight") c++;
    else if (event.key === "ArrowLeft") c--;
    else if (event.key === "ArrowDown") r++;
    else if (event.key === "ArrowUp") r--;
    else if (event.key === "Home") c = 1;
    else if (event.key === "End") c = tr.cells.length - 1;
    else return;
    const next = rows[r]?.cells[c]?.querySelector("button");
    event.preventDefault();
    if (next) {
      setTabStop(next);
      next.focus();
    }
  });
  return wrapper;
}
