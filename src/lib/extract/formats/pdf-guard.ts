/**
 * pdf.js runs in this thread, and on some damaged files it rejects a promise
 * of its own that nothing awaits, after the call we made has already failed
 * with the same error (a damaged page dictionary: "End of file inside
 * dictionary"). Node ends the process on an unhandled rejection, so while a
 * PDF is read, pdf.js's own exceptions left unhandled are let go (the file's
 * error has been reported through the failed call); anything else is thrown
 * as Node would.
 *
 * Kept apart from ./pdf.ts so that extract.ts can raise the guard at once,
 * before it waits to load pdf.js (which it loads only when a PDF is read).
 */
const PDFJS_EXCEPTIONS = new Set([
  "ParserEOFException",
  "FormatError",
  "UnknownErrorException",
  "InvalidPDFException",
  "MissingPDFException",
  "UnexpectedResponseException",
  "PasswordException",
  "AbortException",
  "XRefEntryException",
  "XRefParseException",
  "MissingDataException",
  "ResponseException"
]);
let reading = 0;
function strayPdfRejection(reason: unknown): void {
  if (PDFJS_EXCEPTIONS.has((reason as Error)?.name)) return;
  process.nextTick(() => {
    throw reason;
  });
}

/** Runs `read` with the guard up; guards nest, so PDFs inside e-mails are covered too. */
export async function whilePdfReads<T>(read: () => Promise<T>): Promise<T> {
  if (reading++ === 0) process.on("unhandledRejection", strayPdfRejection);
  try {
    return await read();
  } finally {
    await new Promise((resolve) => setTimeout(resolve, 0)); // let a stray rejection surface while the guard is up
    if (--reading === 0) process.off("unhandledRejection", strayPdfRejection);
  }
}
