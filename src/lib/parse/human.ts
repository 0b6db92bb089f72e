/**
 * A person in the loop: a reply the kit cannot read is transcribed into
 * `<reply>.transcribed.csv` beside it, and a row it mis-read is put right in
 * `<reply>.corrections.csv`. This module names those files and gathers the
 * pure functions that read them (transcription.ts, corrections.ts); reading
 * the files from disk is the caller's (src/lib/read/).
 */
export {
  parseTranscription,
  transcribedReply,
  transcriptionTemplate,
  TRANSCRIPTION_COLUMNS,
  type Transcription,
  type TranscriptionContext,
  type TranscribedInput
} from "./transcription.js";
export {applyCorrections, statusSetIn, CORRECTION_COLUMNS, SET_STATUSES} from "./corrections.js";

const stem = (replyPath: string) => replyPath.replace(/(\.[^./\\]+)?$/, "");

/** `responses/x.pdf` → `responses/x.transcribed.csv`: where a person's transcription of a reply lives. */
export const transcriptionFileFor = (replyPath: string): string => `${stem(replyPath)}.transcribed.csv`;

/** `responses/x.pdf` → `responses/x.corrections.csv`: where a person's corrections to a reply's reading live. */
export const correctionsFileFor = (replyPath: string): string => `${stem(replyPath)}.corrections.csv`;

/** True for the files a person writes beside a reply (never replies themselves): list replies without them. */
export const isHumanFile = (name: string): boolean => /\.(?:transcribed|corrections)\.csv$/i.test(name);
