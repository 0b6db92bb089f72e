/**
 * A cross-tab as an HTML table with row and column totals. Text is set as
 * text, never as HTML, because labels come from replies we do not control.
 */
import {cellKey, type CrossTab} from "../lib/pivot/model.js";

export interface CrossTabTableOptions {
  rowLabel?: string;
  colLabel?: string;
  caption?: string;
  format?: (n: number) => string;
}

function cell(tag: "td" | "th", text: string, className?: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  if (className) el.className = className;
  return el;
}

export function crossTabTable(tab: CrossTab, options: CrossTabTableOptions = {}): HTMLTableElement {
  const {rowLabel = "", colLabel = "", caption, format = (n) => n.toLocaleString("en-GB")} = options;
  const table = document.createElement("table");
  table.className = "crosstab";
  if (caption) table.append(Object.assign(document.createElement("caption"), {textContent: caption}));
  const head = table.createTHead().insertRow();
  head.append(cell("th", rowLabel ? `${rowLabel} \\ ${colLabel}` : ""), ...tab.colKeys.map((c) => cell("th", c, "num")), cell("th", "Total", "num"));
  const body = table.createTBody();
  for (const r of tab.rowKeys) {
    const tr = body.insertRow();
    tr.append(cell("th", r));
    for (const c of tab.colKeys) {
      const withheld = tab.withheld.get(cellKey(r, c)) ?? 0;
      const known = tab.cells.get(cellKey(r, c)) ?? 0;
      tr.append(cell("td", known || withheld ? format(known) + (withheld ? ` + ${withheld} withheld` : "") : "–", "num"));
    }
    tr.append(cell("td", format(tab.rowTotals.get(r) ?? 0), "num total"));
  }
  const foot = table.createTFoot().insertRow();
  foot.append(cell("th", "Total"), ...tab.colKeys.map((c) => cell("td", format(tab.colTotals.get(c) ?? 0), "num total")), cell("td", format(tab.total), "num total"));
  return table;
}
