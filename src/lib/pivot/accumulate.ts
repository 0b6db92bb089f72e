/**
 * The pivot kernel's hot loop and what it needs: filters as masks over codes,
 * the branch-free accumulation into a grid of cells, the tally of withheld
 * ranges, and the compaction used when a code-space grid would be too large.
 * Only kernel.ts calls these; they assume valid input.
 */
import type {CodeArray, Cube, CubeDimension, RangeList} from "./cube.js";

/** Values allowed (filters) or dropped (exclude) for one dimension. */
export type ValueSet = ReadonlySet<unknown> | ReadonlyArray<unknown>;

/** Per dimension, the values a record must have (filters) or must not have (exclude). */
export interface Filters {
  filters?: Readonly<Record<string, ValueSet | null | undefined>>;
  exclude?: Readonly<Record<string, ValueSet | null | undefined>>;
}

/** A filter on one dimension: `allowed[code]` is 1 when records with that code pass. */
export interface Mask {
  codes: CodeArray;
  allowed: Uint8Array;
}

export function dimension(cube: Cube, name: string): CubeDimension {
  const d = Object.hasOwn(cube.dims, name) ? cube.dims[name] : undefined;
  if (!d) throw new Error(`cube: unknown dimension "${name}" (have ${cube.dimensions.join(", ")})`);
  return d;
}

/** Per filtered dimension, a mask over its codes. Returns null when no record can pass. */
export function buildMasks(cube: Cube, options: Filters): Mask[] | null {
  const byDim = new Map<string, Uint8Array>();
  const get = (name: string): Uint8Array => {
    let mask = byDim.get(name);
    if (!mask) {
      mask = new Uint8Array(dimension(cube, name).values.length).fill(1);
      byDim.set(name, mask);
    }
    return mask;
  };
  for (const [name, set] of Object.entries(options.filters ?? {})) {
    if (set == null) continue;
    const d = dimension(cube, name);
    const mask = get(name);
    const keep = new Uint8Array(mask.length);
    for (const v of set as Iterable<unknown>) {
      const code = d.index.get(v);
      if (code !== undefined) keep[code] = 1;
    }
    for (let k = 0; k < mask.length; k++) mask[k] &= keep[k];
  }
  for (const [name, set] of Object.entries(options.exclude ?? {})) {
    if (set == null) continue;
    const d = dimension(cube, name);
    const mask = get(name);
    for (const v of set as Iterable<unknown>) {
      const code = d.index.get(v);
      if (code !== undefined) mask[code] = 0;
    }
  }
  const masks: Mask[] = [];
  for (const [name, allowed] of byDim) {
    let all = true;
    let any = false;
    for (let k = 0; k < allowed.length; k++) {
      if (allowed[k]) any = true;
      else all = false;
    }
    if (!any) return null;
    if (!all) masks.push({codes: cube.dims[name].codes, allowed});
  }
  return masks;
}

/** Whether record i passes every mask (for the few records the branch-free loop does not cover). */
export function passes(masks: readonly Mask[], i: number): boolean {
  for (const m of masks) if (m.allowed[m.codes[i]] === 0) return false;
  return true;
}

/** Per record, 1 when it passes every mask (used for three or more filtered dimensions). */
function passMask(n: number, masks: readonly Mask[]): Uint8Array {
  const pass = new Uint8Array(n);
  const c0 = masks[0].codes;
  const a0 = masks[0].allowed;
  for (let i = 0; i < n; i++) pass[i] = a0[c0[i]];
  for (let j = 1; j < masks.length; j++) {
    const cj = masks[j].codes;
    const aj = masks[j].allowed;
    for (let i = 0; i < n; i++) pass[i] &= aj[cj[i]];
  }
  return pass;
}

/** Grid slots 0..BIN-1 are bins for filtered-out records; cells start at BIN. */
export const BIN = 16;

/**
 * The hot loop. The grid holds three float64 per slot: records whose measure
 * is not withheld, withheld records, and the sum of known measure values. The
 * cell of row slot r and column slot c is slot `BIN + r * stride + c`
 * (`BIN + r` when `cc` is null).
 *
 * Branch-free on purpose: the withheld flag (0/1) picks the counter, and a
 * filter's 0/1 mask m picks between the cell and a bin, `t + m * (cell - t)`,
 * instead of skipping the record (an unpredictable branch costs more than the
 * work). The bin rotates over BIN slots (`t = i & 15`) so that consecutive
 * filtered-out records do not queue up on one memory location. Each case has
 * its own loop so that the engine compiles each without the others' checks.
 */
export function accumulate(
  g: Float64Array,
  n: number,
  rc: CodeArray,
  cc: CodeArray | null,
  stride: number,
  known: Float64Array,
  wf: Uint8Array,
  masks: readonly Mask[]
): void {
  if (masks.length > 2) {
    const pass = passMask(n, masks);
    if (cc !== null) {
      for (let i = 0; i < n; i++) {
        const t = i & 15;
        const k = (t + pass[i] * (rc[i] * stride + cc[i] + BIN - t)) * 3;
        g[k + wf[i]]++;
        g[k + 2] += known[i];
      }
    } else {
      for (let i = 0; i < n; i++) {
        const t = i & 15;
        const k = (t + pass[i] * (rc[i] + BIN - t)) * 3;
        g[k + wf[i]]++;
        g[k + 2] += known[i];
      }
    }
  } else if (masks.length === 2) {
    const fc = masks[0].codes;
    const fa = masks[0].allowed;
    const hc = masks[1].codes;
    const ha = masks[1].allowed;
    if (cc !== null) {
      for (let i = 0; i < n; i++) {
        const t = i & 15;
        const k = (t + (fa[fc[i]] & ha[hc[i]]) * (rc[i] * stride + cc[i] + BIN - t)) * 3;
        g[k + wf[i]]++;
        g[k + 2] += known[i];
      }
    } else {
      for (let i = 0; i < n; i++) {
        const t = i & 15;
        const k = (t + (fa[fc[i]] & ha[hc[i]]) * (rc[i] + BIN - t)) * 3;
        g[k + wf[i]]++;
        g[k + 2] += known[i];
      }
    }
  } else if (masks.length === 1) {
    const fc = masks[0].codes;
    const fa = masks[0].allowed;
    if (cc !== null) {
      for (let i = 0; i < n; i++) {
        const t = i & 15;
        const k = (t + fa[fc[i]] * (rc[i] * stride + cc[i] + BIN - t)) * 3;
        g[k + wf[i]]++;
        g[k + 2] += known[i];
      }
    } else {
      for (let i = 0; i < n; i++) {
        const t = i & 15;
        const k = (t + fa[fc[i]] * (rc[i] + BIN - t)) * 3;
        g[k + wf[i]]++;
        g[k + 2] += known[i];
      }
    }
  } else if (cc !== null) {
    for (let i = 0; i < n; i++) {
      const k = (rc[i] * stride + cc[i] + BIN) * 3;
      g[k + wf[i]]++;
      g[k + 2] += known[i];
    }
  } else {
    for (let i = 0; i < n; i++) {
      const k = (rc[i] + BIN) * 3;
      g[k + wf[i]]++;
      g[k + 2] += known[i];
    }
  }
}

/**
 * The withheld records whose range is not the cube's usual one, per slot:
 * `range[3s]` counts them, `range[3s + 1]` sums the least each could be and
 * `range[3s + 2]` the most (Infinity once one has no upper bound). They are
 * few, so this loop may branch on the filters.
 */
export function accumulateOtherRanges(
  range: Float64Array,
  rc: CodeArray,
  cc: CodeArray | null,
  stride: number,
  others: RangeList,
  masks: readonly Mask[]
): void {
  const {at, min, max} = others;
  for (let k = 0; k < at.length; k++) {
    const i = at[k];
    if (masks.length && !passes(masks, i)) continue;
    const s = ((cc === null ? rc[i] : rc[i] * stride + cc[i]) + BIN) * 3;
    range[s]++;
    range[s + 1] += min[k];
    range[s + 2] += max[k];
  }
}

/**
 * Remap codes to dense slots for the values that occur among passing records
 * (used only when the code-space grid would be too large).
 */
export function compact(
  codes: CodeArray,
  dictSize: number,
  n: number,
  masks: readonly Mask[]
): {codes: Uint32Array; slotCode: number[]} {
  const slotOf = new Int32Array(dictSize).fill(-1);
  const slotCode: number[] = [];
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (!passes(masks, i)) continue;
    const c = codes[i];
    let s = slotOf[c];
    if (s < 0) {
      s = slotOf[c] = slotCode.length;
      slotCode.push(c);
    }
    out[i] = s;
  }
  return {codes: out, slotCode};
}
