/**
 * What travels with the Ofcom comparison: the reply's own caveats (quoted, with their lines) and the
 * citation of the reference figures. Built with DOM text nodes, so a reply's words stay text.
 */
import type {OfcomReference, Caveat} from "../lib/ofcom/comparison.js";
import {formatIsoDate} from "../lib/present/format.js";

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text != null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

export function ofcomCaveats(caveats: readonly Caveat[], {title = "What the reply itself says"}: {title?: string} = {}): HTMLElement {
  const box = el("div", undefined, "ofcom-caveats");
  box.append(el("h3", title));
  const list = el("ul");
  for (const c of caveats) {
    const item = el("li");
    item.dataset.topic = c.topic;
    item.append(el("span", c.text));
    if (c.quote) item.append(" ", el("q", c.quote));
    item.append(" ", el("span", `(${c.source})`, "muted small"));
    list.append(item);
  }
  box.append(list);
  return box;
}

/** The reference's citation, metric and base, as a paragraph. */
export function ofcomCitation(b: OfcomReference): HTMLElement {
  const p = el("p", undefined, "ofcom-citation small");
  const c = b.citation;
  p.append(el("strong", "Reference: "), `${c.citation} Metric: ${c.metric}. Base: ${c.base}. Published ${formatIsoDate(c.published)}; survey ${c.surveyYear}. `,
    el("span", `Data: ${b.file}.`, "muted"));
  return p;
}
