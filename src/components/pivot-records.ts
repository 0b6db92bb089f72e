/**
 * The records behind a pivot cell, each with the reply's file and line and
 * the row as the reply wrote it, so a reader can check a number at its
 * source: the file and line link to that line on the council's page. Built with htl: text from replies goes in as text, never as HTML.
 * A cell of thousands of records lists them a page at a time.
 */
import {html} from "htl";
import {councilLineHref} from "../lib/campaign/slug.js";
import {slugOf} from "../lib/campaign/slug.js";
import {recordLines, recordSource} from "../lib/pivot/format.js";
import type {CaseRecord} from "../lib/core/types.js";

export interface PivotRecordsOptions {
  caption: string;
  /** Records listed at first and per "show more" (default 100). */
  pageSize?: number;
  /** Each record's council-page slug (default: its authority's name made a slug). */
  slug?: (record: CaseRecord) => string | undefined;
}

/** How many employees a record stands for, as a reader should read it. */
export function recordCount(record: CaseRecord): string {
  if (record.count != null) return String(record.count);
  const b = record.countBounds;
  return b ? `withheld (${b[0]}–${b[1]}, written "${record.countRaw}")` : `withheld (written "${record.countRaw}")`;
}

/**
 * The line on its council's page (`councils/<slug>.html#L<line>`), where the reply's text is shown
 * numbered. `slug` gives the record's council slug (the loader's, which tells apart two councils
 * whose names give one slug); by default the authority's name made a slug.
 */
export const councilLine = (r: CaseRecord, slug: (r: CaseRecord) => string | undefined = () => undefined) =>
  councilLineHref(slug(r) ?? slugOf(r.authority), r.line);

const recordRow = (r: CaseRecord, slug?: (r: CaseRecord) => string | undefined) => html`<tr>
  <td class="source"><a href=${councilLine(r, slug)}>${recordSource(r)}</a></td>
  <td class="num">${recordLines(r)}</td>
  <td>${r.authority}</td>
  <td>${r.ageRaw}</td>
  <td>${r.outcomeRaw}</td>
  <td class=${r.count == null ? "num withheld" : "num"}>${recordCount(r)}</td>
  <td><pre class="line-text">${r.lineText}</pre></td>
</tr>`;

export function pivotRecords(
  records: readonly CaseRecord[],
  {caption, pageSize = 100, slug}: PivotRecordsOptions
): HTMLElement {
  const body = html`<tbody>${
    records.length
      ? records.slice(0, pageSize).map((r) => recordRow(r, slug))
      : html`<tr><td class="muted" colspan="7">No line of any reply falls in this cell.</td></tr>`
  }</tbody>` as HTMLTableSectionElement;
  const rows = (from: number, to: number) =>
    records.slice(from, to).map((r) => recordRow(r, slug) as HTMLTableRowElement);
  const table = html`<table class="pivot-records">
    <caption>${caption}</caption>
    <thead><tr>${["Source (file:line)", "Lines", "Authority", "Age band as written", "Outcome as written", "Employees", "The row as written"].map((label) => html`<th scope="col">${label}</th>`)}</tr></thead>
    ${body}
  </table>` as HTMLTableElement;
  if (records.length <= pageSize) return table;
  const more = html`<button type="button" class="pivot-more"></button>` as HTMLButtonElement;
  let shown = pageSize;
  const label = () =>
    (more.textContent = `Show ${Math.min(pageSize, records.length - shown)} more of the ${records.length - shown} other lines`);
  label();
  more.addEventListener("click", () => {
    body.append(...rows(shown, shown + pageSize));
    shown += pageSize;
    if (shown >= records.length) more.remove();
    else label();
  });
  return html`<div class="pivot-records-wrapper">${table}${more}</div>` as HTMLDivElement;
}
