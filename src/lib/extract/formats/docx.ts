/**
 * Node-only: Word .docx replies read from their own XML (word/document.xml),
 * because a converter to HTML drops what tables need: a cell merged down over
 * several rows (w:vMerge) passes its value to every row it covers, and a cell
 * merged across columns (w:gridSpan) keeps the row's columns. The text has a
 * paragraph per line and a table row per line, cells separated by tabs; every
 * table is kept, and two tables with nothing between them get a line saying
 * where the next one starts.
 */
import {openZip} from "./zip.js";
import {gridLines, paragraphText, type GridCell} from "./grid.js";
import {readNumbering, type Numbering} from "./numbering.js";
import {walkXml} from "./xml.js";

interface TableState {
  rows: GridCell[][];
  row: GridCell[] | null;
  cell: GridCell | null;
  /** Paragraphs of the current cell. */
  parts: string[];
}

/** Text of a .docx file: one paragraph or table row per line. */
export function docxText(bytes: Uint8Array, file: string): string {
  const zip = openZip(bytes, file, "Word .docx");
  const xml = zip.requiredText("word/document.xml");
  return documentXmlToText(xml, file, readNumbering(zip.text("word/numbering.xml"), file));
}

/** Turns word/document.xml into text (exported for tests). */
export function documentXmlToText(xml: string, file: string, numbering: Numbering = readNumbering(null, file)): string {
  const out: string[] = [];
  const tables: TableState[] = [];
  let paragraph = "";
  let paragraphDepth = 0;
  let skip = 0; // inside deleted, moved-away, fallback or instruction text
  let lastWasTable = false;
  let tableCount = 0;
  /** The list the current paragraph belongs to (w:numPr in its properties), if any. */
  let listItem: {numId: string; ilvl: number} | null = null;

  const endParagraph = () => {
    let text = paragraphText(paragraph);
    paragraph = "";
    // Word draws a list item's number; the text needs it (answers are found by their numbers).
    const label = listItem && listItem.numId !== "0" ? numbering.next(listItem.numId, listItem.ilvl) : null;
    listItem = null;
    if (label && text) text = `${label} ${text}`;
    const table = tables.at(-1);
    if (table?.cell) {
      if (text) table.parts.push(text.replace(/\t/g, " "));
    } else if (text) {
      out.push(text);
      lastWasTable = false;
    }
  };
  const SKIPPED = new Set([
    "w:del",
    "w:moveFrom",
    "mc:Fallback",
    "w:instrText",
    "w:delInstrText",
    "w:pPr",
    "w:rPr",
    "w:sectPr",
    "w:tblPr",
    "w:tblGrid",
    "w:trPr"
  ]);

  walkXml(xml, file, "Word .docx document", {
    open(name, attrs, stack) {
      const table = tables.at(-1);
      const parent = stack.at(-2);
      if (parent === "w:tcPr" && table?.cell) {
        if (name === "w:gridSpan") table.cell.colSpan = Number(attrs["w:val"]) || 1;
        // <w:vMerge/> or val="continue" continues the cell above; val="restart" starts a merged cell.
        if (name === "w:vMerge" && attrs["w:val"] !== "restart") table.cell.continuesAbove = true;
      }
      if (parent === "w:numPr" && stack.at(-3) === "w:pPr" && !stack.includes("w:pPrChange")) {
        listItem ??= {numId: "0", ilvl: 0};
        if (name === "w:numId") listItem.numId = attrs["w:val"] ?? "0";
        if (name === "w:ilvl") listItem.ilvl = Number(attrs["w:val"]) || 0;
      }
      if (parent === "w:trPr" && name === "w:gridBefore" && table?.row) {
        for (let k = 0; k < Math.min(Number(attrs["w:val"]) || 0, 100); k++) table.row.push({text: ""});
      }
      if (SKIPPED.has(name)) skip++;
      if (skip) return;
      if (name === "w:tbl") {
        if (paragraphDepth > 0) endParagraph();
        if (tables.length === 0) {
          tableCount++;
          if (lastWasTable) out.push(`[table ${tableCount}]`);
          tables.push({rows: [], row: null, cell: null, parts: []});
        } else {
          tables.push({rows: [], row: null, cell: null, parts: []}); // a table nested in a cell: flattened into that cell
        }
      } else if (name === "w:tr" && table) {
        table.row = [];
      } else if (name === "w:tc" && table) {
        table.cell = {text: ""};
        table.parts = [];
      } else if (name === "w:p") {
        if (paragraphDepth > 0) paragraph += " "; // a text box's paragraph inside a paragraph
        paragraphDepth++;
      } else if (name === "w:tab" && stack.at(-2) === "w:r") {
        paragraph += "\t";
      } else if ((name === "w:br" || name === "w:cr") && stack.at(-2) === "w:r") {
        if (tables.at(-1)?.cell) paragraph += " ";
        else endParagraph();
      } else if (name === "w:noBreakHyphen") {
        paragraph += "-";
      }
    },
    close(name) {
      if (SKIPPED.has(name)) {
        skip--;
        return;
      }
      if (skip) return;
      const table = tables.at(-1);
      if (name === "w:p") {
        paragraphDepth--;
        if (paragraphDepth === 0) endParagraph();
      } else if (name === "w:tc" && table?.cell && table.row) {
        table.cell.text = table.parts.join(" ");
        table.row.push(table.cell);
        table.cell = null;
      } else if (name === "w:tr" && table?.row) {
        table.rows.push(table.row);
        table.row = null;
      } else if (name === "w:tbl" && table) {
        tables.pop();
        const lines = gridLines(table.rows);
        const outer = tables.at(-1);
        if (outer?.cell) {
          outer.parts.push(lines.join(" ").replace(/\t/g, " "));
        } else {
          out.push(...lines);
          lastWasTable = true;
        }
      }
    },
    text(text, stack) {
      if (skip || stack.at(-1) !== "w:t") return;
      paragraph += text;
    }
  });
  endParagraph();
  return out.join("\n") + "\n";
}
