/**
 * What travels with the Ofcom comparison: the reply's own caveats (records/caveats.ts: quoted, with
 * their lines) and the citation of the reference figures. htl sets every value as text, so a
 * reply's words stay text.
 */
import {html} from "htl";
import type {Comparison} from "../lib/ofcom/comparison.js";
import {readingOf, type ReadingOptions} from "../lib/ofcom/reading.js";
import type {OfcomReference} from "../lib/ofcom/reference.js";
import type {CaveatKind, ReplyCaveats} from "../lib/records/caveats.js";
import {
  formatCount,
  formatDate,
  formatNumber,
  formatPeriod,
  formatPlace,
  formatRange,
  formatStatedPercent,
  listText
} from "../lib/present/index.js";

/** One line of the box: what the reply says, its words, and where they stand. */
export interface CaveatItem {
  kind: CaveatKind;
  text: string;
  quote: string | null;
  source: string;
}

/**
 * The box's three items (what was counted, the period against Ofcom's survey year, the share of
 * all disciplinary proceedings), worded from the facts. Pure, so tests read them without a DOM.
 */
export function ofcomCaveatItems(caveats: ReplyCaveats): CaveatItem[] {
  const {scope, period, share, surveyYear} = caveats;
  const items: CaveatItem[] = [];
  if (scope) {
    const also = scope.channels.length ? `${listText(scope.channels)} use` : null;
    const text = !scope.broader
      ? "The reply says how it recorded the cases."
      : scope.category
        ? `The cases are counted as "${scope.category}"${also ? `, which may also cover ${also}` : ""}, so not every case is about social media.`
        : `The reply says the cases may also concern ${also}, so not every case is about social media.`;
    items.push({kind: "scope", text, quote: scope.quote, source: formatPlace(scope)});
  }
  if (period) {
    const years = formatNumber(period.years, {digits: 1, trim: true});
    const survey = surveyYear
      ? `; Ofcom's rates come from a single survey year, ${surveyYear.surveyYear}, ${surveyYear.within ? "within" : "outside"} those ${years} years`
      : ` (${years} years)`;
    items.push({
      kind: "period",
      text: `The cases cover ${formatPeriod(period.start, period.end)}${survey}.`,
      quote: null,
      source: [
        period.file,
        period.policy ? `policy date: ${formatPlace(period.policy, {withFile: false})}` : null,
        surveyYear ? `survey year: ${surveyYear.file}` : null
      ]
        .filter((s) => s != null)
        .join("; ")
    });
  }
  if (share) {
    const again = share.sameScope && scope?.category ? ` (again counted as ${scope.category})` : "";
    const implied =
      share.implied && share.basis
        ? ` If the ${formatCount(share.basis.count)} investigated are the cases it counts, the council ran ${formatRange(share.implied.low, share.implied.high)} disciplinary proceedings in the period: an inference, not a figure it gave.`
        : "";
    items.push({
      kind: "share",
      quote: share.quote,
      source: formatPlace(share),
      text: `These cases were ${share.pct != null ? formatStatedPercent(share.pct) : share.stated} of all disciplinary proceedings${again}.${implied}`
    });
  }
  return items;
}

export interface OfcomCaveatsOptions {
  /** Accepted so every component takes the same options; the box flows to its container's width. */
  width?: number;
  title?: string;
}

export function ofcomCaveats(
  caveats: ReplyCaveats,
  {title = "What the reply itself says"}: OfcomCaveatsOptions = {}
): HTMLElement {
  return html`<div class="ofcom-caveats">
    <h3>${title}</h3>
    <ul>${ofcomCaveatItems(caveats).map((c) => html.fragment`<li data-kind=${c.kind}><span>${c.text}</span>${c.quote ? html.fragment` <q>${c.quote}</q>` : null} <span class="muted small">(${c.source})</span></li>`)}</ul>
  </div>`;
}

/** The reference's citation, metric and base, as a paragraph. */
export function ofcomCitation(reference: OfcomReference, _options: {width?: number} = {}): HTMLElement {
  const c = reference.citation;
  return html`<p class="ofcom-citation small"><strong>Reference:</strong> ${c.citation} Metric: ${c.metric}. Base: ${c.base}. Published ${formatDate(c.published)}; survey ${c.surveyYear}. <span class="muted">Data: ${reference.file}.</span></p>`;
}

/** The comparison's reading (ofcom/reading.ts), a paragraph per sentence. */
export function ofcomReading(comparison: Comparison, options: ReadingOptions = {}): HTMLElement {
  return html`<div class="ofcom-reading">${readingOf(comparison, options).map((s) => html.fragment`<p>${s}</p>`)}</div>`;
}
