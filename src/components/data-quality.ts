/**
 * Tables for the data-quality page: an overview of every reply, and each
 * reply's checks and warnings. Every piece of text comes from replies we do
 * not control, so it is set with textContent, never as HTML.
 */
import type {Check, ParsedReply, Warning} from "../lib/types.js";

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string | number | null, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text != null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function table(caption: string, headings: string[], rows: (string | number | null | HTMLElement)[][], className: string): HTMLTableElement {
  const t = el("table", null, `dq ${className}`);
  t.append(el("caption", caption));
  const head = t.createTHead().insertRow();
  for (const h of headings) head.append(el("th", h));
  const body = t.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const value of row) {
      const td = el("td");
      if (value instanceof HTMLElement) td.append(value);
      else td.textContent = value == null ? "–" : String(value);
      if (typeof value === "number") td.className = "num";
      tr.append(td);
    }
  }
  return t;
}

/** A status word with a class for colour, and the word itself so colour is never the only signal. */
function statusBadge(status: string): HTMLElement {
  return el("span", status, `dq-status dq-${status.replace(/[^a-z]+/g, "-")}`);
}

export interface ReplyOverviewRow {
  authority: string;
  file: string;
  format: string;
  status: string;
  records: number;
  counted: number;
  withheld: number;
  checksFailed: number;
  warnings: number;
}

/** One line per reply, with the figures the overview shows; pure, so tests can check it without a DOM. */
export function overviewRows(responses: ParsedReply[]): ReplyOverviewRow[] {
  return responses.map((r) => ({
    authority: r.authority,
    file: r.file,
    format: r.source ? `${r.source.format}${r.source.textSource === "as received" ? "" : ` (${r.source.textSource})`}` : "text",
    status: r.status === "nil" ? `nil return (${r.nilReason ?? "no table"})` : "table read",
    records: r.records.length,
    counted: r.records.reduce((s, x) => s + (x.count ?? 0), 0),
    withheld: r.records.filter((x) => x.count == null).length,
    checksFailed: [...r.checks, ...(r.infoChecks ?? [])].filter((c) => c.status === "fail").length,
    warnings: r.warnings.length
  }));
}

export function repliesOverview(responses: ParsedReply[]): HTMLTableElement {
  return table(
    "Every reply the kit read",
    ["Authority", "File", "Format", "Status", "Records", "Employees counted", "Rows withheld or unreadable", "Checks failed", "Warnings"],
    overviewRows(responses).map((r) => [r.authority, r.file, r.format, r.status, r.records, r.counted, r.withheld, r.checksFailed, r.warnings]),
    "dq-overview"
  );
}

export function checksTable(checks: Check[], caption = "Checks"): HTMLTableElement {
  return table(
    caption,
    ["Check", "Result", "What was compared"],
    checks.map((c) => [c.name + (c.informational ? " (informational)" : ""), statusBadge(c.status), c.detail]),
    "dq-checks"
  );
}

/** Warnings, including every line the kit did not understand, with the line's text as written. */
export function warningsTable(warnings: Warning[], caption = "Warnings and lines not understood", whenNone = "No warnings: every row of the table was read and every label mapped."): HTMLElement {
  if (!warnings.length) return el("p", whenNone, "dq-none");
  return table(
    caption,
    ["Line", "What the kit could not do", "The line as written"],
    warnings.map((w) => [w.line, w.message, w.text ? el("code", w.text) : null]),
    "dq-warnings"
  );
}
