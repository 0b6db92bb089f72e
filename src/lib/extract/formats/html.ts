/**
 * Node-only: HTML (a council's disclosure-log page, an e-mail's HTML body)
 * through parse5, the WHATWG-conforming parser browsers' own rules describe.
 * Scripts, styles and other non-content are dropped; text is text (entities
 * decoded, never markup); each block (paragraph, heading, list item, line
 * break) is a line; each table row is a line with its cells separated by
 * tabs, rowspan passing a value down and colspan keeping the columns.
 */
import {parse} from "parse5";
import {gridLines, type GridCell} from "./grid.js";
import {ReplyError} from "../../core/errors.js";

interface Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: {name: string; value: string}[];
  childNodes?: Node[];
  content?: Node;
}

const SKIP = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "head",
  "iframe",
  "object",
  "embed",
  "svg",
  "math",
  "button",
  "select",
  "textarea",
  "input",
  "canvas",
  "audio",
  "video"
]);
const BLOCK = new Set([
  "p",
  "div",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "section",
  "article",
  "header",
  "footer",
  "main",
  "nav",
  "aside",
  "blockquote",
  "pre",
  "address",
  "figure",
  "figcaption",
  "caption",
  "form",
  "fieldset",
  "hr",
  "details",
  "summary",
  "body",
  "html",
  "center"
]);

/** Elements that close themselves or are closed by the next of their kind, so they add no depth. */
const NO_DEPTH = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
  "p",
  "li",
  "dt",
  "dd",
  "tr",
  "td",
  "th",
  "option",
  "optgroup",
  "thead",
  "tbody",
  "tfoot",
  "colgroup",
  "html",
  "head",
  "body"
]);
const MAX_DEPTH = 1000;

/**
 * How deep the elements nest, counted from the tags as written. The HTML tree
 * builder slows down sharply with depth (200,000 nested <div>s take minutes),
 * and no real page nests deeper than a few hundred, so deeper is refused first.
 */
function nestingDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g)) {
    const tag = m[2].toLowerCase();
    if (NO_DEPTH.has(tag) || m[3]) continue;
    depth = m[1] ? Math.max(0, depth - 1) : depth + 1;
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

export function htmlText(html: string, file: string): string {
  const out: string[] = [];
  if (nestingDepth(html) > MAX_DEPTH)
    throw new ReplyError(
      file,
      null,
      `the HTML is nested too deeply to read (more than ${MAX_DEPTH} elements inside each other)`
    );
  try {
    walkBlocks(parse(html) as unknown as Node, out);
  } catch (error) {
    if (error instanceof RangeError) throw new ReplyError(file, null, "the HTML is nested too deeply to read");
    throw error;
  }
  return out.join("\n") + "\n";
}

/** Writes a subtree as lines: blocks and table rows each start a line. */
function walkBlocks(root: Node, out: string[]): void {
  let inline = "";
  let pre = 0;
  let tables = 0;
  let lastWasTable = false;
  const flush = () => {
    for (const piece of inline.split("\n")) {
      const text = pre ? piece.replace(/\s+$/, "") : piece.replace(/[\s\u00a0]+/g, " ").trim();
      if (text) {
        out.push(text);
        lastWasTable = false;
      }
    }
    inline = "";
  };
  const visit = (node: Node) => {
    const tag = node.tagName;
    if (node.nodeName === "#text") {
      inline += pre ? (node.value ?? "") : (node.value ?? "").replace(/[\r\n\t]+/g, " ");
      return;
    }
    if (!tag && node.nodeName !== "#document" && node.nodeName !== "#document-fragment") return; // comments, doctype
    if (tag && SKIP.has(tag)) return;
    if (tag === "table") {
      flush();
      tables++;
      if (lastWasTable) out.push(`[table ${tables}]`);
      out.push(...gridLines(tableRows(node)));
      lastWasTable = true;
      return;
    }
    if (tag === "br") {
      inline += "\n";
      return;
    }
    const block = tag != null && BLOCK.has(tag);
    if (block) flush();
    if (tag === "pre") pre++;
    for (const child of node.childNodes ?? []) visit(child);
    if (tag === "pre") pre--;
    if (block) flush();
  };
  visit(root);
  flush();
}

/** A table's rows in document order (thead, tbody, tfoot or bare rows), nested tables flattened into their cell. */
function tableRows(table: Node): GridCell[][] {
  const rows: GridCell[][] = [];
  const visitRows = (node: Node) => {
    for (const child of node.childNodes ?? []) {
      if (child.tagName === "tr") {
        rows.push(
          (child.childNodes ?? [])
            .filter((c) => c.tagName === "td" || c.tagName === "th")
            .map((c) => ({text: textOf(c), colSpan: spanOf(c, "colspan"), rowSpan: spanOf(c, "rowspan")}))
        );
      } else if (child.tagName === "thead" || child.tagName === "tbody" || child.tagName === "tfoot") {
        visitRows(child);
      }
    }
  };
  visitRows(table);
  return rows;
}

function spanOf(cell: Node, name: string): number {
  const value = Number(cell.attrs?.find((a) => a.name === name)?.value);
  return Number.isFinite(value) && value >= 1 ? value : 1;
}

/** All the text in a cell on one line, skipping scripts and styles. */
function textOf(node: Node): string {
  if (node.nodeName === "#text") return node.value ?? "";
  if (node.tagName && SKIP.has(node.tagName)) return "";
  const parts = (node.childNodes ?? []).map(textOf);
  return node.tagName && (BLOCK.has(node.tagName) || ["br", "td", "th", "tr"].includes(node.tagName))
    ? ` ${parts.join("")} `
    : parts.join("");
}
