// The part of Observable Inputs (shipped with Framework, no types of its own) the components use.
declare module "@observablehq/inputs" {
  export function table(data: readonly object[], options?: Record<string, unknown>): HTMLElement;
}
