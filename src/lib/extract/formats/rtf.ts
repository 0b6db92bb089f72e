/**
 * Node-only: Rich Text Format replies read by the kit itself, in one pass over
 * the file's control words (RTF is 7-bit text; no library is needed). The text
 * has a paragraph per line and a table row per line, cells separated by tabs,
 * as the Word and OpenDocument readers write it (./grid.ts): a cell merged down
 * (\clvmrg) passes its value to the rows it covers.
 *
 * What is not text is skipped: destinations marked \* and the known ones (font,
 * colour and style tables, document information, pictures, headers and footers,
 * footnotes, field instructions; a field's result is kept). Characters come
 * from \'hh escapes in the document's code page (\ansicpg, Windows-1252 when
 * absent) and from \uN escapes, whose fallback characters are skipped.
 *
 * Bounded: groups nested deeper than RTF_MAX_DEPTH, an unbalanced or cut-short
 * file, and text beyond LIMITS.textChars (capText) are each one ReplyError
 * naming the file.
 */
import {fixWindows1252} from "../../core/text.js";
import {ReplyError} from "../../core/errors.js";
import {gridLines, paragraphText, type GridCell} from "./grid.js";
import {capText} from "./limits.js";

/** Groups inside groups; Word nests a dozen or so, so a thousand is no document. */
export const RTF_MAX_DEPTH = 1000;

/** Destinations whose content is never the reply's text. */
const SKIPPED = new Set([
  "fonttbl",
  "colortbl",
  "stylesheet",
  "info",
  "pict",
  "object",
  "header",
  "headerl",
  "headerr",
  "headerf",
  "footer",
  "footerl",
  "footerr",
  "footerf",
  "footnote",
  "annotation",
  "fldinst",
  "themedata",
  "colorschememapping",
  "datastore",
  "latentstyles",
  "listtable",
  "listoverridetable",
  "rsidtbl",
  "generator",
  "xmlnstbl",
  "filetbl",
  "revtbl",
  "pgdsctbl",
  "nonshppict"
]);

/** Control words that stand for one character. */
const CHARACTERS: Record<string, string> = {
  emdash: "\u2014",
  endash: "\u2013",
  lquote: "\u2018",
  rquote: "\u2019",
  ldblquote: "\u201c",
  rdblquote: "\u201d",
  bullet: "\u2022",
  emspace: " ",
  enspace: " ",
  qmspace: " "
};

/** What a code page number names for TextDecoder (Windows code pages, and the few others RTF writers use). */
function decoderFor(codePage: number): (bytes: number[]) => string {
  const label =
    codePage === 65001
      ? "utf-8"
      : codePage === 932
        ? "shift_jis"
        : codePage === 936
          ? "gbk"
          : codePage === 949
            ? "euc-kr"
            : codePage === 950
              ? "big5"
              : codePage === 10000
                ? "macintosh"
                : `windows-${codePage}`;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder("windows-1252"); // a code page Node does not know: the RTF default
  }
  // Node reads "windows-1252" as ISO-8859-1 (curly quotes and dashes lost); fixWindows1252 puts them back.
  const cp1252 = decoder.encoding === "windows-1252";
  return (bytes) => {
    const text = decoder.decode(Uint8Array.from(bytes));
    return cp1252 ? fixWindows1252(text) : text;
  };
}

interface Group {
  /** Inside a destination that is not text. */
  skip: boolean;
  /** Fallback characters after a \uN escape (\ucN). */
  uc: number;
}

interface CellDef {
  continuesAbove: boolean;
  mergedLeft: boolean;
}

/** Text of an RTF file: one paragraph or table row per line. */
export function rtfText(bytes: Uint8Array, file: string): string {
  // Declared with its type, so TypeScript knows code after a call to it does not run.
  const damaged: (why: string) => never = (why) => {
    throw new ReplyError(file, null, `the Rich Text Format (.rtf) file is damaged (${why}); save it as .docx or .txt`);
  };
  // RTF is 7-bit: every byte is one character here; higher bytes only appear escaped (or in \bin data).
  const src = new TextDecoder("latin1").decode(bytes);
  let decode = decoderFor(1252);
  const out: string[] = [];
  const stack: Group[] = [];
  let group: Group = {skip: false, uc: 1};
  let paragraph = "";
  let pendingBytes: number[] = [];
  let skipFallback = 0;
  let inTable = false;
  let cellDefs: CellDef[] = [];
  let nextDef: CellDef = {continuesAbove: false, mergedLeft: false};
  let row: GridCell[] = [];
  let cell = "";
  let rows: GridCell[][] = [];
  let destinationStart = false; // just after "{": a control word here may name a destination

  const flushBytes = () => {
    if (pendingBytes.length) {
      emit(decode(pendingBytes));
      pendingBytes = [];
    }
  };
  const emit = (text: string) => {
    if (group.skip || !text) return;
    if (inTable) cell += text;
    else paragraph += text;
  };
  const flushTable = () => {
    if (rows.length) out.push(...gridLines(rows));
    rows = [];
  };
  const endParagraph = () => {
    flushBytes();
    if (inTable) {
      cell += " "; // a cell of several paragraphs is one cell
      return;
    }
    const text = paragraphText(paragraph);
    paragraph = "";
    if (text) {
      flushTable();
      out.push(text);
    }
  };
  const endCell = () => {
    flushBytes();
    const def = cellDefs[row.length];
    row.push({text: def?.mergedLeft ? "" : cell, continuesAbove: def?.continuesAbove ?? false});
    cell = "";
  };
  const endRow = () => {
    flushBytes();
    if (cell.trim()) endCell();
    if (row.length) rows.push(row);
    row = [];
    cell = "";
  };

  let i = 0;
  const n = src.length;
  if (!src.startsWith("{\\rtf")) damaged("it does not start with {\\rtf");
  while (i < n) {
    const c = src[i];
    if (c === "{") {
      flushBytes();
      if (stack.length >= RTF_MAX_DEPTH) damaged(`groups nested more than ${RTF_MAX_DEPTH} deep`);
      stack.push(group);
      group = {...group};
      destinationStart = true;
      i++;
      continue;
    }
    if (c === "}") {
      flushBytes();
      const outer = stack.pop();
      if (!outer) damaged("a group closes that never opened");
      group = outer;
      destinationStart = false;
      i++;
      if (stack.length === 0) break; // the document's own group has ended; anything after it is not RTF
      continue;
    }
    if (c === "\\") {
      const next = src[i + 1];
      if (next === undefined) damaged("it ends inside a control word");
      if (/[a-zA-Z]/.test(next)) {
        const m = /^\\([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(src.slice(i, i + 48));
        if (!m) damaged("a control word is too long");
        i += m[0].length;
        const word = m[1];
        const param = m[2] === undefined ? null : Number(m[2]);
        const atStart = destinationStart;
        destinationStart = false;
        if (skipFallback > 0 && word !== "u") {
          skipFallback--;
          continue;
        }
        if (word !== "bin" && word !== "u") flushBytes();
        if (atStart && SKIPPED.has(word)) {
          group.skip = true;
          continue;
        }
        switch (word) {
          case "ansicpg":
            if (param != null) decode = decoderFor(param);
            break;
          case "mac":
            decode = decoderFor(10000);
            break;
          case "uc":
            group.uc = Math.max(0, Math.min(param ?? 1, 10));
            break;
          case "u": {
            flushBytes();
            if (param != null) emit(String.fromCharCode(param < 0 ? param + 65536 : param));
            skipFallback = group.uc;
            break;
          }
          case "bin": {
            // Binary data (pictures): skipped whole, whatever it holds.
            i += Math.max(0, param ?? 0);
            break;
          }
          case "par":
          case "sect":
          case "page":
            endParagraph();
            break;
          case "line":
            if (inTable) emit(" ");
            else endParagraph();
            break;
          case "tab":
            emit(inTable ? " " : "\t");
            break;
          case "pard":
            inTable = false;
            break;
          case "intbl":
            inTable = true;
            break;
          case "trowd":
            cellDefs = [];
            nextDef = {continuesAbove: false, mergedLeft: false};
            break;
          case "clvmrg":
            nextDef.continuesAbove = true;
            break;
          case "clmrg":
            nextDef.mergedLeft = true;
            break;
          case "cellx":
            cellDefs.push(nextDef);
            nextDef = {continuesAbove: false, mergedLeft: false};
            break;
          case "cell":
            inTable = true;
            endCell();
            break;
          case "nestcell":
          case "nestrow":
            emit(" "); // a table inside a cell: flattened into that cell
            break;
          case "row":
            endRow();
            break;
          default:
            if (CHARACTERS[word]) emit(CHARACTERS[word]);
        }
        continue;
      }
      // A control symbol: \'hh, \~, \-, \_, \*, or an escaped \ { }.
      destinationStart = destinationStart && next === "*";
      if (next === "'") {
        const hex = src.slice(i + 2, i + 4);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) damaged(`"\\'${hex}" is not a character escape`);
        i += 4;
        if (skipFallback > 0) {
          skipFallback--;
          continue;
        }
        if (!group.skip) pendingBytes.push(parseInt(hex, 16));
        continue;
      }
      i += 2;
      if (skipFallback > 0) {
        skipFallback--;
        continue;
      }
      if (next === "*") {
        group.skip = true; // {\*\destination ...}: a destination this reader need not know
        continue;
      }
      flushBytes();
      if (next === "~") emit("\u00a0");
      else if (next === "_") emit("-");
      else if (next === "\\" || next === "{" || next === "}") emit(next);
      else if (next === "\n" || next === "\r") endParagraph(); // "\" before a line end is \par
      continue;
    }
    destinationStart = false;
    i++;
    if (c === "\r" || c === "\n") continue; // line ends in RTF source are not text
    if (skipFallback > 0) {
      skipFallback--;
      continue;
    }
    flushBytes();
    if (c === "\t") emit(inTable ? " " : "\t");
    else emit(c);
  }
  if (stack.length > 0)
    damaged(
      `${stack.length} group${stack.length === 1 ? "" : "s"} never close${stack.length === 1 ? "s" : ""}: the file may be cut short`
    );
  endParagraph();
  flushTable();
  // The text is no longer than the file (at most LIMITS.fileBytes), so it is checked once, whole.
  return capText(out.join("\n") + "\n", file);
}
