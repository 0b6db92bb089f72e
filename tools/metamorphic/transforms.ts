/**
 * Transformations that keep a reply's meaning: each changes only how the reply
 * is written (./render.ts options), never what it says, so the records, the
 * status and answer 5 read from it must stay those of its meaning. Each is a
 * small pure function; `combine` draws a few at random (seeded).
 */
import {mulberry32} from "../synthetic.js";
import type {Meaning} from "./meaning.js";
import {FORMATS, type RenderOptions} from "./render.js";

export interface Transformation {
  id: string;
  /** What it varies: the report's rows are grouped by it. */
  kind:
    | "identity"
    | "numbering"
    | "characters"
    | "headers"
    | "order"
    | "shape"
    | "totals"
    | "numbers"
    | "layout"
    | "format"
    | "status";
  /** Whether it means anything for this base (a table transformation needs a table). */
  applies: (m: Meaning) => boolean;
  apply: (o: RenderOptions) => RenderOptions;
}

const hasTable = (m: Meaning) => m.rows.length > 0;
const noWithheld = (m: Meaning) => hasTable(m) && m.rows.every((r) => r.count !== null);
const always = () => true;
const set =
  (patch: Partial<RenderOptions>) =>
  (o: RenderOptions): RenderOptions => ({...o, ...patch});
const crosstab = (o: RenderOptions) =>
  o.shape.startsWith("crosstab") ? o : {...o, shape: "crosstab-ages-down" as const};

const t = (
  id: string,
  kind: Transformation["kind"],
  applies: Transformation["applies"],
  apply: Transformation["apply"]
): Transformation => ({
  id,
  kind,
  applies,
  apply
});

export const TRANSFORMATIONS: readonly Transformation[] = [
  t("identity", "identity", always, (o) => o),
  // Numbering of the answers ("5." on its own line is the base's).
  t("numbering 5. inline", "numbering", always, set({numbering: "dot"})),
  t("numbering 5)", "numbering", always, set({numbering: "paren"})),
  t("numbering Q5", "numbering", always, set({numbering: "q"})),
  t("numbering Question 5:", "numbering", always, set({numbering: "question"})),
  t("numbering (v)", "numbering", always, set({numbering: "roman"})),
  t("questions not echoed", "numbering", always, set({echoQuestions: false})),
  // Dash and quote characters.
  t("dash en –", "characters", always, set({dash: "\u2013"})),
  t("dash em —", "characters", always, set({dash: "\u2014"})),
  t("dash non-breaking ‑", "characters", always, set({dash: "\u2011"})),
  t("quotes curly ’ “”", "characters", always, set({quotes: "curly"})),
  t("quotes straight", "characters", always, set({quotes: "straight"})),
  // Header synonyms and order.
  t("header Age band", "headers", hasTable, (o) => ({...o, headers: ["Age band", o.headers[1], o.headers[2]]})),
  t("header Age range", "headers", hasTable, (o) => ({...o, headers: ["Age range", o.headers[1], o.headers[2]]})),
  t("header Result", "headers", hasTable, (o) => ({...o, headers: [o.headers[0], "Result", o.headers[2]]})),
  t("header Disciplinary outcome", "headers", hasTable, (o) => ({
    ...o,
    headers: [o.headers[0], "Disciplinary outcome", o.headers[2]]
  })),
  t("header Number", "headers", hasTable, (o) => ({...o, headers: [o.headers[0], o.headers[1], "Number"]})),
  t("header Count", "headers", hasTable, (o) => ({...o, headers: [o.headers[0], o.headers[1], "Count"]})),
  t("header Total", "headers", hasTable, (o) => ({...o, headers: [o.headers[0], o.headers[1], "Total"]})),
  t("header No. of employees", "headers", hasTable, (o) => ({
    ...o,
    headers: [o.headers[0], o.headers[1], "No. of employees"]
  })),
  // Column order (the header moves with its column) and row order.
  ...(
    [
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0]
    ] as [number, number, number][]
  ).map((columns) => t(`columns ${columns.map((c) => "AOC"[c]).join("")}`, "order", hasTable, set({columns}))),
  t("rows reversed", "order", hasTable, set({rowOrder: "reverse"})),
  t("rows shuffled", "order", hasTable, set({rowOrder: "shuffled"})),
  // Shapes: cross-tabs either way round, case lists.
  t("cross-tab ages down", "shape", hasTable, set({shape: "crosstab-ages-down"})),
  t("cross-tab outcomes down", "shape", hasTable, set({shape: "crosstab-outcomes-down"})),
  t("cross-tab with totals column", "shape", hasTable, (o) => ({...crosstab(o), totalsColumn: true})),
  t("cross-tab zero as -", "shape", hasTable, (o) => ({...crosstab(o), zero: "-"})),
  t("cross-tab zero as —", "shape", hasTable, (o) => ({...crosstab(o), zero: "\u2014"})),
  t("cross-tab zero blank", "shape", hasTable, (o) => ({...crosstab(o), zero: ""})),
  t("case list", "shape", noWithheld, set({shape: "caselist", totalsRow: "none"})),
  t("case list with exact ages", "shape", noWithheld, set({shape: "caselist-exact", totalsRow: "none"})),
  // Totals.
  t("totals row first", "totals", hasTable, set({totalsRow: "first"})),
  t("totals row absent", "totals", hasTable, set({totalsRow: "none"})),
  t("totals row labelled Total", "totals", hasTable, set({totalsLabel: "Total"})),
  t("totals row labelled Grand total", "totals", hasTable, set({totalsLabel: "Grand total"})),
  // Numbers in words.
  t("counts in words", "numbers", hasTable, set({numbers: "words"})),
  t("counts as Two (2)", "numbers", hasTable, set({numbers: "words and digits"})),
  t("answer 5 in words", "numbers", (m) => m.answer5 != null, set({answer5Words: true})),
  // Layouts of the table in text.
  ...(["tabbed-cells", "tsv", "spaces", "single-spaces", "pipe", "markdown", "csv", "bullets"] as const).map((layout) =>
    t(`layout ${layout}`, "layout", hasTable, set({layout}))
  ),
  // What tables do to their cells and pages.
  t("merged label cells", "layout", hasTable, set({merged: true})),
  t("table continued on the next page, header not repeated", "layout", hasTable, set({continued: true})),
  // Statuses: the sentence of a nil return, refusal or "not held" written as answer 5.
  t("status sentence as answer 5", "status", (m) => m.statusSentence != null, set({statusUnder5: true})),
  t(
    "status in other words as answer 5",
    "status",
    (m) => m.statusShort != null,
    set({statusUnder5: true, statusShort: true})
  ),
  // The format wrapping the reply.
  ...FORMATS.filter((f) => f !== "text").map((format) => t(`format ${format}`, "format", always, set({format})))
];

/** Pairs that make no reply: a bullet list is not a cross-tab; a PDF's font cannot draw every dash. */
export function conflicts(o: RenderOptions): string | null {
  if (o.layout === "bullets" && o.shape !== "long") return "bullets are rows of a long table";
  if (o.layout === "single-spaces" && (o.shape !== "long" || o.columns[0] !== 0 || o.columns[2] !== 2))
    return "rows one space apart are read only from an age band first to a count last";
  if (o.merged && o.shape !== "long") return "merged label cells are a long table's";
  if (o.continued && (o.format === "xlsx" || o.format === "ods"))
    return "a spreadsheet has no pages: its table would go on in the same sheet";
  if (o.layout === "single-spaces" && o.merged) return "a blank cell vanishes between single spaces";
  if (o.format === "pdf" && o.dash === "\u2011") return "the PDF's standard font has no non-breaking hyphen";
  if (o.layout !== "table" && o.format !== "text" && o.layout !== "bullets")
    return "a text layout inside another format";
  return null;
}

/** `count` combinations of 2 to 4 transformations for a base, drawn with a seed; each applies and none conflicts. */
export function combinations(m: Meaning, base: RenderOptions, count: number, seed: number): Transformation[][] {
  const rand = mulberry32(seed);
  const pool = TRANSFORMATIONS.filter((x) => x.id !== "identity" && x.applies(m));
  const out: Transformation[][] = [];
  for (let tries = 0; out.length < count && tries < count * 50; tries++) {
    const size = 2 + Math.floor(rand() * 3);
    const chosen: Transformation[] = [];
    while (chosen.length < size) {
      const x = pool[Math.floor(rand() * pool.length)];
      // One per kind, so two numberings or two formats never overwrite each other.
      if (!chosen.some((c) => c.kind === x.kind)) chosen.push(x);
    }
    if (!conflicts(applyAll(chosen, base))) out.push(chosen);
  }
  return out;
}

export const applyAll = (list: readonly Transformation[], o: RenderOptions) => list.reduce((acc, x) => x.apply(acc), o);
