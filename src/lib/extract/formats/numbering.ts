/**
 * Node-only: Word's automatic numbering. A council that numbers its answers
 * with Word's list feature ("1.", "2." drawn by Word, not typed) leaves no
 * number in the text; the parser finds answers by their numbers, so the
 * numbers are put back from word/numbering.xml: each list level's format
 * (decimal, letters, roman) and text ("%1.", "%1.%2"), counted in document
 * order. Bullets add nothing.
 */
import {walkXml} from "./xml.js";

interface Level {
  format: string;
  text: string;
  start: number;
}

export interface Numbering {
  /** The label of the next paragraph in list `numId` at level `ilvl`, or null for none (a bullet, an unknown list). */
  next(numId: string, ilvl: number): string | null;
}

export function readNumbering(xml: string | null, file: string): Numbering {
  const abstract = new Map<string, Map<number, Level>>();
  const nums = new Map<string, string>(); // numId -> abstractNumId
  if (xml) {
    let current: Map<number, Level> | null = null;
    let level: Level | null = null;
    let numId: string | null = null;
    walkXml(xml, file, "Word .docx document's numbering", {
      open(name, attrs, stack) {
        const parent = stack.at(-2);
        if (name === "w:abstractNum") abstract.set(attrs["w:abstractNumId"], (current = new Map()));
        else if (name === "w:lvl" && current)
          current.set(
            Number(attrs["w:ilvl"]) || 0,
            (level = {format: "decimal", text: `%${(Number(attrs["w:ilvl"]) || 0) + 1}.`, start: 1})
          );
        else if (parent === "w:lvl" && level && name === "w:numFmt") level.format = attrs["w:val"] ?? "decimal";
        else if (parent === "w:lvl" && level && name === "w:lvlText") level.text = attrs["w:val"] ?? "";
        else if (parent === "w:lvl" && level && name === "w:start") level.start = Number(attrs["w:val"]) || 0;
        else if (name === "w:num") numId = attrs["w:numId"];
        else if (name === "w:abstractNumId" && parent === "w:num" && numId != null) nums.set(numId, attrs["w:val"]);
      },
      close(name) {
        if (name === "w:abstractNum") current = null;
        if (name === "w:lvl") level = null;
      },
      text() {}
    });
  }
  const counters = new Map<string, number[]>();
  return {
    next(numId, ilvl) {
      const id = nums.get(numId);
      const levels = id == null ? undefined : abstract.get(id);
      const lvl = levels?.get(ilvl);
      if (!levels || !lvl || ilvl < 0 || ilvl > 8) return null;
      const count = counters.get(id!) ?? [];
      count[ilvl] = (count[ilvl] ?? (lvl.start || 1) - 1) + 1;
      count.length = ilvl + 1; // a deeper level starts again under a new item
      counters.set(id!, count);
      if (lvl.format === "bullet" || lvl.format === "none") return null;
      const label = lvl.text.replace(/%([1-9])/g, (_, n: string) => {
        const k = Number(n) - 1;
        return format(count[k] ?? levels.get(k)?.start ?? 1, levels.get(k)?.format ?? "decimal");
      });
      return label.trim() || null;
    }
  };
}

function format(n: number, style: string): string {
  if (style === "lowerLetter" || style === "upperLetter") {
    let s = "";
    for (let v = n; v > 0; v = Math.floor((v - 1) / 26)) s = String.fromCharCode(97 + ((v - 1) % 26)) + s;
    return style === "upperLetter" ? s.toUpperCase() : s;
  }
  if (style === "lowerRoman" || style === "upperRoman") {
    const numerals: [number, string][] = [
      [1000, "m"],
      [900, "cm"],
      [500, "d"],
      [400, "cd"],
      [100, "c"],
      [90, "xc"],
      [50, "l"],
      [40, "xl"],
      [10, "x"],
      [9, "ix"],
      [5, "v"],
      [4, "iv"],
      [1, "i"]
    ];
    let s = "";
    let v = Math.min(n, 3999);
    for (const [value, numeral] of numerals) for (; v >= value; v -= value) s += numeral;
    return style === "upperRoman" ? s.toUpperCase() : s;
  }
  return String(n);
}
