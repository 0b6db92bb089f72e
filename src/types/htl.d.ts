// htl 0.3.1 ships no types. A literal with one top-level element returns that element; with several,
// a <span> around them (html) or a <g> (svg); with none, null. Callers name the element they build.
declare module "htl" {
  interface Literal<Default extends Node> {
    <T extends Node = Default>(strings: TemplateStringsArray, ...values: unknown[]): T;
    /** The nodes as a DocumentFragment, to compose literals (e.g. table rows). */
    fragment(strings: TemplateStringsArray, ...values: unknown[]): DocumentFragment;
  }
  export const html: Literal<HTMLElement>;
  export const svg: Literal<SVGElement>;
}
