/**
 * Node-only: old Word (.doc, Word 97-2003) replies through word-extractor,
 * fed the streams of the OLE file (read by SheetJS's CFB reader, which also
 * told .doc from .xls and .msg). Word marks a table's cells with a cell mark,
 * which becomes a tab, and ends each row with a row mark, which becomes a line
 * break: so a table row is a line with its cells separated by tabs, as for
 * .docx. Limits: the binary format keeps merged cells in properties that are
 * not read, so a cell merged down is not passed to the rows below; a cell with
 * several paragraphs spreads over several lines.
 */
import {createRequire} from "node:module";
import {Readable} from "node:stream";
import type {OleFile} from "./cfb.js";
import {ReplyError} from "../../core/errors.js";

const require = createRequire(import.meta.url);

interface WordDocumentLike {
  getBody(options?: {filterUnicode?: boolean}): string;
}
interface OleExtractorLike {
  documentStream(document: unknown, name: string): Promise<Readable>;
  extractWordDocument(document: unknown, buffer: Buffer): Promise<WordDocumentLike>;
}
// word-extractor has no types; its OLE extractor is used directly so that it reads the streams already found.
const WordOleExtractor = require("word-extractor/lib/word-ole-extractor.js") as new () => OleExtractorLike;

export async function docText(ole: OleFile, file: string): Promise<string> {
  const main = ole.stream("WordDocument");
  if (!main) throw new ReplyError(file, null, "the old Word (.doc) file has no WordDocument stream");
  const extractor = new WordOleExtractor();
  extractor.documentStream = async (_document, name) => {
    const stream = ole.stream(name);
    if (!stream) throw new Error(`it has no ${name} stream`);
    return Readable.from([Buffer.from(stream)]);
  };
  let body: string;
  try {
    body = (await extractor.extractWordDocument(null, Buffer.from(main))).getBody({filterUnicode: false});
  } catch (error) {
    const why = String((error as Error)?.message ?? error).split("\n")[0];
    throw new ReplyError(file, null, `the file is not a readable old Word (.doc) document (${why})`);
  }
  return (
    body
      .split(/\r\n|\n|\r/)
      // A row's last cell mark leaves a tab before the row's line break.
      // Spaces are tidied; tabs stay, since a leading one is an empty first cell.
      .map((line) =>
        (line.includes("\t") ? line.replace(/\t$/, "") : line)
          .replace(/[ \u00a0]+/g, " ")
          .replace(/ *\t */g, "\t")
          .replace(/^ +| +$/g, "")
      )
      .join("\n") + "\n"
  );
}
