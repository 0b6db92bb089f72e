/** Where a figure or a quotation stands in a reply, as a reader can follow it: "responses/x.txt, answer 7, line 28". */

export interface Place {
  file: string;
  /** Numbered answer of the reply, when the place is in one. */
  answer: number | null;
  /** 1-based line, and the last line when the place spans several. */
  line: number | null;
  endLine?: number | null;
}

/** "line 28", "lines 28-30". */
export function formatLines(line: number, endLine: number | null = null): string {
  return endLine == null || endLine === line ? `line ${line}` : `lines ${line}-${endLine}`;
}

/** "responses/x.txt, answer 7, line 28"; {withFile: false} gives "answer 7, line 28". */
export function formatPlace(place: Place, {withFile = true}: {withFile?: boolean} = {}): string {
  const parts = [
    withFile ? place.file : null,
    place.answer != null ? `answer ${place.answer}` : null,
    place.line != null ? formatLines(place.line, place.endLine ?? null) : null
  ];
  return parts.filter((p) => p != null).join(", ");
}
