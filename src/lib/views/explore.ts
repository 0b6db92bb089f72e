/**
 * The explorer (src/explore.md) in named parts: the heading of the table and
 * chart a reader's choices give, what the filters leave out, and the words
 * around a chosen number. Pure: built from the pivot's result.
 */
import {cellAt, dimensionName, measureName, type PivotResult, type Selection} from "../pivot/pivot.js";
import {describeFilters, formatCell} from "../pivot/format.js";
import {formatCount} from "../present/index.js";

export function exploreView(result: PivotResult) {
  const {spec} = result;
  const filters = describeFilters(result);
  const by = [spec.rows, spec.cols].flatMap((d) => (d ? [dimensionName(d).toLowerCase()] : [])).join(" and ");
  const heading = `${measureName(spec.measure)}, by ${by}`;
  const total = `${formatCell(result.total, "count")} employees investigated${filters ? `: ${filters}` : ""}`;
  return {
    heading,
    /** The table's caption: the heading with the filters. */
    caption: heading + (filters ? ` (${filters})` : ""),
    /** The chart's subtitle: how many employees the view counts. */
    subtitle: total,
    /** The downloads' file name, without its extension. */
    basename: `explore-${spec.rows}-by-${spec.cols}-${spec.measure}`,
    /** What the filters leave out, as a sentence; empty when they leave out nothing. */
    leftOut: result.leftOut
      ? `The filters leave out ${formatCount(result.leftOut)} of ${formatCount(result.total.lines + result.leftOut)} lines of the replies. `
      : ""
  };
}

/** The words for a chosen number: where it stands, and the caption of the lines behind it (null when the table has no such cell). */
export function chosenView(result: PivotResult, selection: Selection) {
  const {spec} = result;
  const every = (d: typeof spec.rows | null) => (d ? [`every ${dimensionName(d).toLowerCase()}`] : []);
  const where = [
    ...(selection.row != null ? [selection.row] : every(spec.rows)),
    ...(selection.col != null ? [selection.col] : every(spec.cols))
  ].join(" × ");
  const cell = cellAt(result, selection);
  return {
    where,
    caption: cell
      ? `${where}: ${formatCell(cell, spec.measure)} (${cell.lines} line${cell.lines === 1 ? "" : "s"} of the replies)`
      : null
  };
}
