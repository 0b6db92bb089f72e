/**
 * Node-only: old Office files are OLE compound files (a little file system in
 * one file). Which program wrote one shows in the streams it holds, not in its
 * first bytes: Word has "WordDocument", Excel "Workbook" (or "Book"), Outlook
 * "__properties_version1.0" and "__substg1.0_..." streams.
 */
import * as XLSX from "@e965/xlsx";
import {ReplyError} from "../../parse/text.js";

export type OleKind = "doc" | "xls" | "msg";

export interface OleFile {
  kind: OleKind | null;
  /** A top-level stream's bytes, or null. */
  stream(name: string): Uint8Array | null;
}

export function openOle(bytes: Uint8Array, file: string): OleFile {
  // SheetJS's CFB reader is typed `any`; this is the part of its container used here.
  let cfb: {FullPaths: string[]};
  try {
    cfb = XLSX.CFB.read(bytes, {type: "array"});
  } catch (error) {
    const why = String((error as Error)?.message ?? error).split("\n")[0];
    throw new ReplyError(file, null, `the file is an old Office (OLE) file, as old Word (.doc), Excel (.xls) and Outlook (.msg) files are, but it is damaged (${why})`);
  }
  const names = new Set(cfb.FullPaths.map((p) => p.replace(/^[^/]*\//, "").replace(/\/$/, "")));
  const kind: OleKind | null = names.has("WordDocument") ? "doc" : names.has("Workbook") || names.has("Book") ? "xls" : names.has("__properties_version1.0") || [...names].some((n) => n.startsWith("__substg1.0_")) ? "msg" : null;
  return {
    kind,
    stream(name) {
      const entry = XLSX.CFB.find(cfb, name);
      const content = entry?.content as Uint8Array | number[] | undefined;
      return content ? Uint8Array.from(content) : null;
    }
  };
}
