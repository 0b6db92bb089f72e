/**
 * A pivot table as CSV, laid out as the page shows it: one row per row key,
 * one column per column key, then the totals. Numbers are written plainly
 * (percentages to one decimal place); a withheld count is written as
 * "withheld", never as 0.
 */
import {safeCsvFormatRows} from "../core/csv.js";
import {dimensionName, measureName, type PivotCell, type PivotResult} from "./pivot.js";

/** A cell as a CSV field: a number where there is one, else the words a reader would see. */
export function csvValue(cell: PivotCell, measure: PivotResult["spec"]["measure"]): string {
  if (cell.withheldRows > 0 && cell.knownRows === 0) return "withheld";
  const number = cell.value == null ? "" : measure === "count" ? String(cell.value) : cell.value.toFixed(1);
  return cell.withheldRows > 0 ? `${number} + withheld` : number;
}

/** The table's header row and body, as arrays of strings. */
export function pivotRows(result: PivotResult): string[][] {
  const {spec} = result;
  const dimensions = spec.cols
    ? `${dimensionName(spec.rows)} \\ ${dimensionName(spec.cols)}`
    : dimensionName(spec.rows);
  const corner = `${dimensions} (${measureName(spec.measure)})`;
  const rows = [[corner, ...result.colKeys, "Total"]];
  result.rowKeys.forEach((key, i) =>
    rows.push([
      key,
      ...result.cells[i].map((c) => csvValue(c, spec.measure)),
      csvValue(result.rowTotals[i], spec.measure)
    ])
  );
  rows.push(["Total", ...result.colTotals.map((c) => csvValue(c, spec.measure)), csvValue(result.total, spec.measure)]);
  return rows;
}

export function pivotCsv(result: PivotResult): string {
  // Row and column keys come from replies (an authority, an outcome as written): never a live formula.
  return safeCsvFormatRows(pivotRows(result));
}
