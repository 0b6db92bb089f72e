/**
 * What the pages repeat, laid out once: a sentence's parts (src/lib/views/parts.ts), the caveat
 * list, the source line, a quotation, a link to a council's page and the table of councils.
 * htl sets every value as text, so a reply's words stay text.
 */
import {html} from "htl";
import * as Inputs from "@observablehq/inputs";
import {councilHref} from "../lib/campaign/slug.js";
import {formatCount, formatDate, formatLines} from "../lib/present/index.js";
import type {CouncilRow} from "../lib/report/campaign-figures.js";
import type {CaveatItem, Part, SourceLine} from "../lib/views/parts.js";

export interface PartsOptions {
  /** Lines of the reply become links to its text on the same page (a council's page); else they are words. */
  linkLines?: boolean;
}

/** A quotation from a reply or the request, set apart. */
export const quote = (text: string) => html`<blockquote>${text}</blockquote>`;

/** A link to a line (or lines) of the reply's text on a council's page. */
export const lineLink = (line: number, endLine: number | null = null) =>
  html`<a href=${`#L${line}`}>${formatLines(line, endLine)}</a>`;

/** A council's name linking to its page; `from` is the way from the page to the site's root ("./" or "../"). */
export const councilLink = (name: string, slug: string, {from = "./"}: {from?: string} = {}) =>
  html`<a href=${`${from}${councilHref(slug)}`}>${name}</a>`;

function part(p: Part, {linkLines = false}: PartsOptions) {
  if (typeof p === "string") return p;
  if ("quote" in p) return quote(p.quote);
  if ("strong" in p) return html`<strong>${p.strong}</strong>`;
  if ("code" in p) return html`<code>${p.code}</code>`;
  return linkLines
    ? lineLink(p.lines.line, p.lines.endLine ?? null)
    : formatLines(p.lines.line, p.lines.endLine ?? null);
}

/** A sentence's parts, in order. */
export function parts(items: readonly Part[], options: PartsOptions = {}) {
  return html.fragment`${items.map((p) => part(p, options))}`;
}

/** The caveats: a list of items, each its title in bold and its sentence. */
export function caveatList(items: readonly CaveatItem[], options: PartsOptions = {}): HTMLElement {
  return html`<ul class="caveats">${items.map((c) => html.fragment`<li><strong>${c.title}.</strong> ${parts(c.parts, options)}</li>`)}</ul>`;
}

/** Where a reply came from and on what terms it may be re-used, as a sentence. */
export function sourceText(s: SourceLine) {
  return html.fragment`${s.lead}<code>${s.file}</code>. ${s.terms}`;
}

const COLUMNS = ["council", "status", "employees", "withheld", "verdict", "replyDate"] as const;
const HEADER: Record<(typeof COLUMNS)[number], string> = {
  council: "Council",
  status: "Status",
  employees: "Employees",
  withheld: "Withheld rows",
  verdict: "Verdict",
  replyDate: "Reply dated"
};
/** A refusal has no count at all, never 0. */
const count = (x: number | null) => (x == null ? "no count" : formatCount(x));
const dated = (d: string | null) => formatDate(d, {missing: ""});

/** The table of councils, each linking to its page, sortable, twelve rows high (on screen). */
export function councilTable(rows: readonly CouncilRow[]): HTMLElement {
  return Inputs.table(rows, {
    columns: [...COLUMNS],
    header: HEADER,
    format: {
      council: (name: string, i: number, data: CouncilRow[]) => councilLink(name, data[i].slug),
      employees: count,
      withheld: formatCount,
      replyDate: dated
    },
    sort: "council",
    rows: 12.5,
    width: {council: 220, status: 200},
    select: false
  });
}

/** The same table in full for print, where a scrolling table would be cut. */
export function councilPrintTable(rows: readonly CouncilRow[]): HTMLElement {
  return html`<table class="council-print">
    <thead><tr>${COLUMNS.map((c) => html.fragment`<th>${HEADER[c]}</th>`)}</tr></thead>
    <tbody>${rows.map((r) => html.fragment`<tr><td>${r.council}</td><td>${r.status}</td><td class="num">${count(r.employees)}</td><td class="num">${formatCount(r.withheld)}</td><td>${r.verdict}</td><td>${dated(r.replyDate)}</td></tr>`)}</tbody>
  </table>`;
}

/** The share of cases in each age band with its 95% interval, as the report's view formats them. */
export function bandTable(
  rows: readonly {band: string; count: string; share: string; interval: string}[]
): HTMLElement {
  return html`<table class="figures">
  <caption>Share of employees investigated, by age band</caption>
  <thead><tr><th>Age band</th><th class="num">Employees</th><th class="num">Share</th><th class="num">95% interval</th></tr></thead>
  <tbody>${rows.map((b) => html.fragment`<tr><th>${b.band}</th><td class="num">${b.count}</td><td class="num">${b.share}</td><td class="num">${b.interval}</td></tr>`)}</tbody>
</table>`;
}
