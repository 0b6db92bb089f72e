/**
 * The campaign report (src/index.md) in named parts: each sentence's figures worked out and
 * worded here, so the page reads top to bottom as the article it is. Pure: built from the
 * loaders' output (data/campaign/summary.json, report.json, ofcom.json) and tested without a DOM.
 */
import type {CampaignData} from "../campaign/campaign-data.js";
import type {OfcomReference} from "../ofcom/reference.js";
import {
  countNoun,
  formatCount,
  formatDate,
  formatLines,
  formatNumber,
  formatPeriod,
  formatPlace,
  formatRange,
  formatShare,
  formatStatedPercent,
  listText
} from "../present/index.js";
import {pivot} from "../pivot/pivot.js";
import {bandFunnel, councilRows, pooledFigures, statusFigures, type StatusFigures} from "../report/campaign-figures.js";
import type {ReplyCaveats} from "../records/caveats.js";
import {surveyYearFact} from "../records/survey-year.js";
import type {CampaignNotes} from "../report/notes.js";
import type {Verdict} from "../core/types.js";
import type {CaveatItem, Part} from "./parts.js";
import {sourceLine} from "./source-line.js";

/** "1 council", "12 councils". */
export const councils = (n: number) => countNoun(n, "council");

/** Pooled figures of this many cases or more are described by how they were pooled rather than as small numbers. */
export const SMALL_NUMBERS = 200;

/**
 * The verdicts of a campaign in one sentence: how many readings a check
 * confirms, and how many wait for a person (unverified, conflicting).
 */
export function verdictSentence(verdicts: readonly {verdict: Verdict; councils: number}[]): string {
  const n = (v: Verdict) => verdicts.find((x) => x.verdict === v)?.councils ?? 0;
  const read = n("verified") + n("unverified") + n("conflicting");
  if (!read) return "No reply has been read yet.";
  const waiting = n("unverified") + n("conflicting");
  const all = read === 1 ? "the one reply" : `all ${countNoun(read, "reply", "replies")}`;
  const verified =
    n("verified") === read
      ? `A check confirms the reading of ${all}.`
      : `A check confirms the reading of ${countNoun(n("verified"), "reply", "replies")} of ${formatCount(read)}.`;
  if (!waiting) return verified;
  const parts = [
    n("conflicting") ? `${formatCount(n("conflicting"))} conflicting (a check fails)` : "",
    n("unverified") ? `${formatCount(n("unverified"))} unverified (no check could run)` : ""
  ].filter(Boolean);
  return `${verified} ${listText(parts)} wait${waiting === 1 ? "s" : ""} for a person; any figures they give stay in the pooled totals until a person settles them.`;
}

/** "Who replied, and how": the councils per status, in the order the paragraph gives them. */
function repliesParts(data: CampaignData, status: StatusFigures) {
  const n = status.count;
  const sections = status.refusedBySection.map((s) => `section ${s.section} (${councils(s.councils)})`);
  const unreadable = n("unreadable");
  return {
    replied: `${councils(status.replies)} replied`,
    asked: data.askedListGiven
      ? ` of the ${councils(status.councils)} asked; ${formatCount(n("awaiting"))} have not replied yet`
      : "",
    answered: formatCount(n("ok")),
    partial: n("partial") ? `, ${formatCount(n("partial"))} answered in part and refused the rest` : "",
    nil: formatCount(n("nil")),
    /** The refusals: their number in bold and the sections cited; null when no council refused. */
    refused: n("refused")
      ? {count: formatCount(n("refused")), citing: sections.length ? `, citing ${listText(sections)}` : ""}
      : null,
    notHeld: n("not held") ? `${formatCount(n("not held"))} said the information is not held. ` : "",
    unreadable: unreadable
      ? `The kit could not read ${countNoun(unreadable, "reply", "replies")}: the table below gives the reason, and the council's page what to do. `
      : "",
    withheld: status.withheldRows
      ? `${councils(status.withholdingCouncils)} withheld the counts of ${countNoun(status.withheldRows, "row")} (usually to protect small numbers); those rows are kept apart, never read as 0.`
      : "No council withheld a count."
  };
}

/** "What the councils reported": who, how many, over what period, by age band and outcome. */
function reportedParts(status: StatusFigures, pooled: ReturnType<typeof pooledFigures>) {
  const largest = pooled.bands.filter((b) => pooled.largestBands.includes(b.band));
  const others = pooled.bands.filter((b) => !pooled.largestBands.includes(b.band));
  const tier = (t: string) => formatCount(pooled.tiers.find((x) => x.tier === t)?.count ?? 0);
  const exits = pooled.outcomes.filter((o) => o.tier === "exit").map((o) => `${o.outcome}: ${formatCount(o.count)}`);
  return {
    who: pooled.only ? pooled.only.authority : `The ${councils(pooled.withCases)} that reported cases`,
    employees: `${formatCount(pooled.employees)} employees`,
    when: pooled.only
      ? `from ${formatPeriod(pooled.only.periodStart, pooled.only.periodEnd)}`
      : `in periods between ${formatDate(status.periodStart)} and ${formatDate(status.periodEnd)}`,
    withheld: pooled.withheldRows ? `, plus ${countNoun(pooled.withheldRows, "row")} whose counts were withheld` : "",
    nil: pooled.nil ? `; ${councils(pooled.nil)} more made nil returns` : "",
    pooled: `The figures below pool ${formatCount(pooled.employees)} employees in ${councils(pooled.withCases)}.`,
    bands: `The most were aged ${listText(largest.map((b) => `${b.band} (${formatCount(b.count)}, ${formatShare(b.share)})`))}; ${listText(others.map((b) => `${formatCount(b.count)} were ${b.band}`))}.`,
    outcomes:
      `In ${formatCount(pooled.notUpheld)} cases (${formatShare(pooled.notUpheld / pooled.employees)}) there was no case to answer. ` +
      `${tier("warning")} ended in a warning, ${tier("informal")} in management action, and ${tier("exit")} with the employee leaving (${listText(exits)}).`
  };
}

/** The caveats of the one reply read, with its quotations. */
function singleCaveats(c: ReplyCaveats, survey: ReturnType<typeof surveyYearFact>): Part[][] {
  const scope: Part[] = c.scope
    ? [
        c.scope.broader
          ? `${c.authority} did not count social media cases alone.`
          : `${c.authority} says how it recorded the cases.`,
        ` Its answer ${c.scope.answer} (${formatLines(c.scope.line, c.scope.endLine)} of the reply): `,
        {quote: c.scope.quote},
        c.scope.channels.length
          ? ` So some of these cases may concern ${listText(c.scope.channels, {conjunction: "or"})} use, not social media.`
          : ""
      ]
    : [`${c.authority}'s reply does not say how it recorded the cases.`];
  const p = c.period;
  const policy =
    p?.policy && p.startsAtPolicy
      ? ` It runs from the day the council says its policy began to cover social media (answer ${p.policy.answer}, line ${p.policy.line})${p.endsAtRequestDate ? " to the end date the request set" : ""}.`
      : "";
  const surveyText = survey
    ? ` Ofcom's figures above come from a single survey year, ${survey.surveyYear}, ${survey.within ? "within" : "outside"} the period.`
    : "";
  const period: Part[] = p
    ? [
        `The figures cover ${formatPeriod(p.start, p.end)}: ${formatNumber(p.years, {digits: 1})} years${Math.abs(p.years - 1) >= 0.05 ? ", not one" : ""}.`,
        policy,
        surveyText
      ]
    : [];
  const sh = c.share;
  const implied =
    sh?.implied && sh.basis
      ? ` If the ${countNoun(sh.basis.count, "employee")} ${sh.basis.answer ? `investigated (answer ${sh.basis.answer})` : "in its table"} are the cases that percentage counts, the council ran ${formatRange(sh.implied.low, sh.implied.high)} disciplinary proceedings in the period (the range allowed by rounding to ${sh.stated}). That is an inference, not a figure the council gave.`
      : "";
  const share: Part[] = sh
    ? [
        `The council says these cases were ${sh.pct == null ? sh.stated : formatStatedPercent(sh.pct)} of all disciplinary proceedings in the period (${formatPlace(sh, {withFile: false})}): `,
        {quote: sh.quote},
        implied
      ]
    : [`${c.authority}'s reply does not give it.`];
  return [scope, period, share];
}

/** The same caveats over every reply read, in numbers. */
function pooledCaveats(notes: CampaignNotes, data: CampaignData, status: StatusFigures): Part[][] {
  const s = notes.scope;
  const categories = s.categories.length
    ? `, counting ${listText(s.categories.map((k) => `“${k.category}” (${councils(k.councils)})`))}${s.otherCategories ? ` and ${formatCount(s.otherCategories)} other categories` : ""}`
    : "";
  const channels = s.channels.length
    ? `; cases may include ${listText(
        s.channels.map((k) => `${k.channel} (${councils(k.councils)})`),
        {conjunction: "or"}
      )}`
    : "";
  const scope = `${formatCount(s.broader)} of ${formatCount(notes.replies)} replies say their cases are not all about social media${categories}${channels}. ${formatCount(notes.replies - s.stated)} do not say how they recorded the cases. Each council's page quotes its reply.`;
  const period = `The request asked for cases from each council's policy date up to ${formatDate(data.request.periodEnd)}, so the councils' periods differ in length, between ${formatDate(status.periodStart)} and ${formatDate(status.periodEnd)}; the pooled figures add them up as they are, and each council's page gives its period.`;
  const given = notes.share.given;
  const share = `${councils(given)} gave it${given ? `, from ${formatStatedPercent(notes.share.minPct!)} to ${formatStatedPercent(notes.share.maxPct!)} of all their disciplinary proceedings` : ""}.`;
  return [[scope], [period], [share]];
}

export interface ReportInputs {
  campaign: CampaignData;
  notes: CampaignNotes;
  ofcom: {reference: OfcomReference};
}

export function reportView({campaign, notes, ofcom}: ReportInputs) {
  const status = statusFigures(campaign);
  const pooled = pooledFigures(campaign);
  const single = notes.single;
  const question = (n: number) => campaign.request.questions.find((q) => q.number === n)?.text ?? "";
  const pooledName = pooled.only ? pooled.only.authority : `${councils(pooled.withCases)} pooled`;
  const byCouncils = `(${councils(pooled.withCases)})`;

  const survey = surveyYearFact(single?.caveats.period ?? null, {
    year: ofcom.reference.citation.surveyYear,
    file: ofcom.reference.file
  });
  const [scope, period, share] = single
    ? singleCaveats(single.caveats, survey)
    : pooledCaveats(notes, campaign, status);
  const small = pooled.employees < SMALL_NUMBERS;
  const caveats: CaveatItem[] = [
    {title: "What was counted", parts: scope},
    {title: "The period", parts: period},
    {title: "Share of all disciplinary proceedings", parts: share},
    small
      ? {
          title: "Small numbers",
          parts: [
            `${formatCount(pooled.employees)} cases from ${councils(pooled.withCases)} say little about councils in general; differences of a case or two between bands are within chance.`
          ]
        }
      : {
          title: "Pooling",
          parts: [
            "The pooled figures weight each council by its number of cases, so the councils with most cases shape them most; the councils that replied are not a random sample of councils."
          ]
        },
    ...(pooled.upheldUnknown
      ? [
          {
            title: "Outcomes",
            parts: [
              `For ${countNoun(pooled.upheldUnknown, "employee")} the outcome does not say whether the allegation would have been upheld.`
            ]
          }
        ]
      : []),
    {
      title: "Who is missing",
      parts: [
        `Councils that refused, do not hold the information${campaign.askedListGiven ? ", could not be read or have not replied" : " or could not be read"} are not in the pooled figures, and are not zeros.`
      ]
    }
  ];

  const licences = notes.licences.map(
    (l) => `${l.licence ?? "no licence recorded"} (${countNoun(l.replies, "reply", "replies")})`
  );

  return {
    status,
    pooled,
    /** The print-only line under the title: whose evidence this is. */
    printedFor: pooled.only ? pooled.only.authority : councils(status.councils),
    sent: campaign.request.sent,
    /** The request's questions 5, 6 and 8, in its words, and where the wording comes from. */
    questions: [5, 6, 8].map(question),
    requestSource: campaign.request.source,
    statusTitle: `Replies to the request, by status (${councils(status.councils)})`,
    replies: repliesParts(campaign, status),
    reported: reportedParts(status, pooled),
    /** Employees by age band and outcome, pooled: the chart's and the table's. */
    table: pivot(campaign.pooledRecords, {rows: "ageBand", cols: "outcome", orders: campaign}),
    tableTitle: `Employees investigated, by age band and outcome ${byCouncils}`,
    /** The Wilson intervals' table: one row per band, formatted. */
    bandRows: pooled.bands.map((b) => ({
      band: b.band,
      count: formatCount(b.count),
      share: formatShare(b.share),
      interval: `${formatShare(b.lower)} to ${formatShare(b.upper)}`
    })),
    employees: formatCount(pooled.employees),
    pooledAssumption: pooled.only
      ? ""
      : "; pooled over councils, with every band taken to have the same number of staff",
    ofcomTitle: `Share of investigated employees by age band, observed and expected (${pooledName})`,
    /** The reading of the comparison speaks of the one reply's scope when there is one. */
    scope: single?.caveats.scope ?? null,
    caveats,
    /** The table of councils, a row each. */
    councils: councilRows(campaign),
    checks: status.checksFailed
      ? `${countNoun(status.checksFailed, "check")} of ${formatCount(status.checksRun)} fail, in ${councils(status.failingCouncils)}`
      : `none of the ${formatCount(status.checksRun)} checks run fails`,
    verdicts: verdictSentence(status.verdicts),
    /** The one reply's source line, or the licences of all the replies in a sentence. */
    source: single ? sourceLine(single.source) : null,
    licences: `The replies are re-used under the terms each council gave: ${listText(licences)}. Information released under the Open Government Licence is re-used under its terms, with the attribution it asks for; each council's attribution is on its page.`
  };
}

/** The funnel plot for one age band, and its figures in short lines. */
export function funnelView(campaign: CampaignData, band: string) {
  const funnel = bandFunnel(campaign, band);
  const beyond = (key: "outside95" | "outside998") => councils(funnel.points.filter((p) => p[key]).length);
  const notPlotted = [
    funnel.zeroCases ? `${councils(funnel.zeroCases)} with no cases` : "",
    funnel.noCount ? `${councils(funnel.noCount)} with no count` : ""
  ].filter(Boolean);
  return {
    funnel,
    group: `aged ${band}`,
    outside95: beyond("outside95"),
    outside998: beyond("outside998"),
    notPlotted: notPlotted.length ? listText(notPlotted) : "none"
  };
}

/** Whether there is a band to choose: which councils have cases does not depend on the band, and one is no comparison. */
export const comparable = (campaign: CampaignData) => bandFunnel(campaign, campaign.ageBands[0]).points.length > 1;
