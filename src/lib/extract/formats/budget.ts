/**
 * Node-only: what one reply's reading may still spend when a bound covers all
 * the files it holds (an e-mail's attachments, an attachment's attachments):
 * pages read by OCR. Each top-level reading runs in its own budget
 * (AsyncLocalStorage), so two readings at once never share one, and the worker
 * that reads a reply (../bounded.ts) is told of each OCR page to allow it time.
 */
import {AsyncLocalStorage} from "node:async_hooks";
import {ReplyError} from "../../core/errors.js";
import {LIMITS, transcribedName} from "./limits.js";

const budgets = new AsyncLocalStorage<{ocrPages: number}>();
let onOcr: ((pages: number) => void) | null = null;

/** Runs one reply's reading in a fresh budget. */
export function withReadingBudget<T>(read: () => Promise<T>): Promise<T> {
  return budgets.run({ocrPages: 0}, read);
}

/** Called with each batch of OCR pages about to be read (the worker passes it on, to extend its time limit). */
export function onOcrPages(listener: ((pages: number) => void) | null): void {
  onOcr = listener;
}

/**
 * Takes `pages` OCR pages from the reading's budget before they are read, or
 * refuses when the reply (all its attachments together) would go past LIMITS.ocrPages.
 */
export function spendOcrPages(pages: number, file: string): void {
  const budget = budgets.getStore();
  const spent = (budget?.ocrPages ?? 0) + pages;
  if (spent > LIMITS.ocrPages)
    throw new ReplyError(
      file,
      null,
      `reading it by OCR would make ${spent} scanned pages for one reply, counting the other scans it came with; the kit reads at most ${LIMITS.ocrPages}; transcribe its table into ${transcribedName(file)} beside the reply`
    );
  if (budget) budget.ocrPages = spent;
  onOcr?.(pages);
}
