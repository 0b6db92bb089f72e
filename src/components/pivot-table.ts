/**
 * A pivot as an HTML table with row and column totals: the report's plain
 * table, and the explorer's, where every cell, totals included, is a button a
 * reader can choose with the mouse or the keyboard (Tab reaches the table,
 * arrow keys move between cells, Enter or Space chooses). Built with htl, so
 * labels from replies we do not control go in as text, never as HTML.
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
  /** Rows drawn at once; more wait behind a button (default 100), so a table of hundreds of authorities stays quick. */
  maxRows?: number;
}

export interface PivotTableElement extends HTMLDivElement {
  /** Shows another cell as chosen (for back and forward), without calling onSelect. */
  setSelected(selection: Selection | null): void;
}

/** The attribute value standing for a total in data-row / data-col. */
const TOTAL = "*";

export function pivotTable(result: PivotResult, options: PivotTableOptions = {}): PivotTableElement {
  const {spec} = result;
  const {onSelect, maxRows = 100} = options;
  const rowsName = dimensionName(spec.rows).toLowerCase();
  const colsName = spec.cols ? dimensionName(spec.cols).toLowerCase() : null;
  const caption = options.caption ?? `${measureName(spec.measure)}, by ${rowsName}${colsName ? ` and ${colsName}` : ""}`;

  const valueCell = (cell: PivotCell, isTotal: boolean) => {
    const text = formatCell(cell, spec.measure);
    const className = ["num", isTotal ? "total" : "", cell.withheldRows ? "withheld" : "", cell.known === 0 && !cell.withheldRows ? "empty" : ""].filter(Boolean).join(" ");
    const row = cell.row ?? TOTAL;
    const col = cell.col ?? TOTAL;
    if (!onSelect) return html`<td class=${className} data-row=${row} data-col=${col}>${text}</td>`;
    const where = `${cell.row ?? `all ${rowsName}s`}, ${cell.col ?? (colsName ? `all ${colsName}s` : "total")}`;
    const label = `${text}: ${where}. Show the ${cell.lines} line${cell.lines === 1 ? "" : "s"} of the reply behind it`;
    return html`<td class=${className} data-row=${row} data-col=${col}><button type="button" tabindex="-1" aria-pressed="false" aria-label=${label}>${text}</button></td>`;
  };
  const bodyRow = (key: string, i: number) =>
    html`<tr><th scope="row">${key}</th>${result.cells[i].map((c) => valueCell(c, false))}${valueCell(result.rowTotals[i], true)}</tr>` as HTMLTableRowElement;

  let current: Selection | null = options.selected ?? null;
  const shown = Math.min(result.rowKeys.length, maxRows);
  const more = result.rowKeys.length - shown;
  const moreButton = more > 0 ? (html`<button type="button" class="pivot-more">Show the other ${more} row${more === 1 ? "" : "s"}</button>` as HTMLButtonElement) : null;
  const body = html`<tbody>${result.rowKeys.slice(0, shown).map(bodyRow)}</tbody>` as HTMLTableSectionElement;
  const table = html`<table class="pivot-table" data-measure=${spec.measure}>
    <caption>${caption}</caption>
    <thead><tr><th scope="col">${dimensionName(spec.rows)}${spec.cols ? ` \\ ${dimensionName(spec.cols)}` : ""}</th>${result.colKeys.map((c) => html`<th scope="col" class="num">${c}</th>`)}<th scope="col" class="num total">Total</th></tr></thead>
    ${body}
    <tfoot><tr><th scope="row">Total</th>${result.colTotals.map((c) => valueCell(c, true))}${valueCell(result.total, true)}</tr></tfoot>
  </table>` as HTMLTableElement;
  const wrapper = html`<div class="pivot-table-wrapper">${table}${moreButton}</div>` as PivotTableElement;
  moreButton?.addEventListener("click", () => {
    body.append(...result.rowKeys.slice(shown).map((key, k) => bodyRow(key, shown + k)));
    moreButton.remove();
    wrapper.setSelected(current);
  });

  const buttons = () => [...table.querySelectorAll<HTMLButtonElement>("td button")];
  // One tab stop for the whole grid (the chosen cell, else the first); arrows move within it.
  const setTabStop = (target: HTMLButtonElement | undefined) => buttons().forEach((b) => (b.tabIndex = b === target ? 0 : -1));
  wrapper.setSelected = (selection) => {
    current = selection;
    let pressed: HTMLButtonElement | undefined;
    for (const b of buttons()) {
      const td = b.parentElement as HTMLTableCellElement;
      const on = selection != null && td.dataset.row === (selection.row ?? TOTAL) && td.dataset.col === (selection.col ?? TOTAL);
      b.setAttribute("aria-pressed", String(on));
      if (on) pressed = b;
    }
    setTabStop(pressed ?? buttons()[0]);
  };
  if (!onSelect) return wrapper;

  wrapper.setSelected(current);
  // One listener for every cell: the chosen cell is read from its data attributes.
  table.addEventListener("click", (event) => {
    const td = (event.target as HTMLElement).closest("button")?.parentElement as HTMLTableCellElement | undefined;
    if (!td) return;
    const selection = {row: td.dataset.row === TOTAL ? null : td.dataset.row!, col: td.dataset.col === TOTAL ? null : td.dataset.col!};
    wrapper.setSelected(selection);
    onSelect(selection);
  });
  table.addEventListener("keydown", (event) => {
    const button = (event.target as HTMLElement).closest("button");
    if (!button) return;
    const td = button.parentElement as HTMLTableCellElement;
    const tr = td.parentElement as HTMLTableRowElement;
    const rows = [...table.rows].filter((row) => row.querySelector("td button"));
    let r = rows.indexOf(tr), c = td.cellIndex;
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
