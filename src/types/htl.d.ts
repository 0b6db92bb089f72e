// htl 0.3.1 ships no types. A template with one root element returns that element, one with
// several returns them in a <span>, an empty one null; callers cast to the element they wrote.
declare module "htl" {
  type Template<T> = (strings: TemplateStringsArray, ...values: unknown[]) => T;
  export const html: Template<Node | null> & {fragment: Template<DocumentFragment>};
  export const svg: Template<Node | null> & {fragment: Template<DocumentFragment>};
}
