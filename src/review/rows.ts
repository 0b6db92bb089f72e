/**
 * What the review desk's model (desk.ts, Node only) and its page (page.ts, in the browser) both
 * say about a person's rows, kept here so that the page's bundle takes no Node module with it.
 */

/** A row of a person's file as the page edits it: every cell as typed (validated by the kit, not here). */
export interface EditRow {
  line?: string;
  ageRaw?: string;
  outcomeRaw?: string;
  action?: string;
  ageBand?: string;
  outcome?: string;
  count?: string;
  countRaw?: string;
  countLower?: string;
  countUpper?: string;
  /** The status a person sets (nil, refused, not held), on a row whose action is "status". */
  status?: string;
  /** A refusal's sections ("40(2); 38"), on a status row setting "refused". */
  sections?: string;
  /** Why (a correction's `reason`, a transcription's `note`). */
  reason?: string;
  /** The kit's record this row corrects (its index among the records read without corrections), for the page. */
  record?: number;
  /** Edited on this screen: signed with the reviewer's name and the time when saved. */
  changed?: boolean;
}

/** A row about the reply as a whole (a person's verdict: action "checked" or "status"), not about one record. */
export const isVerdictRow = (row: EditRow) => /^(checked|status)$/i.test((row.action ?? "").trim());
