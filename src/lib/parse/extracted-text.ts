/**
 * Turning what Word and PDF libraries hand back into plain text with one table
 * row per line (cells separated by tabs), so the row-table reader can read it
 * and every number has a line in the extracted text. Pure: no file access.
 */

const ENTITIES: Record<string, string> = {amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0"};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1].toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Mammoth's HTML (paragraphs, headings, lists, tables; no scripts or styles) as
 * text: a paragraph per line, a table row per line with its cells joined by tabs,
 * and a cell's own paragraphs joined by spaces. Nested tables are flattened into
 * their cell.
 */
export function docxHtmlToText(html: string): string {
  const out: string[] = [];
  let paragraph = "";
  let row: string[] | null = null;
  let cell: string | null = null;
  let depth = 0; // table nesting
  const flushParagraph = () => {
    const text = paragraph.replace(/[ \t]+/g, " ").trim();
    paragraph = "";
    if (cell != null) cell = cell ? (text ? `${cell} ${text}` : cell) : text;
    else if (text) out.push(text);
  };
  for (const m of html.matchAll(/<(\/?)([a-z0-9]+)\b[^>]*>|([^<]+)/gi)) {
    if (m[3] != null) {
      paragraph += decodeEntities(m[3]).replace(/[\t\r\n]+/g, " ");
      continue;
    }
    const closing = m[1] === "/";
    const tag = m[2].toLowerCase();
    if (tag === "table") {
      depth += closing ? -1 : 1;
      if (!closing && depth === 1) flushParagraph();
    } else if (depth > 1) {
      if (["p", "br", "td", "th", "li"].includes(tag)) paragraph += " ";
    } else if (tag === "tr") {
      if (!closing) row = [];
      else if (row) {
        out.push(row.join("\t"));
        row = null;
      }
    } else if (tag === "td" || tag === "th") {
      if (!closing) {
        cell = "";
        paragraph = "";
      } else {
        flushParagraph();
        row?.push((cell ?? "").replace(/\t/g, " "));
        cell = null;
      }
    } else if (tag === "br") {
      if (cell != null) paragraph += " ";
      else flushParagraph();
    } else if (["p", "h1", "h2", "h3", "h4", "h5", "h6", "li"].includes(tag)) {
      flushParagraph();
    }
  }
  flushParagraph();
  return out.join("\n") + "\n";
}

/** One piece of text on a PDF page, as pdf.js reports it. */
export interface PdfTextItem {
  str: string;
  /** pdf.js's transform matrix: [a, b, c, d, x, y]. */
  transform: number[];
  width: number;
  height: number;
}

/**
 * Puts a page's text items back into lines: items at the same height form a
 * line, read left to right; a gap wider than about a character becomes a tab
 * (a column break in a table), a smaller gap a space. Pages follow each other
 * with a blank line between them.
 */
export function pdfItemsToText(pages: PdfTextItem[][]): string {
  const out: string[] = [];
  for (const items of pages) {
    const words = items.filter((it) => it.str.trim() !== "" && Array.isArray(it.transform) && it.transform.length >= 6);
    const rows: {y: number; size: number; items: PdfTextItem[]}[] = [];
    for (const it of words) {
      const y = it.transform[5];
      const size = Math.abs(it.height || Math.hypot(it.transform[2], it.transform[3]) || 10);
      const row = rows.find((r) => Math.abs(r.y - y) <= Math.max(2, Math.min(r.size, size) * 0.4));
      if (row) row.items.push(it);
      else rows.push({y, size, items: [it]});
    }
    rows.sort((a, b) => b.y - a.y); // PDF's y axis points up
    for (const row of rows) {
      row.items.sort((a, b) => a.transform[4] - b.transform[4]);
      let text = "";
      let end: number | null = null;
      for (const it of row.items) {
        const x = it.transform[4];
        if (end != null) {
          const gap = x - end;
          text +=
            gap > Math.max(6, row.size * 0.9)
              ? "\t"
              : gap > row.size * 0.15 && !/\s$/.test(text) && !/^\s/.test(it.str)
                ? " "
                : "";
        }
        text += it.str.replace(/\t/g, " ");
        end = x + (it.width || 0);
      }
      out.push(text.trimEnd());
    }
    out.push("");
  }
  return out.join("\n");
}
