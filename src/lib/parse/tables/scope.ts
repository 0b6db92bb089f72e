/**
 * Which of a reply's tables to count. A reply may give two tables of the same
 * kind: its employees and its agency workers or contractors, or a combined
 * total; the same figures twice (in Welsh and in English). The request asked
 * about the council's employees, so those are counted; the same figures given
 * twice count once; and a warning always says which table was used, so the
 * choice is never silent.
 */
import type {CaseRecord, Warning} from "../../core/types.js";
import type {TypedTable} from "./typed.js";

/** Words around a table saying it is not (only) the council's own employees. */
const NOT_EMPLOYEES =
  /\b(?:agency|agencies|contractors?|contracted|temporary workers|casual workers|consultants?|volunteers?|non-employees?|combined|all workers|including (?:agency|contractors)|schools? staff|maintained schools?)\b/i;

/**
 * What the records say, as a key: employees by age band and outcome (known
 * counts summed, withheld counts listed), so that a case list and a table of
 * counts that say the same thing have the same key; zeros say nothing.
 */
export function recordsKey(records: readonly CaseRecord[]): string {
  const known = new Map<string, number>();
  const withheld: string[] = [];
  for (const r of records) {
    const cell = `${r.ageBand}|${r.outcome}`;
    if (r.count != null) known.set(cell, (known.get(cell) ?? 0) + r.count);
    else withheld.push(`${cell}|withheld ${r.countBounds?.join("-") ?? ""}`);
  }
  return [...[...known].filter(([, n]) => n !== 0).map(([cell, n]) => `${cell}|${n}`), ...withheld].sort().join("\n");
}

/** The text just above a table and its header row: where a reply says whom a table counts. */
function caption(lines: readonly string[], t: TypedTable): string {
  return lines.slice(Math.max(0, t.startLine - 4), t.headerLine).join(" ");
}

/**
 * The table to count among tables of ages and outcomes, and the warnings that
 * say why; `investigated` is answer 5's number, when the reply gives one.
 */
export function chooseTable(
  lines: readonly string[],
  tables: readonly TypedTable[],
  file: string,
  investigated: number | null
): {table: TypedTable; warnings: Warning[]} {
  const warnings: Warning[] = [];
  let left = [...tables];
  // The same figures given twice (two languages, a summary repeating a table) are one table.
  const seen = new Map<string, TypedTable>();
  left = left.filter((t) => {
    const key = recordsKey(t.records);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, t);
      return true;
    }
    warnings.push({
      file,
      line: t.headerLine,
      message: `the table at line ${t.headerLine} gives the same figures as the one at line ${first.headerLine}; they are counted once`
    });
    return false;
  });
  if (left.length === 1) return {table: left[0], warnings};
  const employees = left.filter((t) => !NOT_EMPLOYEES.test(caption(lines, t)));
  if (employees.length === 1) {
    const others = left.filter((t) => t !== employees[0]);
    warnings.push({
      file,
      line: employees[0].headerLine,
      message: `the reply has ${left.length} tables of ages and outcomes: the one at line ${employees[0].headerLine} (the council's employees) was counted; ${others.map((t) => `the one at line ${t.headerLine}`).join(" and ")} (agency workers, contractors or a combined total, by the words above ${others.length === 1 ? "it" : "them"}) ${others.length === 1 ? "was" : "were"} not`
    });
    return {table: employees[0], warnings};
  }
  const pool = employees.length ? employees : left;
  const agreeing = pool.filter((t) => investigated != null && sum(t) === investigated);
  const table = agreeing.length === 1 ? agreeing[0] : pool[0];
  warnings.push({
    file,
    line: table.headerLine,
    message: `the reply has ${left.length} tables of ages and outcomes and the kit cannot tell which counts the council's employees; the one at line ${table.headerLine} was counted${agreeing.length === 1 ? " (it agrees with answer 5)" : ""}: a person should check`
  });
  return {table, warnings};
}

const sum = (t: TypedTable) => t.records.reduce((s, r) => s + (r.count ?? 0), 0);
