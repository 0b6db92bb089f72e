/**
 * Two ways to ship SYNTHETIC records to a page, for the loading benchmark:
 *
 * - row JSON: an array of objects with the fields the pivot needs;
 * - columnar binary: a small JSON header (dictionaries, byte offsets) and the
 *   dictionary codes and counts as raw typed arrays, so the page builds its
 *   cube with no parsing per record.
 *
 * Layout of the binary: 4 bytes (little-endian uint32) header length H, H bytes
 * of UTF-8 JSON header, padding to a multiple of 8, then the arrays at the
 * offsets the header gives. Browser-safe.
 */
import {cubeFromColumns, prepareCube, type Cube} from "../src/lib/pivot/cube.js";
import type {SyntheticColumns} from "../tools/synthetic.js";

export const PIVOT_FIELDS = ["ageBand", "outcome", "tier", "upheld", "authority"] as const;
type Field = (typeof PIVOT_FIELDS)[number];

interface Header {
  size: number;
  dims: Record<string, {values: unknown[]; type: "u8" | "u16"; offset: number}>;
  count: {offset: number};
}

/** Row JSON text: one object per record; `count` is null when withheld. */
export function rowJson(data: SyntheticColumns): string {
  const parts: string[] = [];
  const c = data.columns;
  for (let i = 0; i < data.size; i++) {
    const row: Record<string, unknown> = {};
    for (const f of PIVOT_FIELDS) row[f] = c[f].values[c[f].codes[i]];
    row.count = data.withheld[i] ? null : data.count[i];
    parts.push(JSON.stringify(row));
  }
  return `[${parts.join(",")}]`;
}

const pad8 = (x: number) => (x + 7) & ~7;

/** Columnar binary bytes (see the module comment). */
export function columnarBinary(data: SyntheticColumns): Uint8Array {
  const layout: {field: Field; bytes: Uint8Array; offset: number}[] = [];
  const header: Header = {size: data.size, dims: {}, count: {offset: 0}};
  // Offsets are relative to the start of the data section.
  let offset = 0;
  for (const f of PIVOT_FIELDS) {
    const codes = data.columns[f].codes;
    const bytes = new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength);
    header.dims[f] = {values: data.columns[f].values, type: codes instanceof Uint16Array ? "u16" : "u8", offset};
    layout.push({field: f, bytes, offset});
    offset = pad8(offset + bytes.byteLength);
  }
  header.count.offset = offset;
  // The count with withheld records as NaN: what the cube keeps.
  const countBytes = new Uint8Array(data.count.buffer, data.count.byteOffset, data.count.byteLength);
  offset += countBytes.byteLength;
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = pad8(4 + headerBytes.byteLength);
  const out = new Uint8Array(dataStart + offset);
  new DataView(out.buffer).setUint32(0, headerBytes.byteLength, true);
  out.set(headerBytes, 4);
  for (const l of layout) out.set(l.bytes, dataStart + l.offset);
  out.set(countBytes, dataStart + header.count.offset);
  return out;
}

/** A cube from columnar binary bytes, with no copy of the codes. */
export function cubeFromColumnarBinary(buffer: ArrayBuffer): Cube {
  const headerLength = new DataView(buffer).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength))) as Header;
  const dataStart = pad8(4 + headerLength);
  const n = header.size;
  const dimensions: Record<string, {codes: Uint8Array | Uint16Array; values: unknown[]}> = {};
  for (const [name, d] of Object.entries(header.dims)) {
    const codes =
      d.type === "u16"
        ? new Uint16Array(buffer, dataStart + d.offset, n)
        : new Uint8Array(buffer, dataStart + d.offset, n);
    dimensions[name] = {codes, values: d.values};
  }
  const count = new Float64Array(buffer, dataStart + header.count.offset, n);
  return cubeFromColumns({dimensions, measure: count});
}

/** A cube from parsed row JSON. */
export function cubeFromRows(rows: ReadonlyArray<Record<string, unknown>>): Cube {
  return prepareCube(rows, PIVOT_FIELDS);
}
