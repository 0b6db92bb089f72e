/**
 * The data-quality page: one sortable, filterable table with a row per reply
 * (failing checks and unreadable files first), and each reply's checks and
 * warnings on demand. Every piece of text comes from replies we do not
 * control; htl sets it as text, never as HTML.
 */
import {html} from "htl";
import {councilHref} from "../lib/campaign/slug.js";
import {STATUS_WORDS, formatCount} from "../lib/present/index.js";
import {needsReview, problemRank, type QualityReply} from "../lib/campaign/quality.js";
import type {Check, Warning} from "../lib/core/types.js";

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

export function checksTable(
  checks: Pick<Check, "name" | "informational" | "status" | "detail">[],
  {caption = "Checks"}: TableOptions = {}
): HTMLTableElement {
  return table(
    checks.map((c) => [c.name + (c.informational ? " (informational)" : ""), statusBadge(c.status), c.detail]),
    {caption, className: "dq-checks", headings: ["Check", "Result", "What was compared"]}
  );
}

/** Warnings, including every line the kit did not understand, with the line's text as written. */
export function warningsTable(
  warnings: Pick<Warning, "line" | "message" | "text">[],
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

/** A column of the overview: its heading, its cell, and how it sorts. */
interface Column {
  key: string;
  heading: string;
  cell: (r: QualityReply) => string | number;
  numeric?: boolean;
  /** What a short heading means. */
  title?: string;
}

const COLUMNS: Column[] = [
  {key: "authority", heading: "Authority", cell: (r) => r.authority},
  {key: "file", heading: "File", cell: (r) => r.file},
  {key: "format", heading: "Format", cell: (r) => r.format},
  {key: "status", heading: "Status", cell: (r) => r.status},
  {
    key: "verdict",
    heading: "Verdict",
    title:
      "verified: a check confirms the reading; unverified: no check could run, a person should look; conflicting: a check fails",
    cell: (r) => r.verdict
  },
  {key: "records", heading: "Records", cell: (r) => r.records, numeric: true},
  {key: "counted", heading: "Employees counted", cell: (r) => r.counted, numeric: true},
  {
    key: "withheld",
    heading: "Rows withheld",
    title: "Rows whose count the council withheld or the kit could not read as a number",
    cell: (r) => r.withheld,
    numeric: true
  },
  {key: "checksFailed", heading: "Checks failed", cell: (r) => r.checksFailed, numeric: true},
  {key: "warnings", heading: "Warnings", cell: (r) => r.warnings, numeric: true},
  {
    key: "transcribed",
    heading: "Transcribed",
    title: "Records a person transcribed from the reply",
    cell: (r) => r.transcribed,
    numeric: true
  },
  {
    key: "corrected",
    heading: "Corrected",
    title: "Records a person corrected after the kit read them",
    cell: (r) => r.corrected,
    numeric: true
  }
];

/** What a reader finds when searching: the council, the file, the status and format. */
const searchText = (r: QualityReply) =>
  `${r.authority}\n${r.file}\n${r.status}\n${r.verdict}\n${r.format}`.toLowerCase();

/** Where a reply's details open by default: with a handful of replies, all of them; at campaign scale, on demand. */
export const OPEN_UP_TO = 5;

export interface OverviewOptions {
  caption?: string;
  /** Open every reply's details at first (default: when there are at most OPEN_UP_TO replies). */
  open?: boolean;
}

/** One reply's details: its status, where its lines were counted, what people wrote, checks, warnings, council page. */
export function replyDetails(r: QualityReply): HTMLElement {
  const human = r.human;
  return html`<div class="dq-details">
    <p><strong>${verdictHeading[r.verdict]}</strong> ${r.verdictReason}.</p>
    <p class="small muted">${r.file}${r.source ? ` · ${r.format}${r.source.encoding ? `, ${r.source.encoding}` : ""} · lines count in the text ${r.source.textSource}` : ""}${r.table ? ` · table header at line ${r.table.headerLine} (${r.table.layout})` : ""}</p>
    ${
      r.status === STATUS_WORDS.unreadable
        ? html`<p><strong>Unreadable:</strong> ${r.statusDetail} None of its figures are on any page.</p>`
        : r.status !== STATUS_WORDS.ok
          ? html`<p><strong>${r.status}:</strong> ${r.statusDetail ?? ""}.${r.records ? "" : " The reply gives no records, and that is not an error; it is never counted as zero cases unless it says no one was investigated."}</p>`
          : ""
    }
    <p>${provenanceText(r)}${human.transcription ? html` A person transcribed the table in <code>${human.transcription}</code>.` : ""}${human.corrections ? html` <code>${human.corrections}</code> corrected ${countOf(human.applied ?? 0, "row")}.` : ""}</p>
    ${human.dropped?.length ? html`<ul>${human.dropped.map((d) => html`<li>${human.corrections} line ${d.line}: ${d.reason}</li>`)}</ul>` : ""}
    ${r.checks.length ? html`<div class="scroll-x">${checksTable(r.checks, {caption: `Checks on ${r.authority}'s reply`})}</div>` : ""}
    ${r.status === STATUS_WORDS.unreadable ? "" : html`<div class="scroll-x">${warningsTable(r.warningList, {caption: `Warnings and lines not understood in ${r.file}`, whenNone: r.records === 0 ? "No warnings: the reply has no table to read." : undefined})}</div>`}
    ${r.warningsMore ? html`<p class="small">And ${countOf(r.warningsMore, "more warning")}: <code>npm run ingest</code> lists them all.</p>` : ""}
    <p class="small"><a href=${councilHref(r.slug)}>${r.authority}'s page</a>${r.status === STATUS_WORDS.unreadable ? ": its status and what to do" : ": the reply's text, line by line"}.</p>
  </div>`;
}

/** What each verdict asks of a reader, as the first words of a reply's details. */
const verdictHeading: Record<QualityReply["verdict"], string> = {
  verified: "Verified:",
  unverified: "Unverified, for a person to check:",
  conflicting: "Conflicting, for a person to check:",
  unreadable: "Unreadable:"
};

const countOf = (n: number, noun: string, plural = `${noun}s`) => `${formatCount(n)} ${n === 1 ? noun : plural}`;

function provenanceText(r: QualityReply): string {
  if (r.status === STATUS_WORDS.unreadable) return "No records: the file could not be read.";
  if (!r.records) return "No records.";
  const parts = [
    r.read ? `${countOf(r.read, "record")} read by the kit` : "",
    r.transcribed ? `${countOf(r.transcribed, "record")} transcribed by a person` : "",
    r.corrected ? `${countOf(r.corrected, "record")} corrected by a person` : ""
  ].filter(Boolean);
  return `${parts.join(", ")}.`;
}

/**
 * Every reply in one table: a search box and a "problems only" switch filter
 * it, each column heading sorts it, and each council's name opens that
 * reply's details below its row. Rows come in the order given (the loader
 * puts failing checks and unreadable files first).
 */
export function qualityOverview(
  replies: readonly QualityReply[],
  {caption = "Every reply the kit read", open = replies.length <= OPEN_UP_TO}: OverviewOptions = {}
): HTMLElement {
  const id = `dq-${Math.random().toString(36).slice(2, 8)}`;
  const rows = replies.map((r, i) => {
    const toggle = html`<button type="button" class="dq-toggle" aria-expanded=${String(open)}
      aria-controls=${`${id}-d${i}`}>${r.authority}</button>` as HTMLButtonElement;
    const main = html`<tr class=${`dq-reply dq-rank-${problemRank(r)}`}>${COLUMNS.map((c, j) => {
      const v = c.cell(r);
      return j === 0
        ? html`<td>${toggle}</td>`
        : c.key === "status" || c.key === "verdict"
          ? html`<td>${statusBadge(String(v))}</td>`
          : typeof v === "number"
            ? html`<td class="num">${formatCount(v)}</td>`
            : html`<td class=${`dq-${c.key}`}>${v}</td>`;
    })}</tr>` as HTMLTableRowElement;
    const detail =
      html`<tr class="dq-detail" id=${`${id}-d${i}`}><td colspan=${COLUMNS.length}></td></tr>` as HTMLTableRowElement;
    // Details are built the first time they open, so 400 replies cost 400 rows, not 400 sets of tables.
    const show = (on: boolean) => {
      if (on && !detail.cells[0].firstChild) detail.cells[0].append(replyDetails(r));
      detail.hidden = !on;
      toggle.setAttribute("aria-expanded", String(on));
    };
    toggle.addEventListener("click", () => show(toggle.getAttribute("aria-expanded") !== "true"));
    show(open);
    return {r, main, detail, text: searchText(r)};
  });
  const body = html`<tbody>${rows.flatMap((x) => [x.main, x.detail])}</tbody>` as HTMLTableSectionElement;
  let sortKey: string | null = null;
  let ascending = true;
  const headers = COLUMNS.map((c) => {
    const button = html`<button type="button" class="dq-sort">${c.heading}</button>` as HTMLButtonElement;
    const th =
      html`<th scope="col" class=${c.numeric ? "num" : ""} title=${c.title ?? ""}>${button}</th>` as HTMLTableCellElement;
    button.addEventListener("click", () => {
      ascending = sortKey === c.key ? !ascending : !c.numeric; // numbers: largest first
      sortKey = c.key;
      for (const h of headers) h.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const sign = ascending ? 1 : -1;
      const sorted = [...rows].sort((a, b) => {
        const x = c.cell(a.r),
          y = c.cell(b.r);
        const by = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
        return sign * by || rows.indexOf(a) - rows.indexOf(b);
      });
      body.append(...sorted.flatMap((x) => [x.main, x.detail]));
    });
    return th;
  });
  const search =
    html`<input type="search" id=${`${id}-search`} placeholder="Council, file or status" autocomplete="off">` as HTMLInputElement;
  const problemsOnly = html`<input type="checkbox" id=${`${id}-problems`}>` as HTMLInputElement;
  const status = html`<p class="small muted" aria-live="polite"></p>` as HTMLParagraphElement;
  const problems = replies.filter((r) => problemRank(r) > 0).length;
  const queue = replies.filter(needsReview).length;
  const filter = () => {
    const t = search.value.trim().toLowerCase();
    let shown = 0;
    for (const x of rows) {
      const on = (!t || x.text.includes(t)) && (!problemsOnly.checked || problemRank(x.r) > 0);
      x.main.hidden = !on;
      if (!on) x.detail.hidden = true;
      else x.detail.hidden = x.main.querySelector(".dq-toggle")!.getAttribute("aria-expanded") !== "true";
      if (on) shown++;
    }
    status.textContent =
      shown === replies.length
        ? `${countOf(replies.length, "reply", "replies")}: ${formatCount(queue)} for a person to check (unreadable, conflicting or unverified), ${formatCount(problems - queue)} more with a warning, listed in that order. Choose a council to see its verdict, checks and warnings.`
        : `Showing ${formatCount(shown)} of ${countOf(replies.length, "reply", "replies")}.`;
  };
  search.addEventListener("input", filter);
  problemsOnly.addEventListener("change", filter);
  filter();
  // With a handful of replies, all open, there is nothing to search or choose.
  const few = replies.length <= OPEN_UP_TO;
  return html`<div class="dq-overview-wrapper">
    <div class="dq-filters" hidden=${few}>
      <label for=${search.id}>Search</label> ${search}
      <label>${problemsOnly} Only replies for a person to check, or with a warning</label>
    </div>
    ${few ? "" : status}
    <div class="scroll-x dq-scroll"><table class="dq dq-overview">
      <caption>${caption}</caption>
      <thead><tr>${headers}</tr></thead>
      ${body}
    </table></div>
  </div>`;
}
