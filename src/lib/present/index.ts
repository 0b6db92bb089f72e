/** The one place for formatting: every page and component imports from here (or the files it re-exports). */
export * from "./numbers.js";
export * from "./dates.js";
export * from "./lists.js";
export * from "./withheld-words.js";
export * from "./citations.js";
export * from "./status.js";
