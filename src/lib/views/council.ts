/**
 * A council's page (src/councils/[slug].md) in named parts: its status and verdict, what
 * became of its request, its records, checks, caveats, Ofcom comparison, text and source,
 * each worded here. Pure: built from data/campaign/councils/<slug>.json and data/campaign/ofcom.json, tested
 * without a DOM.
 */
import type {CouncilPage} from "../campaign/council-page.js";
import {compareWithOfcom} from "../ofcom/comparison.js";
import type {KnownAgeBand} from "../core/types.js";
import type {OfcomData} from "../ofcom/reference.js";
import {DEFAULT_STATE, formatState} from "../pivot/url-state.js";
import {pivot} from "../pivot/pivot.js";
import {
  countNoun,
  formatCount,
  formatDate,
  formatPeriod,
  formatPlace,
  formatPlaceInFile,
  formatRange,
  formatStatedPercent,
  listText,
  statusLabel
} from "../present/index.js";
import {replySource} from "../report/reply-source.js";
import type {CaveatItem, Part} from "./parts.js";
import {sourceLine} from "./source-line.js";

/** What became of a request that gave no records to show, or gave some and refused the rest. */
function outcomeParts(page: CouncilPage): Part[] | null {
  const {summary, reply} = page;
  const refusal = reply?.refusal;
  switch (summary.status) {
    case "nil":
      return [
        `The council says no employee was investigated${reply?.statusDetail ? ` (${reply.statusDetail})` : ""}: a nil return, which adds a council with zero cases to the pooled figures.`
      ];
    case "refused":
    case "not held": {
      const said =
        summary.status === "refused"
          ? "The council refused the request"
          : "The council says it does not hold the information";
      const where: Part[] = refusal
        ? [", at ", {lines: {line: refusal.line}}, " of its reply: ", {quote: refusal.text}]
        : ["."];
      return [said, ...where, " This gives no count at all: it is never counted as zero cases."];
    }
    case "partial": {
      if (!refusal) return null;
      const which = refusal.questions.length ? `questions ${listText(refusal.questions.map(String))}` : "the rest";
      return [
        `The council answered in part and refused ${which}, at `,
        {lines: {line: refusal.line}},
        ": ",
        {quote: refusal.text}
      ];
    }
    default:
      return null;
  }
}

/** The reply's own caveats (records/caveats.ts, read at build time), with Ofcom's survey year set against the period. */
function caveatItems(page: CouncilPage): CaveatItem[] {
  const c = page.caveats!;
  const survey = c.surveyYear
    ? ` Ofcom's figures come from ${c.surveyYear.surveyYear}, ${c.surveyYear.within ? "within" : "outside"} the period.`
    : "";
  return [
    {
      title: "What was counted",
      parts: c.scope
        ? [
            `Answer ${c.scope.answer} (`,
            {lines: {line: c.scope.line, endLine: c.scope.endLine}},
            "): ",
            {quote: c.scope.quote}
          ]
        : ["The reply does not say how the cases were recorded."]
    },
    {
      title: "The period",
      parts: [
        c.period ? `${formatPeriod(c.period.start, c.period.end)}.` : "The reply's metadata gives no period.",
        survey
      ]
    },
    {
      title: "Share of all disciplinary proceedings",
      parts: [
        c.share
          ? `${c.share.pct == null ? c.share.stated : formatStatedPercent(c.share.pct)} (${formatPlace(c.share, {withFile: false})}).`
          : "Not given."
      ]
    },
    {
      title: "Small numbers",
      parts: [
        `${countNoun(c.counted.known, "case")} from one council; differences of a case or two between bands are within chance.`
      ]
    }
  ];
}

/** The reply's text: what its lines are, in a sentence. */
function textIntro(text: NonNullable<CouncilPage["text"]>): string {
  const whose =
    text.textSource === "as received"
      ? `The text of ${text.file} as received`
      : text.textSource === "transcription"
        ? `The kit could not read the reply; this is the transcription a person made of it, ${text.file}`
        : `The text the kit ${text.textSource} ${text.file}`;
  return `${whose}: ${countNoun(text.lines.length, "line")}, numbered as every "line N" in the kit counts them.`;
}

const wasWere = (n: number) => (n === 1 ? "was" : "were");

export function councilView(page: CouncilPage, ofcom: Pick<OfcomData, "reference" | "oldestBand">) {
  const {summary, reply, text} = page;
  const records = reply?.records ?? [];
  const asked = summary.asked;
  const askedAs = asked ? [asked.code, asked.type, asked.region].filter(Boolean) : [];
  const verdict = reply?.verdict ?? null;
  const shown = records.length > 0;
  const comparison = shown
    ? compareWithOfcom({
        records,
        authority: reply!.authority,
        file: reply!.file,
        reference: ofcom.reference,
        workforce: page.workforce,
        oldest: {mode: ofcom.oldestBand.default, weight5564: ofcom.oldestBand.blendWeight5564},
        ageBands: page.ageBands.filter((b): b is KnownAgeBand => b !== "unknown")
      })
    : null;
  const context = page.workforceContext;
  const people = [
    summary.transcribed
      ? ` ${countNoun(summary.transcribed, "record")} ${wasWere(summary.transcribed)} transcribed by a person.`
      : "",
    summary.corrected
      ? ` ${countNoun(summary.corrected, "record")} ${wasWere(summary.corrected)} corrected by a person.`
      : ""
  ].join("");
  return {
    authority: summary.authority,
    status: summary.status,
    /** "Status: answered." and why, when the reply says why it gave no figures. */
    statusWords: statusLabel(summary),
    statusDetail:
      summary.detail && summary.status !== "ok" && summary.status !== "unreadable" ? ` (${summary.detail})` : "",
    verdict: verdict && {
      word: verdict.verdict,
      reason: verdict.reason,
      ask: verdict.verdict === "verified" ? "" : "; a person should check this reply before its figures are used"
    },
    file: summary.file,
    dated: summary.replyDate ? `, dated ${formatDate(summary.replyDate)}` : "",
    covers:
      summary.periodStart || summary.periodEnd
        ? `; its figures cover ${formatPeriod(summary.periodStart, summary.periodEnd)}`
        : "",
    /** Listed in campaign/authorities.csv, with its code, type and region when the list gives them; null when not listed. */
    asked: asked ? (askedAs.length ? ` (${askedAs.join(", ")})` : "") : null,
    /** The explorer, filtered to this council's records. */
    explorer: `../explore.html${formatState({...DEFAULT_STATE, authorities: [summary.authority]})}`,
    /** For a file the kit could not read: why, and what to do. */
    unreadable:
      summary.status === "unreadable" ? {file: summary.file, detail: summary.detail, advice: page.advice} : null,
    outcome: outcomeParts(page),
    records: shown
      ? {
          table: pivot(records, {
            rows: "ageBand",
            cols: "outcome",
            orders: {ageBands: page.ageBands, outcomes: page.outcomes}
          }),
          // A council with withheld rows has a range (min at least one a row), never null.
          total: summary.withheldRows ? formatRange(summary.min!, summary.max) : formatCount(summary.employees ?? 0),
          withheld: summary.withheldRows
            ? `, counting ${countNoun(summary.withheldRows, "row")} whose count it withheld as at least 1 each`
            : "",
          people,
          caption: `Employees investigated by ${summary.authority}, by age band and outcome`,
          /** The heading of the list of rows, naming what each row cites. */
          rowsTitle: `Each row of the reply's table, with its line${
            records.some((r) => r.place && "page" in r.place)
              ? " and page"
              : records.some((r) => r.place && "sheet" in r.place)
                ? " and cell"
                : ""
          }`,
          rows: records.map((r) => ({
            text: `${r.ageRaw}, ${r.outcomeRaw}: ${r.countRaw}`,
            line: r.firstLine,
            endLine: r.line,
            /** Where the count stands in the original file (", page 2", ", sheet Data, cell C4"); "" where the format has no pages or cells. */
            place: r.place ? `, ${formatPlaceInFile(r.place)}` : ""
          }))
        }
      : null,
    checks: reply
      ? [...reply.checks, ...(reply.infoChecks ?? [])].map((c) => ({
          name: `${c.name}${c.informational ? " (informational)" : ""}`,
          status: c.status,
          detail: c.detail
        }))
      : null,
    /** Each warning as a sentence, its line a link to the text below (or "no line"). */
    warnings: (reply?.warnings ?? []).map((w): Part[] =>
      w.line != null ? [{lines: {line: w.line}}, `: ${w.message}`] : [`no line: ${w.message}`]
    ),
    caveats: shown ? caveatItems(page) : null,
    comparison,
    staff:
      (page.workforce
        ? `Staff shares from ${page.workforce.file}.`
        : "No age profile of this council's workforce is given, so an equal number of staff in each band is assumed.") +
      (context
        ? ` For context, the council had ${formatCount(context.staff)} staff at ${formatDate(context.asOf)} (${context.citation.replace(/\.$/, "")}); with no full band table, that is not used in the sums.`
        : ""),
    text: text && {intro: textIntro(text), lines: text.lines},
    noText: summary.status === "awaiting" ? "No reply yet." : "The kit has no text to show for this reply.",
    source: reply ? sourceLine(replySource(reply)) : null
  };
}
