/**
 * arquero for the tests, imported the one way that works both in the browser bundle and in
 * Node: its main entry pulls `node:fs` into the browser, so we use the UMD
 * build, which exports through `default` when bundled and sets `globalThis.aq`
 * when Node runs it as an ES module.
 */
import * as m from "arquero/dist/arquero.js";

type Arquero = typeof import("arquero");
const mod = m as unknown as {default?: Arquero};
export const aq: Arquero = mod.default ?? (globalThis as unknown as {aq?: Arquero}).aq ?? (m as unknown as Arquero);
