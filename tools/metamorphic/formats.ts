/**
 * Wraps a rendered document (./render.ts) in a file format, as a council would
 * send it: plain text, Word .docx (a real table), OpenDocument .odt, Rich Text
 * Format, an .xlsx or .ods workbook with a cover sheet (the letter) before the
 * table's sheet, an HTML page, a PDF (columns placed as a table), or an e-mail
 * whose reply is a Word attachment. Reuses the fixture writers in
 * tools/fixtures/. Everything written is MADE UP.
 */
import * as XLSX from "@e965/xlsx";
import {Document, Packer, Paragraph, Table, TableCell, TableRow} from "docx";
import {PDFDocument, StandardFonts} from "pdf-lib";
import {base64Lines, makeZip, quotedPrintable, xmlEscape} from "../fixtures/make-formats.js";
import {makeRtf} from "../fixtures/make-rtf.js";
import {documentText, type Format, type RenderedDocument} from "./render.js";

export const EXTENSIONS: Record<Format, string> = {
  text: "txt",
  docx: "docx",
  odt: "odt",
  rtf: "rtf",
  xlsx: "xlsx",
  ods: "ods",
  html: "html",
  pdf: "pdf",
  eml: "eml"
};

/** Characters the PDF's standard font cannot draw (WinAnsi lacks them): such a case is not made in PDF. */
export const PDF_UNDRAWABLE =
  /[^\t\r\n\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/;

async function docx(doc: RenderedDocument): Promise<Uint8Array> {
  const cell = (text: string) => new TableCell({children: [new Paragraph(text)]});
  const children = doc.blocks.map((b) =>
    b.kind === "p" ? new Paragraph(b.text) : new Table({rows: b.rows.map((r) => new TableRow({children: r.map(cell)}))})
  );
  return new Uint8Array(await Packer.toBuffer(new Document({sections: [{children}]})));
}

function odt(doc: RenderedDocument): Uint8Array {
  const p = (text: string) => `<text:p>${xmlEscape(text)}</text:p>`;
  const body = doc.blocks
    .map((b) =>
      b.kind === "p"
        ? p(b.text)
        : `<table:table table:name="Table"><table:table-column table:number-columns-repeated="${b.rows[0].length}"/>${b.rows
            .map(
              (r) =>
                `<table:table-row>${r.map((c) => `<table:table-cell office:value-type="string">${p(c)}</table:table-cell>`).join("")}</table:table-row>`
            )
            .join("\n")}</table:table>`
    )
    .join("\n");
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">
<office:body><office:text>
${body}
</office:text></office:body></office:document-content>`;
  return makeZip([
    ["mimetype", "application/vnd.oasis.opendocument.text"],
    ["content.xml", content]
  ]);
}

/** A workbook: a cover sheet holding the letter, then a sheet holding the table (whole numbers as numbers). */
function workbook(doc: RenderedDocument, bookType: "xlsx" | "ods"): Uint8Array {
  const book = XLSX.utils.book_new();
  const letter = doc.blocks.filter((b) => b.kind === "p").map((b) => [b.text]);
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(letter), "Cover");
  doc.blocks.forEach((b, k) => {
    if (b.kind !== "table") return;
    const cells = b.rows.map((r) => r.map((c) => (/^\d+$/.test(c) ? Number(c) : c)));
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(cells), `Table ${k}`);
  });
  return new Uint8Array(XLSX.write(book, {type: "array", bookType}) as ArrayBuffer);
}

function html(doc: RenderedDocument): string {
  const body = doc.blocks
    .map((b) =>
      b.kind === "p"
        ? `<p>${xmlEscape(b.text)}</p>`
        : `<table>\n${b.continues ? "" : `<thead><tr>${b.rows[0].map((c) => `<th>${xmlEscape(c)}</th>`).join("")}</tr></thead>\n`}<tbody>\n${b.rows
            .slice(b.continues ? 0 : 1)
            .map((r) => `<tr>${r.map((c) => `<td>${xmlEscape(c)}</td>`).join("")}</tr>`)
            .join("\n")}\n</tbody></table>`
    )
    .join("\n");
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>FOI response (made up)</title></head>\n<body>\n${body}\n</body></html>\n`;
}

/** A PDF: paragraphs wrapped at the page's width, a table's cells placed in columns; new pages as needed. */
async function pdf(doc: RenderedDocument): Promise<Uint8Array> {
  const file = await PDFDocument.create({updateMetadata: false});
  const font = await file.embedFont(StandardFonts.Helvetica);
  const size = 9;
  let page = file.addPage([595, 842]);
  let y = 800;
  let columns: {widths: number[]; gap: number} | null = null;
  const line = () => {
    y -= 13;
    if (y < 50) {
      page = file.addPage([595, 842]);
      y = 800;
    }
  };
  const wrap = (text: string) => {
    const out: string[] = [];
    let current = "";
    for (const word of text.split(/\s+/)) {
      const next = current ? `${current} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > 495 && current) {
        out.push(current);
        current = word;
      } else current = next;
    }
    return [...out, current];
  };
  for (const b of doc.blocks) {
    if (b.kind === "p") {
      if (!b.text.trim()) {
        line();
        continue;
      }
      for (const part of wrap(b.text.replace(/\t/g, "    "))) {
        page.drawText(part, {x: 50, y, size, font});
        line();
      }
      continue;
    }
    // A table continued after a page break keeps the columns of the table it continues, as on paper.
    const widths: number[] =
      b.continues && columns
        ? columns.widths
        : b.rows[0].map((_, c) => Math.max(...b.rows.map((r) => font.widthOfTextAtSize(r[c] ?? "", size))));
    const gap: number =
      b.continues && columns
        ? columns.gap
        : Math.max(12, Math.min(40, (495 - widths.reduce((s, w) => s + w, 0)) / Math.max(1, widths.length - 1)));
    columns = {widths, gap};
    for (const r of b.rows) {
      let x = 50;
      r.forEach((c, k) => {
        if (c) page.drawText(c, {x, y, size, font});
        x += widths[k] + gap;
      });
      line();
    }
  }
  return file.save();
}

/** An e-mail whose plain body points at the attached Word reply. */
async function eml(doc: RenderedDocument): Promise<Uint8Array> {
  const body =
    "Dear requester,\n\nPlease find attached our response to your request (MADE UP, for tests).\n\nFOI Team\n";
  return Buffer.from(
    [
      "From: FOI Team <foi@example.invalid>",
      "To: requester@example.invalid",
      "Subject: MADE UP: your FOI request",
      "Date: Mon, 1 Feb 2016 09:00:00 +0000",
      "Message-ID: <metamorphic@example.invalid>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="BOUNDARY"',
      "",
      "--BOUNDARY",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      quotedPrintable(body),
      "--BOUNDARY",
      "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      'Content-Disposition: attachment; filename="FOI response.docx"',
      "Content-Transfer-Encoding: base64",
      "",
      base64Lines(await docx(doc)),
      "--BOUNDARY--",
      ""
    ].join("\r\n")
  );
}

/** The document as a file of the format. */
export async function writeFormat(doc: RenderedDocument, format: Format): Promise<Uint8Array> {
  switch (format) {
    case "text":
      return new TextEncoder().encode(documentText(doc));
    case "docx":
      return docx(doc);
    case "odt":
      return odt(doc);
    case "rtf":
      return makeRtf(doc.blocks.map((b) => (b.kind === "p" ? b.text : {table: b.rows})));
    case "xlsx":
    case "ods":
      return workbook(doc, format);
    case "html":
      return new TextEncoder().encode(html(doc));
    case "pdf":
      return pdf(doc);
    case "eml":
      return eml(doc);
  }
}
