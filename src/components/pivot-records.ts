/**
 * The records behind a pivot cell, each with the reply's file and line and
 * the row as the reply wrote it, so a reader can check a number at its
 * source. Text from replies is set as text, never as HTML.
 */
import {recordLines, recordSource} from "../lib/pivot/model.js";
import type {CaseRecord} from "../lib/types.js";

export interface PivotRecordsOptions {
  caption: string;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text != null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** How many employees a record stands for, as a reader should read it. */
export function recordCount(record: CaseRecord): string {
  if (record.count != null) return String(record.count);
  const b = record.countBounds;
  return b ? `withheld (${b[0]}–${b[1]}, written "${record.countRaw}")` : `withheld (written "${record.countRaw}")`;
}

export function pivotRecords(records: readonly CaseRecord[], {caption}: PivotRecordsOptions): HTMLElement {
  const table = el("table", undefined, "pivot-records");
  table.append(el("caption", caption));
  const head = table.createTHead().insertRow();
  for (const label of ["Source (file:line)", "Lines", "Authority", "Age band as written", "Outcome as written", "Employees", "The row as written"]) {
    head.append(Object.assign(el("th", label), {scope: "col"}));
  }
  const body = table.createTBody();
  if (!records.length) {
    const td = el("td", "No line of any reply falls in this cell.", "muted");
    td.colSpan = 7;
    body.insertRow().append(td);
  }
  for (const r of records) {
    const tr = body.insertRow();
    tr.append(
      el("td", recordSource(r), "source"),
      el("td", recordLines(r), "num"),
      el("td", r.authority),
      el("td", r.ageRaw),
      el("td", r.outcomeRaw),
      el("td", recordCount(r), r.count == null ? "num withheld" : "num")
    );
    const text = el("td");
    text.append(el("pre", r.lineText, "line-text"));
    tr.append(text);
  }
  return table;
}
