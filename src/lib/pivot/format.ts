/**
 * A pivot's numbers as a reader reads them, shared by the table, the chart,
 * the drill-down and the CSV. A withheld count is never shown as 0.
 */
import {formatCount, formatPartlyWithheld, formatPercent, formatWithheld, NOT_A_NUMBER} from "../present/index.js";
import type {CaseRecord} from "../core/types.js";
import {NO_CASE_TO_ANSWER, type Measure, type PivotCell, type PivotResult} from "./pivot.js";

/** A measure value as text: "12", "38.7%"; "–" when there is nothing to divide by. */
export function formatMeasure(value: number | null, measure: Measure): string {
  if (value == null) return NOT_A_NUMBER;
  return measure === "count" ? formatCount(value) : formatPercent(value, {digits: 1});
}

/**
 * A cell as a reader should read it. A cell of withheld records only reads
 * "withheld", with the range when every withheld count states bounds
 * ("withheld (1 to 4)"); a cell mixing known and withheld reads "5 + withheld".
 */
export function formatCell(cell: PivotCell, measure: Measure): string {
  if (cell.withheldRows > 0 && cell.knownRows === 0) {
    const {min, max} = cell;
    return formatWithheld(measure === "count" && max != null ? [min, max] : null);
  }
  // A count reads the known number whatever measure the pivot was computed for.
  const text = formatMeasure(measure === "count" ? cell.known : cell.value, measure);
  return cell.withheldRows > 0 ? formatPartlyWithheld(text) : text;
}

/** Where a record's count stands: "responses/x.txt:49". */
export function recordSource(record: CaseRecord): string {
  return `${record.file}:${record.line}`;
}

/** The lines the record's row spans: "47–49", or "49" for a one-line row. */
export function recordLines(record: CaseRecord): string {
  return record.firstLine && record.firstLine !== record.line
    ? `${record.firstLine}–${record.line}`
    : String(record.line);
}

/** Words for a filtered view, for captions: "Leicester City Council; leaving out no case to answer". */
export function describeFilters(result: PivotResult): string {
  const parts: string[] = [];
  if (result.spec.authorities) parts.push(result.spec.authorities.join(", "));
  if (result.spec.excludeNoCase) parts.push(`leaving out "${NO_CASE_TO_ANSWER}"`);
  return parts.join("; ");
}
