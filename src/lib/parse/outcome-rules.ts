/**
 * Outcomes read by their words, for a label no line of data/mappings/outcomes.csv
 * matches: "Dismissal, gross misconduct", "warning (final, written)",
 * "finall written warnign". Each rule names a canonical outcome of the mapping
 * (never a severity: those come from outcomes.csv), and a label is mapped only
 * when exactly one rule fits it. A label naming two outcomes ("written warning
 * then dismissal"), an appeal or a negation is left unmapped rather than
 * guessed: a wrong outcome would pass silently, an unmapped one is warned about.
 * Pure.
 */

/** The outcome a rule gives and the rule's name, as recorded on the record ("rule: dismiss*"). */
export interface OutcomeRuleMatch {
  outcome: string;
  rule: string;
}

/**
 * Words the rules look for, and words that must never be "corrected" into them
 * ("formal" is not a misspelt "informal", "reassigned" not a misspelt "resigned").
 */
const KEYWORDS = [
  "dismissed",
  "dismissal",
  "dismiss",
  "summarily",
  "summary",
  "terminated",
  "termination",
  "contract",
  "employment",
  "final",
  "written",
  "warning",
  "first",
  "verbal",
  "oral",
  "case",
  "answer",
  "proven",
  "proved",
  "further",
  "action",
  "unsubstantiated",
  "substantiated",
  "upheld",
  "cleared",
  "unfounded",
  "resigned",
  "resignation",
  "left",
  "before",
  "hearing",
  "authority",
  "council",
  "management",
  "managerial",
  "advice",
  "guidance",
  "training",
  "informal",
  "appeal",
  "appealed",
  "overturned",
  "reinstated",
  "withdrawn",
  "rescinded",
  "pending",
  "outstanding",
  "ongoing",
  "awaiting"
];
const DISTRACTORS = [
  "formal",
  "reassigned",
  "redeployed",
  "redeployment",
  "retired",
  "suspended",
  "suspension",
  "transferred",
  "mediation",
  "warned",
  "misconduct",
  "disciplinary",
  "discipline",
  "investigation",
  "allegation"
];
const VOCABULARY = new Set([...KEYWORDS, ...DISTRACTORS]);
/** Keywords of one meaning: a slip equally near two of them ("dismissl": dismiss, dismissal) is no tie. */
const SAME_AS: Record<string, string> = {
  dismiss: "dismissal",
  dismissed: "dismissal",
  resignation: "resigned",
  proved: "proven",
  managerial: "management",
  appealed: "appeal",
  termination: "terminated",
  summary: "summarily"
};
const meaning = (word: string) => SAME_AS[word] ?? word;

/** Optimal string alignment distance (Levenshtein with adjacent transpositions, so "warnign" is 1 from "warning"). */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const d: number[][] = Array.from({length: a.length + 1}, (_, i) =>
    Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/**
 * A word as the rules know it: itself when known, its singular ("warnings"),
 * else the one keyword within reach of a misspelling (keywords of 5 letters or
 * more: 1 edit, 2 for those of 8 or more; same first letter). Two keywords of
 * different meaning equally near, or a word of other meaning ("formal",
 * "reassigned") nearest, means no correction: the word is not guessed.
 */
function knownWord(word: string): {word: string; corrected: boolean} {
  if (VOCABULARY.has(word)) return {word, corrected: false};
  if (word.endsWith("s") && VOCABULARY.has(word.slice(0, -1))) return {word: word.slice(0, -1), corrected: false};
  if (word.length < 4) return {word, corrected: false};
  let best: string | null = null;
  let bestDistance = Infinity;
  let tie = false;
  for (const known of VOCABULARY) {
    if (known[0] !== word[0] || known.length < 5) continue;
    const reach = known.length >= 8 ? 2 : 1;
    const d = editDistance(word, known, reach);
    if (d > reach) continue;
    if (d < bestDistance) [best, bestDistance, tie] = [known, d, false];
    else if (d === bestDistance && best && meaning(best) !== meaning(known)) tie = true;
  }
  if (!best || tie || DISTRACTORS.includes(best)) return {word, corrected: false};
  return {word: best, corrected: true};
}

/** The words of a label, lower case, misspellings corrected: what the rules read. */
export function ruleWords(label: string): {words: string[]; corrections: string[]} {
  const raw = label.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const corrections: string[] = [];
  const words = raw.map((w) => {
    const k = knownWord(w);
    if (k.corrected) corrections.push(`"${w}" read as "${k.word}"`);
    return k.word;
  });
  return {words, corrections};
}

/** Phrases that say there was no case; removed before the sanction rules look, so their "no"/"not" is no negation. */
const NO_CASE: {name: string; re: RegExp}[] = [
  {name: "no case", re: /\bno case(?: to answer)?\b/g},
  {name: "no further action", re: /\bno (?:further )?action\b|\bnfa\b/g},
  {name: "not proven", re: /\bnot (?:proven|proved|substantiated|upheld)\b|\bunsubstantiated\b|\bunfounded\b/g},
  {name: "cleared", re: /\bcleared\b/g}
];

/** One rule: a canonical outcome and the test over the label's words (joined by spaces). */
interface Rule {
  name: string;
  outcome: string;
  test: (text: string, words: Set<string>) => boolean;
}

const RULES: Rule[] = [
  {
    name: "dismiss*",
    outcome: "dismissal",
    test: (t, w) =>
      w.has("dismissed") ||
      w.has("dismissal") ||
      w.has("dismiss") ||
      /\bsummarily\b/.test(t) ||
      ((w.has("terminated") || w.has("termination")) && (w.has("contract") || w.has("employment")))
  },
  {
    name: "final + warning",
    outcome: "final written warning",
    test: (_, w) => w.has("final") && w.has("warning")
  },
  {
    name: "written warning / first warning",
    outcome: "first written warning",
    test: (t, w) => !w.has("final") && w.has("warning") && (w.has("written") || w.has("first") || /\b1st\b/.test(t))
  },
  {name: "verbal/oral", outcome: "verbal warning", test: (_, w) => w.has("verbal") || w.has("oral")},
  {
    name: "resign* / left",
    outcome: "resigned during process",
    test: (t, w) =>
      w.has("resigned") ||
      w.has("resignation") ||
      (w.has("left") && /\bleft\b.*\b(?:hearing|authority|council|employment|before)\b/.test(t))
  },
  {
    name: "management/advice/guidance/training/informal",
    outcome: "management action",
    test: (t, w) =>
      /\b(?:management|managerial) (?:action|advice|instruction)\b/.test(t) ||
      w.has("advice") ||
      w.has("guidance") ||
      w.has("training") ||
      w.has("informal")
  }
];

/** Words that change what an outcome word means: an appeal, an outcome undone or not reached, a negation. */
const VETO =
  /\b(?:appeal|appealed|overturned|reinstated|withdrawn|rescinded|reduced|pending|outstanding|ongoing|awaiting|not|no|without|never)\b/;

/**
 * The canonical outcome the rules give a label, with the rule that fired, or
 * null when no rule fits or more than one does (two outcomes named, or an
 * appeal or negation beside an outcome word).
 */
export function outcomeByRules(label: string): OutcomeRuleMatch | null {
  const key = label.toLowerCase();
  const known = seen.get(key);
  if (known !== undefined) return known;
  const found = byRules(key);
  // Table headers and cells are asked about again and again; a bounded memo keeps that cheap.
  if (seen.size > 5000) seen.clear();
  seen.set(key, found);
  return found;
}

const seen = new Map<string, OutcomeRuleMatch | null>();
/** An outcome label is a few words; a longer text is a sentence, which the rules do not guess at. */
const MAX_WORDS = 12;

function byRules(label: string): OutcomeRuleMatch | null {
  const {words, corrections} = ruleWords(label);
  if (!words.length || words.length > MAX_WORDS) return null;
  let text = words.join(" ");
  const fired: {name: string; outcome: string}[] = [];
  for (const phrase of NO_CASE) {
    if (phrase.re.test(text)) {
      fired.push({name: phrase.name, outcome: "no case to answer"});
      text = text.replace(phrase.re, " ");
    }
    phrase.re.lastIndex = 0;
  }
  const set = new Set(text.split(" ").filter(Boolean));
  for (const rule of RULES) if (rule.test(text, set)) fired.push({name: rule.name, outcome: rule.outcome});
  const outcomes = new Set(fired.map((f) => f.outcome));
  if (outcomes.size !== 1 || VETO.test(text)) return null;
  const names = [...new Set(fired.map((f) => f.name))].join(" + ");
  return {
    outcome: fired[0].outcome,
    rule: `rule: ${names}${corrections.length ? `; ${corrections.join(", ")}` : ""}`
  };
}
