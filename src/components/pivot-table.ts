/**
 * A pivot as an HTML table with row and column totals. Every cell, totals
 * included, is a button, so a reader can choose it with the mouse or the
 * keyboard (Tab reaches the table, arrow keys move between cells, Enter or
 * Space chooses). Labels come from replies we do not control: they are set
 * as text, never as HTML.
 */
import {dimensionName, formatCell, measureName, type PivotCell, type PivotResult} from "../lib/pivot/model.js";

export interface PivotSelection {
  row: string | null;
  col: string | null;
}

export interface PivotTableOptions {
  caption?: string;
  /** The chosen cell, shown pressed. */
  selected?: PivotSelection | null;
  /** Called when the reader chooses a cell; without it the cells are plain text. */
  onSelect?: (selection: PivotSelection) => void;
}

export interface PivotTableElement extends HTMLDivElement {
  /** Shows another cell as chosen (for back and forward), without calling onSelect. */
  setSelected(selection: PivotSelection | null): void;
}

/** The attribute value standing for a total in data-row / data-col. */
const TOTAL = "*";

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text != null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

export function pivotTable(result: PivotResult, options: PivotTableOptions = {}): PivotTableElement {
  const {spec} = result;
  const {onSelect} = options;
  const wrapper = el("div", undefined, "pivot-table-wrapper") as PivotTableElement;
  const table = el("table", undefined, "pivot-table");
  table.dataset.measure = spec.measure;
  table.append(el("caption", options.caption ?? `${measureName(spec.measure)}, by ${dimensionName(spec.rows).toLowerCase()} and ${dimensionName(spec.cols).toLowerCase()}`));

  const valueCell = (cell: PivotCell, isTotal: boolean) => {
    const td = el("td", undefined, `num${isTotal ? " total" : ""}${cell.withheldRows ? " withheld" : ""}${cell.known === 0 && !cell.withheldRows ? " empty" : ""}`);
    td.dataset.row = cell.row ?? TOTAL;
    td.dataset.col = cell.col ?? TOTAL;
    const text = formatCell(cell, spec.measure);
    if (!onSelect) {
      td.textContent = text;
      return td;
    }
    const button = el("button", text);
    button.type = "button";
    button.tabIndex = -1;
    const where = [cell.row ?? `all ${dimensionName(spec.rows).toLowerCase()}s`, cell.col ?? `all ${dimensionName(spec.cols).toLowerCase()}s`].join(", ");
    button.setAttribute("aria-label", `${text}: ${where}. Show the ${cell.records.length} line${cell.records.length === 1 ? "" : "s"} of the reply behind it`);
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", () => {
      wrapper.setSelected({row: cell.row, col: cell.col});
      onSelect({row: cell.row, col: cell.col});
    });
    td.append(button);
    return td;
  };

  const head = table.createTHead().insertRow();
  const corner = el("th", `${dimensionName(spec.rows)} \\ ${dimensionName(spec.cols)}`);
  corner.scope = "col";
  head.append(corner, ...result.colKeys.map((c) => Object.assign(el("th", c, "num"), {scope: "col"})), Object.assign(el("th", "Total", "num total"), {scope: "col"}));
  const body = table.createTBody();
  result.rowKeys.forEach((r, i) => {
    const tr = body.insertRow();
    tr.append(Object.assign(el("th", r), {scope: "row"}), ...result.cells[i].map((c) => valueCell(c, false)), valueCell(result.rowTotals[i], true));
  });
  const foot = table.createTFoot().insertRow();
  foot.append(Object.assign(el("th", "Total"), {scope: "row"}), ...result.colTotals.map((c) => valueCell(c, true)), valueCell(result.total, true));
  wrapper.append(table);

  const buttons = () => [...table.querySelectorAll<HTMLButtonElement>("td button")];
  // One tab stop for the whole grid (the chosen cell, else the first); arrows move within it.
  const setTabStop = (target: HTMLButtonElement | undefined) => buttons().forEach((b) => (b.tabIndex = b === target ? 0 : -1));
  wrapper.setSelected = (selection) => {
    let pressed: HTMLButtonElement | undefined;
    for (const b of buttons()) {
      const td = b.parentElement as HTMLTableCellElement;
      const on = selection != null && td.dataset.row === (selection.row ?? TOTAL) && td.dataset.col === (selection.col ?? TOTAL);
      b.setAttribute("aria-pressed", String(on));
      if (on) pressed = b;
    }
    setTabStop(pressed ?? buttons()[0]);
  };
  if (onSelect) {
    wrapper.setSelected(options.selected ?? null);
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
  }
  return wrapper;
}
