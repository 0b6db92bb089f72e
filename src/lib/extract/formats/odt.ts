/**
 * Node-only: OpenDocument text (.odt) replies read from content.xml. A
 * paragraph or heading per line; a table row per line with cells separated by
 * tabs. A cell spanning rows (table:number-rows-spanned) passes its value to
 * the covered cells below it; a cell spanning columns leaves its covered cells
 * empty, so every row keeps the table's columns.
 */
import {openZip} from "./zip.js";
import {cellText, paragraphText} from "./grid.js";
import {walkXml} from "./xml.js";

interface Table {
  rows: string[][];
  row: string[] | null;
  rowRepeat: number;
  cell: {parts: string[]; repeat: number; rowSpan: number} | null;
  /** Columns a cell above is still spanning down over: its text and the last row it covers. */
  down: Map<number, {text: string; until: number}>;
}

const MAX_REPEAT = 200;

export function odtText(bytes: Uint8Array, file: string): string {
  return contentXmlToText(openZip(bytes, file, "OpenDocument .odt").requiredText("content.xml"), file);
}

export function contentXmlToText(xml: string, file: string): string {
  const out: string[] = [];
  const tables: Table[] = [];
  let paragraph = "";
  let depth = 0;
  let skip = 0;
  let tableCount = 0;
  let lastWasTable = false;
  const SKIPPED = new Set([
    "office:annotation",
    "text:tracked-changes",
    "text:note",
    "office:forms",
    "text:sequence-decls",
    "table:table-columns",
    "table:table-column",
    "office:automatic-styles",
    "office:font-face-decls",
    "office:scripts"
  ]);
  const endParagraph = () => {
    const text = paragraphText(paragraph);
    paragraph = "";
    const cell = tables.at(-1)?.cell;
    if (cell) {
      if (text) cell.parts.push(text.replace(/\t/g, " "));
    } else if (text) {
      out.push(text);
      lastWasTable = false;
    }
  };
  const placeCell = (table: Table, text: string, covered: boolean, repeat: number, rowSpan: number) => {
    const row = table.row!;
    const r = table.rows.length;
    for (let k = 0; k < Math.min(repeat, MAX_REPEAT); k++) {
      const c = row.length;
      const above = table.down.get(c);
      row.push(covered ? (above && above.until >= r ? above.text : "") : text);
      if (!covered && rowSpan > 1) table.down.set(c, {text, until: r + Math.min(rowSpan, 1000) - 1});
    }
  };
  walkXml(xml, file, "OpenDocument .odt document", {
    open(name, attrs) {
      if (SKIPPED.has(name)) skip++;
      if (skip) return;
      const table = tables.at(-1);
      if (name === "table:table") {
        if (depth > 0) endParagraph();
        if (tables.length === 0) {
          tableCount++;
          if (lastWasTable) out.push(`[table ${tableCount}]`);
        }
        tables.push({rows: [], row: null, rowRepeat: 1, cell: null, down: new Map()});
      } else if (name === "table:table-row" && table) {
        table.row = [];
        table.rowRepeat = Number(attrs["table:number-rows-repeated"]) || 1;
      } else if (name === "table:table-cell" && table?.row) {
        table.cell = {
          parts: [],
          repeat: Number(attrs["table:number-columns-repeated"]) || 1,
          rowSpan: Number(attrs["table:number-rows-spanned"]) || 1
        };
      } else if (name === "table:covered-table-cell" && table?.row) {
        placeCell(table, "", true, Number(attrs["table:number-columns-repeated"]) || 1, 1);
      } else if (name === "text:p" || name === "text:h") {
        if (depth > 0) paragraph += " "; // a frame's paragraph inside a paragraph
        depth++;
      } else if (name === "text:s") {
        paragraph += " ".repeat(Math.min(Number(attrs["text:c"]) || 1, 100));
      } else if (name === "text:tab") {
        paragraph += "\t";
      } else if (name === "text:line-break") {
        if (tables.at(-1)?.cell) paragraph += " ";
        else endParagraph();
      }
    },
    close(name) {
      if (SKIPPED.has(name)) {
        skip--;
        return;
      }
      if (skip) return;
      const table = tables.at(-1);
      if (name === "text:p" || name === "text:h") {
        depth--;
        if (depth === 0) endParagraph();
      } else if (name === "table:table-cell" && table?.cell) {
        const {parts, repeat, rowSpan} = table.cell;
        table.cell = null;
        placeCell(table, cellText(parts.join(" ")), false, repeat, rowSpan);
      } else if (name === "table:table-row" && table?.row) {
        const row = table.row;
        const empty = row.every((c) => c === "");
        // Repeated empty rows (OpenDocument writes "1,000 empty rows" as one) carry nothing: keep one.
        for (let k = 0; k < (empty ? 1 : Math.min(table.rowRepeat, 1000)); k++) table.rows.push([...row]);
        table.row = null;
      } else if (name === "table:table" && table) {
        tables.pop();
        const lines = table.rows.map((row) => row.join("\t").replace(/\t+$/, ""));
        const outer = tables.at(-1);
        if (outer?.cell) outer.cell.parts.push(lines.join(" ").replace(/\t/g, " "));
        else {
          out.push(...lines);
          lastWasTable = true;
        }
      }
    },
    text(text) {
      if (skip || depth === 0) return;
      paragraph += text.replace(/[\r\n\t]+/g, " ");
    }
  });
  endParagraph();
  return out.join("\n") + "\n";
}
