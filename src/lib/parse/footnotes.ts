/**
 * Footnotes that give the bounds of a withheld count: a table writes "*" in a
 * cell and a note beneath says "* fewer than 5, withheld under section 40(2)".
 * The note's bounds go to every withheld count written with its marker, and
 * the record keeps the note's line, so the bounds can be traced like the count.
 */
import {boundsIn} from "./record.js";
import {digitsForWords} from "./number-words.js";
import {cleanCell} from "../core/text.js";
import type {CaseRecord} from "../core/types.js";

/** Markers that stand for a withheld count and may be explained by a footnote. */
const MARKER = /^(?:\*+|†|‡|x|c|\[[cxz]\]|~)$/i;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The footnote explaining `marker`, with the bounds it states; null when none states bounds. */
function findFootnote(
  lines: readonly string[],
  marker: string
): {bounds: [number, number]; line: number; text: string} | null {
  const m = escape(marker);
  // A symbol may open the note on its own ("*fewer than 5"); a letter needs a sign after it ("x = fewer than 5"), or it is the start of a word.
  const symbol = /^[*†‡~]/.test(marker);
  const re = new RegExp(
    `^(?:notes?|key|nb)?\\s*[:.]?\\s*${m}${symbol ? "(?![*])" : "\\s*(?:=|:|-|–|denotes|means|indicates|represents|is)"}\\s*(.*)$`,
    "i"
  );
  for (let i = 0; i < lines.length; i++) {
    const text = cleanCell(lines[i]);
    const found = re.exec(text);
    if (!found) continue;
    const bounds = boundsIn(digitsForWords(found[1].toLowerCase()), false);
    if (bounds) return {bounds, line: i + 1, text};
  }
  return null;
}

/**
 * Gives the bounds a footnote states to each withheld count written as its
 * marker that has none yet. Records are changed in place; returns how many.
 * A marker that no footnote explains keeps no bounds: at least 1, no upper
 * bound (src/lib/core/withheld.ts).
 */
export function applyFootnotes(lines: readonly string[], records: CaseRecord[]): number {
  const markers = new Set(
    records
      .filter((r) => r.suppressed && !r.countBounds && MARKER.test(r.countRaw))
      .map((r) => r.countRaw.toLowerCase())
  );
  let applied = 0;
  for (const marker of markers) {
    const note = findFootnote(lines, marker);
    if (!note) continue;
    for (const r of records) {
      if (r.suppressed && !r.countBounds && r.countRaw.toLowerCase() === marker) {
        r.countBounds = [...note.bounds];
        r.countFootnote = {line: note.line, text: note.text};
        applied++;
      }
    }
  }
  return applied;
}
