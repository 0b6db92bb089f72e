/**
 * Node-only: old Office files are OLE compound files (a little file system in
 * one file), read here with SheetJS's CFB reader. Which program wrote one
 * shows in the streams it holds, not in its first bytes: Word has
 * "WordDocument", Excel "Workbook" (or "Book"), Outlook
 * "__properties_version1.0" and "__substg1.0_..." streams.
 */
import * as XLSX from "@e965/xlsx";
import {ReplyError} from "../../core/errors.js";

export type OleKind = "doc" | "xls" | "msg";

export interface OleFile {
  kind: OleKind | null;
  /** A stream's bytes by its path from the root ("WordDocument", "__attach_version1.0_#00000000/__substg1.0_37010102"), or null. */
  stream(path: string): Uint8Array | null;
  /** The names of the entries (streams and storages) directly inside a storage ("" for the root, else a path ending in "/"). */
  children(storage: string): string[];
}

export function openOle(bytes: Uint8Array, file: string): OleFile {
  // SheetJS's CFB reader is typed `any`; this is the part of its container used here.
  let cfb: {FullPaths: string[]; FileIndex: {type: number; content?: Uint8Array | number[]}[]};
  try {
    cfb = XLSX.CFB.read(bytes, {type: "array"});
  } catch (error) {
    const why = String((error as Error)?.message ?? error).split("\n")[0];
    throw new ReplyError(
      file,
      null,
      `the file is an old Office (OLE) file, as old Word (.doc), Excel (.xls) and Outlook (.msg) files are, but it is damaged (${why})`
    );
  }
  // Paths without the root's own name ("Root Entry/"); storages end in "/".
  const index = new Map<string, number>();
  cfb.FullPaths.forEach((full, i) => index.set(full.replace(/^[^/]*\//, ""), i));
  const names = new Set([...index.keys()].map((p) => p.replace(/\/$/, "")));
  const kind: OleKind | null = names.has("WordDocument")
    ? "doc"
    : names.has("Workbook") || names.has("Book")
      ? "xls"
      : names.has("__properties_version1.0") || [...names].some((n) => n.startsWith("__substg1.0_"))
        ? "msg"
        : null;
  return {
    kind,
    stream(path) {
      const i = index.get(path);
      const entry = i == null ? undefined : cfb.FileIndex[i];
      return entry?.type === 2 && entry.content ? Uint8Array.from(entry.content) : null;
    },
    children(storage) {
      const out: string[] = [];
      for (const path of index.keys()) {
        if (
          path.length > storage.length &&
          path.startsWith(storage) &&
          !path.slice(storage.length).replace(/\/$/, "").includes("/")
        )
          out.push(path.slice(storage.length).replace(/\/$/, ""));
      }
      return out;
    }
  };
}
