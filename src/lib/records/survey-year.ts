/**
 * A reply's period set against the year of Ofcom's survey: one caveat fact, apart from the rest
 * (caveats.ts) because it reads no reply text, so the home page, which needs only this, loads
 * none of the parsing modules.
 */
import type {CaveatOptions, PeriodFact, SurveyYearFact} from "./caveats.js";

export function surveyYearFact(period: PeriodFact | null, survey: CaveatOptions["survey"]): SurveyYearFact | null {
  if (!period || !survey) return null;
  const periodStartYear = Number(period.start.slice(0, 4)),
    periodEndYear = Number(period.end.slice(0, 4));
  return {
    kind: "survey-year",
    file: survey.file,
    answer: null,
    line: null,
    endLine: null,
    quote: null,
    surveyYear: survey.year,
    periodStartYear,
    periodEndYear,
    within: periodStartYear <= survey.year && survey.year <= periodEndYear
  };
}
