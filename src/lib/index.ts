/**
 * What a notebook page imports: the kit's browser-safe API in one place, by the
 * path a reply takes to a page. Pages import it as `./lib/index.js`; the files
 * behind it are in the folders named below (see docs/notebooks.md).
 *
 * Not here: src/lib/extract/ and src/lib/read/ (Node-only file access, for
 * loaders and commands).
 */

// The shapes every part agrees on.
export * from "./core/types.js";

// records/: the loaders' output flattened, the tidy records, the one rule for withheld counts.
export {allRecords, type ResponsesData} from "./campaign/responses.js";
export {RECORD_FIELDS, RECORD_COLUMNS, tidyRecords, type TidyRecord} from "./records/tidy.js";
export {countRange, sumCounts, type CountRange, type CountSum} from "./core/withheld.js";
// The records as data/campaign/records.columns.json holds them (compact columns): decoded, one object per
// row of a reply's table, which the pivot and arquero (`aq.from(records)`) both read as they are.
export {authoritiesOfColumns, decodeColumns, slugsOfColumns, type RecordColumns} from "./records/columns.js";

// pivot/: the one pivot engine, and its words.
export {
  DIMENSIONS,
  MEASURES,
  NO_CASE_TO_ANSWER,
  authoritiesOf,
  cellAt,
  dimensionName,
  measureName,
  pivot,
  recordsAt,
  type Dimension,
  type Measure,
  type PivotCell,
  type PivotOptions,
  type PivotResult,
  type Selection
} from "./pivot/pivot.js";
export {describeFilters, formatCell, formatMeasure, recordLines, recordSource} from "./pivot/format.js";

// stats/: intervals and tests.
export {wilsonInterval, type Interval} from "./stats/intervals.js";

// report/: figures and caveats as structured facts with line citations.
export {reportFigures, share, type ReportFigures, type Share} from "./report/figures.js";
export {replyCaveats, type CaveatFact, type ReplyCaveats} from "./records/caveats.js";
export {replySource, type ReplySource} from "./report/reply-source.js";

// ofcom/: the comparison with Ofcom's figures on social media use by age.
export {compareWithOfcom, type Comparison} from "./ofcom/comparison.js";
export {readingOf} from "./ofcom/reading.js";

// campaign/: one request, many councils.
export {slugOf} from "./campaign/slug.js";
export type {CampaignData, CouncilSummary} from "./campaign/campaign-data.js";
export type {CampaignStatus} from "./core/types.js";

// present/: the one place for numbers, shares and percentages, dates, lists, withheld wording, statuses.
export * from "./present/index.js";
