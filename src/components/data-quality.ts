/**
 * Tables for the data-quality page: an overview of every reply, and each reply's checks and
 * warnings. Every piece of text comes from replies we do not control; htl sets it as text,
 * never as HTML.
 */
import {html} from "htl";
import {formatCount, statusLabel} from "../lib/present/index.js";
import {sumCounts} from "../lib/records/withheld.js";
import type {Check, ParsedReply, Warning} from "../lib/types.js";

/** Options every table here takes; the tables scroll within their container, so width is accepted but not needed. */
export interface TableOptions {
  width?: number;
  caption?: string;
}

type Cell = string | number | null | Node;

function table(
  rows: Cell[][],
  {caption, headings, className}: {caption: string; headings: string[]; className: string}
): HTMLTableElement {
  const cell = (value: Cell) =>
    typeof value === "number"
      ? html.fragment`<td class="num">${formatCount(value)}</td>`
      : html.fragment`<td>${value ?? "–"}</td>`;
  return html<HTMLTableElement>`<table class=${`dq ${className}`}>
    <caption>${caption}</caption>
    <thead><tr>${headings.map((h) => html.fragment`<th>${h}</th>`)}</tr></thead>
    <tbody>${rows.map((row) => html.fragment`<tr>${row.map(cell)}</tr>`)}</tbody>
  </table>`;
}

/** A status word with a class for colour, and the word itself so colour is never the only signal. */
function statusBadge(status: string): HTMLElement {
  return html`<span class=${`dq-status dq-${status.replace(/[^a-z]+/g, "-")}`}>${status}</span>`;
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
  return responses.map((r) => {
    const counts = sumCounts(r.records);
    return {
      authority: r.authority,
      file: r.file,
      format: r.source
        ? `${r.source.format}${r.source.textSource === "as received" ? "" : ` (${r.source.textSource})`}`
        : "text",
      status: r.status === "ok" ? "table read" : statusLabel(r),
      records: r.records.length,
      counted: counts.known,
      withheld: counts.withheldRows,
      checksFailed: [...r.checks, ...(r.infoChecks ?? [])].filter((c) => c.status === "fail").length,
      warnings: r.warnings.length
    };
  });
}

export function repliesOverview(
  responses: ParsedReply[],
  {caption = "Every reply the kit read"}: TableOptions = {}
): HTMLTableElement {
  return table(
    overviewRows(responses).map((r) => [
      r.authority,
      r.file,
      r.format,
      r.status,
      r.records,
      r.counted,
      r.withheld,
      r.checksFailed,
      r.warnings
    ]),
    {
      caption,
      className: "dq-overview",
      headings: [
        "Authority",
        "File",
        "Format",
        "Status",
        "Records",
        "Employees counted",
        "Rows withheld or unreadable",
        "Checks failed",
        "Warnings"
      ]
    }
  );
}

export function checksTable(checks: Check[], {caption = "Checks"}: TableOptions = {}): HTMLTableElement {
  return table(
    checks.map((c) => [c.name + (c.informational ? " (informational)" : ""), statusBadge(c.status), c.detail]),
    {caption, className: "dq-checks", headings: ["Check", "Result", "What was compared"]}
  );
}

/** Warnings, including every line the kit did not understand, with the line's text as written. */
export function warningsTable(
  warnings: Warning[],
  {
    caption = "Warnings and lines not understood",
    whenNone = "No warnings: every row of the table was read and every label mapped."
  }: TableOptions & {whenNone?: string} = {}
): HTMLElement {
  if (!warnings.length) return html`<p class="dq-none">${whenNone}</p>`;
  return table(
    warnings.map((w) => [w.line, w.message, w.text ? html`<code>${w.text}</code>` : null]),
    {caption, className: "dq-warnings", headings: ["Line", "What the kit could not do", "The line as written"]}
  );
}
