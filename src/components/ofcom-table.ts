/**
 * The numbers behind the Ofcom comparison chart, one row per age band. htl sets every value as
 * text, never as HTML. A band with withheld rows shows its exact part as "n of N" and its range beside it.
 */
import {html} from "htl";
import {formatBandCount, type Comparison} from "../lib/ofcom/comparison.js";
import {formatCount, formatNumber, formatShare, formatStatedPercent} from "../lib/present/index.js";

export interface OfcomTableOptions {
  /** Accepted so every component takes the same options; the table scrolls within its container. */
  width?: number;
  caption?: string;
}

const ratio = (x: number) => formatNumber(x, {digits: 2});
const share = (x: number) => formatShare(x, {digits: 1});

export function ofcomTable(c: Comparison, {caption}: OfcomTableOptions = {}): HTMLTableElement {
  const level = formatShare(c.confidence);
  const total = formatCount(c.n);
  return html<HTMLTableElement>`<table class="ofcom-table">
    <caption>${caption ?? `Investigated employees against the share expected from Ofcom's rates (${c.authority})`}</caption>
    <thead><tr>
      <th>Age band</th>
      <th class="num">Investigated (n of N)</th>
      <th class="num">Share (${level} interval)</th>
      <th class="num">Ofcom: % with a social media profile</th>
      <th class="num">${c.workforce.assumption === "equal" ? "Workforce share (assumed equal)" : "Workforce share"}</th>
      <th class="num">Expected share</th>
      <th class="num">Expected cases</th>
      <th class="num">Observed ÷ expected (${level} interval)</th>
    </tr></thead>
    <tbody>${c.bands.map(
      (b) => html.fragment`<tr data-band=${b.band}>
      <th>${b.band}</th>
      <td class="num">${formatCount(b.known)} of ${total}${b.withheldRows ? `; band total ${formatBandCount(b)}` : ""}</td>
      <td class="num">${share(b.share)} (${share(b.shareLower)} to ${share(b.shareUpper)})</td>
      <td class="num" title=${b.ofcomSource}>${formatStatedPercent(b.ofcomPct)}</td>
      <td class="num">${share(b.workforceShare)}</td>
      <td class="num">${share(b.expectedShare)}</td>
      <td class="num">${formatNumber(b.expected, {digits: 1})}</td>
      <td class="num">${ratio(b.ratio)} (${ratio(b.ratioLower)} to ${ratio(b.ratioUpper)})</td>
    </tr>`
    )}</tbody>
    <tfoot><tr>
      <th>Total</th>
      <td class="num">${total} of ${total}</td>
      <td class="num">${c.n ? formatShare(1) : "–"}</td>
      <td class="num"></td>
      <td class="num">${formatShare(1)}</td>
      <td class="num">${formatShare(1)}</td>
      <td class="num">${total}</td>
      <td class="num"></td>
    </tr></tfoot>
  </table>`;
}
