/**
 * The reply as received, on the review desk's screen (page.ts): a PDF's pages as images
 * (pdf-view.ts, loaded only then), a workbook's sheets as grids (from /api/sheets), beside the
 * extracted text with line numbers, which stays what records point at. Two buttons switch
 * between them. Made once per reply and kept while the screen re-renders (drawing the pages
 * again at every keystroke would be slow), so the scroll position stays too.
 */
import type {RecordView} from "./desk.js";
import type {SheetGrid} from "./sheets.js";
import {api, h, put} from "./dom.js";

/** Loaded at run time, not bundled into the page: pdf.js is 1.4 MB and only a PDF needs it. */
const PDF_SCRIPT = "/review-pdf.js";

export type SourceMode = "text" | "original";

interface SheetsData {
  sheets: SheetGrid[];
  maxRows: number;
  maxColumns: number;
}

/** A column's letters, as a spreadsheet names it: 0 → A, 25 → Z, 26 → AA. */
export function columnName(c: number): string {
  let name = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export class SourceView {
  readonly kind: "pdf" | "sheets";
  readonly element: HTMLElement;
  mode: SourceMode = "original";
  private readonly panel: HTMLElement;
  private readonly status: HTMLElement;
  private readonly textSlot: HTMLElement;
  private readonly buttons: HTMLButtonElement[];
  private sheets: SheetsData | null = null;
  private started = false;

  constructor(
    readonly file: string,
    kind: "pdf" | "sheets",
    private readonly onRow: (line: number) => void
  ) {
    this.kind = kind;
    this.status = h(
      "p",
      {class: "original-status", role: "status"},
      kind === "pdf" ? "Drawing the pages…" : "Reading the sheets…"
    );
    this.panel = h("div", {class: "original", id: "original", role: "region", "aria-label": this.label()}, this.status);
    this.textSlot = h("div", {class: "text-slot", hidden: true});
    const button = (mode: SourceMode, text: string) =>
      h("button", {type: "button", "aria-pressed": String(mode === this.mode), onclick: () => this.show(mode)}, text);
    this.buttons = [button("original", this.label()), button("text", "Extracted text")];
    const url = `/api/original?file=${encodeURIComponent(file)}`;
    this.element = h(
      "div",
      {class: "source-view"},
      h(
        "div",
        {class: "views", role: "group", "aria-label": "Show the reply as"},
        ...this.buttons,
        h("a", {href: url, target: "_blank", rel: "noopener"}, "the file as received")
      ),
      this.panel,
      this.textSlot
    );
  }

  private label() {
    return this.kind === "pdf" ? "Page images" : "Sheet grid";
  }

  /** Puts the screen's text (the numbered lines) in its place; called at each render. */
  setText(text: HTMLElement) {
    put(this.textSlot, text);
  }

  /** Shows the pages or grid, or the text; the buttons say which. */
  show(mode: SourceMode) {
    this.mode = mode;
    this.panel.hidden = mode !== "original";
    this.textSlot.hidden = mode !== "text";
    this.buttons.forEach((b, i) => b.setAttribute("aria-pressed", String((i === 0) === (mode === "original"))));
  }

  /** Starts drawing the pages or reading the sheets, once, when the view is in the page (its width is known). */
  load() {
    if (this.started) return;
    this.started = true;
    this.show(this.mode);
    void (this.kind === "pdf" ? this.loadPdf() : this.loadSheets()).catch((error: unknown) => {
      this.status.textContent = `${this.kind === "pdf" ? "The pages could not be drawn" : "The sheets could not be shown"}: ${(error as Error).message}. The extracted text is under "Extracted text".`;
      this.status.className = "original-status error";
    });
  }

  private async loadPdf() {
    const {renderPdf} = (await import(PDF_SCRIPT)) as typeof import("./pdf-view.js");
    const width = Math.max(320, this.panel.clientWidth - 24);
    const {pages, shown} = await renderPdf(`/api/original?file=${encodeURIComponent(this.file)}`, this.panel, width);
    this.status.textContent =
      shown < pages
        ? `${pages} pages; the first ${shown} are drawn (open the file as received for the rest).`
        : `${pages} ${pages === 1 ? "page" : "pages"}, as received. Records point at the extracted text's lines.`;
  }

  private async loadSheets() {
    this.sheets = await api<SheetsData>(`/api/sheets?file=${encodeURIComponent(this.file)}`);
    const {sheets, maxRows, maxColumns} = this.sheets;
    this.status.textContent = `${sheets.length} ${sheets.length === 1 ? "sheet" : "sheets"}, as the workbook shows them. Choose a row number to find its records.`;
    this.panel.append(...sheets.map((sheet, i) => this.grid(sheet, i, sheets.length, maxRows, maxColumns)));
  }

  private grid(sheet: SheetGrid, index: number, count: number, maxRows: number, maxColumns: number): HTMLElement {
    const columns = sheet.rows[0]?.length ?? 0;
    const cut = [
      sheet.totalRows > maxRows ? `the first ${maxRows} of its ${sheet.totalRows} rows are shown` : null,
      sheet.totalColumns > maxColumns ? `the first ${maxColumns} of its ${sheet.totalColumns} columns` : null
    ].filter(Boolean);
    const caption = h(
      "caption",
      {},
      `Sheet "${sheet.name}" (${index + 1} of ${count}): `,
      sheet.totalRows ? `${plural(sheet.totalRows, "row")} by ${plural(sheet.totalColumns, "column")}` : "empty",
      cut.length ? h("strong", {}, `; ${cut.join(", ")}`) : null,
      sheet.merges.length ? `; merged: ${sheet.merges.join(", ")}` : null
    );
    const head = h(
      "tr",
      {},
      h("th", {scope: "col"}, h("span", {class: "sr"}, "Row")),
      ...Array.from({length: columns}, (_, c) => h("th", {scope: "col"}, columnName(c)))
    );
    const body = h(
      "tbody",
      {},
      ...sheet.rows.map((row, r) => {
        const line = sheet.line == null ? null : sheet.line + r + 1;
        return h(
          "tr",
          {"data-text-line": line == null ? null : String(line)},
          h(
            "th",
            {scope: "row"},
            line == null
              ? String(r + 1)
              : h(
                  "button",
                  {
                    type: "button",
                    class: "rowbtn",
                    "aria-label": `Row ${r + 1} of sheet ${sheet.name}: show its records (text line ${line})`,
                    onclick: () => this.onRow(line)
                  },
                  String(r + 1)
                )
          ),
          ...row.map((cell, c) => h("td", {id: `g${index}-${columnName(c)}${r + 1}`}, cell))
        );
      })
    );
    return h("table", {class: "grid"}, caption, h("thead", {}, head), body);
  }

  /**
   * The grid's cells for a record: its `place` when the kit gives one (a sheet and cell); else its
   * line's row (row R of a sheet is R lines below the line naming it) and, in that row, the one
   * cell showing the count as written. Empty when the record is not in the grid shown.
   */
  cellsFor(rec: RecordView): HTMLElement[] {
    const sheets = this.sheets?.sheets;
    if (!sheets) return [];
    if (rec.place?.cell) {
      const i = rec.place.sheet == null ? 0 : sheets.findIndex((s) => s.name === rec.place!.sheet);
      const cell = i >= 0 ? document.getElementById(`g${i}-${rec.place.cell}`) : null;
      if (cell) return [cell];
    }
    let index = -1;
    sheets.forEach((s, i) => {
      if (s.line != null && s.line < rec.line) index = i;
    });
    if (index < 0) return [];
    const r = rec.line - sheets[index].line! - 1;
    const row = sheets[index].rows[r];
    if (!row) return [];
    const tr = this.panel.querySelector<HTMLElement>(`tr[data-text-line="${rec.line}"]`);
    const count = rec.countRaw.trim();
    const matches = row.map((cell, c) => (cell === count ? c : -1)).filter((c) => c >= 0);
    if (matches.length === 1) {
      const cell = document.getElementById(`g${index}-${columnName(matches[0])}${r + 1}`);
      return [cell, tr?.querySelector("th")].filter((el): el is HTMLElement => el != null);
    }
    return tr ? [tr] : [];
  }

  /** A text line chosen: its grid row, if the grid shows one. */
  rowFor(line: number): HTMLElement | null {
    return this.panel.querySelector<HTMLElement>(`tr[data-text-line="${line}"]`);
  }
}
