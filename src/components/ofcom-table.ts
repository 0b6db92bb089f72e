/**
 * The numbers behind the Ofcom comparison chart, one row per age band. Text goes in as text, never
 * as HTML. A band with withheld rows shows its exact part as "n of N" and its range beside it.
 */
import {formatBandCount, type Comparison} from "../lib/ofcom/comparison.js";
import {percent} from "../lib/present/format.js";

function cell(tag: "td" | "th", text: string, className?: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  if (className) el.className = className;
  return el;
}

const ratio = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "–");

export function ofcomTable(c: Comparison, {caption}: {caption?: string} = {}): HTMLTableElement {
  const level = percent(c.confidence);
  const table = document.createElement("table");
  table.className = "ofcom-table";
  table.append(Object.assign(document.createElement("caption"), {
    textContent: caption ?? `Investigated employees against the share expected from Ofcom's rates (${c.authority})`
  }));
  const head = table.createTHead().insertRow();
  head.append(
    cell("th", "Age band"),
    cell("th", "Investigated (n of N)", "num"),
    cell("th", `Share (${level} interval)`, "num"),
    cell("th", "Ofcom: % with a social media profile", "num"),
    cell("th", c.workforce.assumption === "equal" ? "Workforce share (assumed equal)" : "Workforce share", "num"),
    cell("th", "Expected share", "num"),
    cell("th", "Expected cases", "num"),
    cell("th", `Observed ÷ expected (${level} interval)`, "num")
  );
  const body = table.createTBody();
  for (const b of c.bands) {
    const tr = body.insertRow();
    tr.dataset.band = b.band;
    tr.append(
      cell("th", b.band),
      cell("td", `${b.known} of ${b.n}` + (b.withheldRows ? `; band total ${formatBandCount(b)}` : ""), "num"),
      cell("td", `${percent(b.share, 1)} (${percent(b.shareLower, 1)} to ${percent(b.shareUpper, 1)})`, "num"),
      cell("td", `${b.ofcomPct}%`, "num"),
      cell("td", percent(b.workforceShare, 1), "num"),
      cell("td", percent(b.expectedShare, 1), "num"),
      cell("td", b.expected.toFixed(1), "num"),
      cell("td", `${ratio(b.ratio)} (${ratio(b.ratioLower)} to ${ratio(b.ratioUpper)})`, "num")
    );
    tr.cells[3].title = b.ofcomSource;
  }
  const foot = table.createTFoot().insertRow();
  foot.append(cell("th", "Total"), cell("td", `${c.n} of ${c.n}`, "num"), cell("td", c.n ? "100%" : "–", "num"),
    cell("td", "", "num"), cell("td", "100%", "num"), cell("td", "100%", "num"), cell("td", String(c.n), "num"), cell("td", "", "num"));
  return table;
}
