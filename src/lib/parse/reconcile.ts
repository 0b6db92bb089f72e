/**
 * Reconciliation: a reply states its total three ways (the rows of its table,
 * the table's totals row, the number investigated in answer 5). Each check
 * compares two of them and says so with the numbers, so a reader sees at a
 * glance whether the reply adds up.
 */
import {sumCounts, type CountFields} from "../core/withheld.js";
import {OUTCOME_NOT_STATED, type CaseRecord, type Check, type Margins, type ReplyFields} from "../core/types.js";

/** Sum of known counts, and the range the withheld ones allow (the one rule: core/withheld.ts). */
export function rowTotals(records: CaseRecord[]): {known: number; withheld: number; min: number; max: number | null} {
  const {known, withheldRows, min, max} = sumCounts(records);
  return {known, withheld: withheldRows, min, max};
}

function compare(
  name: string,
  what: string,
  actual: {min: number; max: number | null; known: number; withheld: number} | null,
  expected: number | null,
  expectedWhat: string
): Check {
  if (actual == null || expected == null) {
    return {
      name,
      status: "not available",
      detail: `${what} or ${expectedWhat} is not in the reply`,
      expected,
      actual: actual?.known ?? null
    };
  }
  if (actual.withheld === 0) {
    const ok = actual.known === expected;
    return {
      name,
      status: ok ? "pass" : "fail",
      detail: `${what} = ${actual.known}; ${expectedWhat} = ${expected}`,
      expected,
      actual: actual.known
    };
  }
  const ok = expected >= actual.min && (actual.max == null || expected <= actual.max);
  const range = actual.max == null ? `at least ${actual.min}` : `between ${actual.min} and ${actual.max}`;
  return {
    name,
    status: ok ? "pass" : "fail",
    detail: `${what} = ${actual.known} known + ${actual.withheld} withheld (${range}); ${expectedWhat} = ${expected}`,
    expected,
    actual: actual.known
  };
}

export function reconcile(records: CaseRecord[], fields: ReplyFields): Check[] {
  const rows = records.length ? rowTotals(records) : null;
  const totalsRow =
    fields.tableTotal == null
      ? null
      : {known: fields.tableTotal, withheld: 0, min: fields.tableTotal, max: fields.tableTotal};
  return [
    compare("rows = totals row", "sum of the table's rows", rows, fields.tableTotal, "the totals row"),
    compare(
      "rows = answer 5",
      "sum of the table's rows",
      rows,
      fields.investigated,
      "employees investigated (answer 5)"
    ),
    compare(
      "totals row = answer 5",
      "the totals row",
      totalsRow,
      fields.investigated,
      "employees investigated (answer 5)"
    )
  ];
}

type Sum = {known: number; withheld: number; min: number; max: number | null};

const sumOf = (rows: readonly CountFields[]): Sum => {
  const {known, withheldRows, min, max} = sumCounts(rows);
  return {known, withheld: withheldRows, min, max};
};

const describe = (what: string, sum: Sum) =>
  sum.withheld === 0
    ? `${what} = ${sum.known}`
    : `${what} = ${sum.known} known + ${sum.withheld} withheld (${sum.max == null ? `at least ${sum.min}` : `between ${sum.min} and ${sum.max}`})`;

/** Two sums that may both hold withheld counts agree when the ranges they allow meet. */
function compareSums(name: string, aWhat: string, a: Sum, bWhat: string, b: Sum): Check {
  const ok = a.min <= (b.max ?? Infinity) && b.min <= (a.max ?? Infinity);
  return {
    name,
    status: ok ? "pass" : "fail",
    detail: `${describe(aWhat, a)}; ${describe(bWhat, b)}`,
    expected: b.known,
    actual: a.known
  };
}

/**
 * Where a reply's records come from when it gives ages and outcomes apart: the
 * age-band margin (outcome "not stated"), the outcome margin (no age), or a
 * table of both ("table").
 */
export function recordsSource(
  records: readonly CaseRecord[],
  margins: Margins | undefined
): "ageBand" | "outcome" | "table" {
  if (margins?.ageBand && records.length && records.every((r) => r.outcome === OUTCOME_NOT_STATED)) return "ageBand";
  if (
    margins?.outcome &&
    !margins.ageBand &&
    records.length &&
    records.every((r) => r.ageBand === "unknown" && r.ageRaw === "")
  )
    return "outcome";
  return "table";
}

/**
 * Checks for ages and outcomes given apart: the two margins against each
 * other, each against answer 5 and its own totals row, and against the rows
 * when a table of both was given too. The margin the records come from is
 * checked by the row checks already.
 */
export function marginChecks(records: CaseRecord[], fields: ReplyFields, margins: Margins | undefined): Check[] {
  if (!margins || (!margins.ageBand && !margins.outcome)) return [];
  const from = recordsSource(records, margins);
  const sides = [
    {
      key: "ageBand" as const,
      name: "by age band",
      what: "employees by age band",
      entries: margins.ageBand,
      total: margins.ageBandTotal
    },
    {
      key: "outcome" as const,
      name: "by outcome",
      what: "employees by outcome",
      entries: margins.outcome,
      total: margins.outcomeTotal
    }
  ].filter((side) => side.entries);
  const checks: Check[] = [];
  if (sides.length === 2)
    checks.push(
      compareSums(
        "by age band = by outcome",
        sides[0].what,
        sumOf(sides[0].entries!),
        sides[1].what,
        sumOf(sides[1].entries!)
      )
    );
  for (const side of sides) {
    if (side.key === from) continue;
    const sum = sumOf(side.entries!);
    if (from === "table")
      checks.push(compareSums(`rows = ${side.name}`, "sum of the table's rows", sumOf(records), side.what, sum));
    checks.push(
      compare(`${side.name} = answer 5`, side.what, sum, fields.investigated, "employees investigated (answer 5)")
    );
    if (side.total)
      checks.push(compare(`${side.name} = its totals row`, side.what, sum, side.total.count, "its totals row"));
  }
  return checks;
}

/** Every reconciliation check of a reply: rows, totals row and answer 5, then the margins'. */
export function replyChecks(records: CaseRecord[], fields: ReplyFields, margins?: Margins): Check[] {
  return [...reconcile(records, fields), ...marginChecks(records, fields, margins)];
}

/**
 * What a stated percentage stands for: written with d decimals, it covers
 * anything within half a unit of its last digit (3.1 is 3.05 to 3.15, "3.10%"
 * is 3.095 to 3.105). `raw` is the percentage as written, when known.
 */
export function roundingRange(pct: number, raw = String(pct)): {low: number; high: number} {
  const decimals = /\d\.(\d+)/.exec(raw)?.[1].length ?? 0;
  const half = 0.5 * 10 ** -decimals;
  return {low: Math.max(0, pct - half), high: pct + half};
}

/**
 * The whole numbers of proceedings N (at least `investigated`) for which
 * `investigated` is `pct` percent of N, allowing for the percentage's
 * rounding. low > high when no whole number fits; high is Infinity when the
 * rounding reaches 0%.
 */
export function impliedProceedings(investigated: number, pct: number, raw = String(pct)): {low: number; high: number} {
  const range = roundingRange(pct, raw);
  return {
    low: Math.max(investigated, Math.ceil((investigated * 100) / range.high - 1e-9)),
    high: range.low <= 0 ? Infinity : Math.floor((investigated * 100) / range.low + 1e-9)
  };
}

/**
 * Answer 9 gives the share of ALL disciplinary proceedings that concerned
 * social media; with answer 5 (the number investigated) it implies the total
 * number of proceedings, N = investigated / share. The reply never states N, so
 * this check cannot confirm the reply; it can only catch a share that no whole
 * number of proceedings could produce. A share written with d decimals stands
 * for anything within half a unit of its last digit (3.1% is 3.05% to 3.15%),
 * so N lies between investigated / upper and investigated / lower. The check
 * passes when a whole number N, at least the number investigated, lies in that
 * range, and fails when none does (or the share is above 100%, or 0% while
 * employees were investigated). It is informational: it is shown beside the
 * other checks but kept out of them.
 */
export function impliedTotalCheck(fields: ReplyFields): Check {
  const name = "answer 9 implies a whole number of proceedings";
  const investigated = fields.investigated;
  const pct = fields.pctOfDisciplinary;
  const base = {name, informational: true, actual: null};
  if (investigated == null || pct == null) {
    const missing =
      investigated == null
        ? "the number investigated (answer 5)"
        : fields.pctOfDisciplinaryRaw
          ? `an exact percentage (answer 9 says "${fields.pctOfDisciplinaryRaw}")`
          : "the percentage of all disciplinary proceedings (answer 9)";
    return {...base, status: "not available", detail: `${missing} is not in the reply`, expected: null};
  }
  if (investigated === 0)
    return {
      ...base,
      status: "not available",
      detail: "no employee was investigated, so answer 9 implies no total",
      expected: null
    };
  const raw = fields.pctOfDisciplinaryRaw ?? String(pct);
  if (pct <= 0 || pct > 100) {
    return {
      ...base,
      status: "fail",
      detail: `answer 9 says ${raw} of all proceedings while answer 5 says ${investigated} were investigated; no number of proceedings fits`,
      expected: null
    };
  }
  const {low, high} = impliedProceedings(investigated, pct, raw);
  const implied = (investigated * 100) / pct;
  const {low: pctLow, high: pctHigh} = roundingRange(pct, raw);
  const fmt = (n: number) => n.toLocaleString("en-GB", {maximumFractionDigits: 1});
  const range = high === Infinity ? `at least ${fmt(low)}` : `${fmt(low)} to ${fmt(high)}`;
  const ok = low <= high;
  return {
    ...base,
    status: ok ? "pass" : "fail",
    detail: ok
      ? low === high
        ? `${investigated} investigated (answer 5) at ${raw} of all proceedings (answer 9) implies ${fmt(low)} proceedings in all (the only whole number that fits ${raw} once its rounding is allowed for)`
        : `${investigated} investigated (answer 5) at ${raw} of all proceedings (answer 9) implies about ${fmt(implied)} proceedings in all (${range}, allowing for the rounding of ${raw})`
      : `${investigated} investigated (answer 5) cannot be ${raw} of a whole number of proceedings (it would be ${fmt(implied)}; no whole number between ${fmt((investigated * 100) / pctHigh)} and ${fmt((investigated * 100) / pctLow)})`,
    expected: Math.round(implied)
  };
}
