// The benchmark's SYNTHETIC inputs are what they claim to be: generated replies
// parse fully with the kit's own parser, and the two data formats the loading
// benchmark ships give the same pivot. Not timed.
import assert from "node:assert/strict";
import {test} from "node:test";
import {columnarBinary, cubeFromColumnarBinary, cubeFromRows, rowJson} from "../../../bench/columnar.js";
import {floorFilteredIfSkip, floorFilteredRouted, floorPivot} from "../../../bench/pivots.js";
import {generateSyntheticColumns} from "../../../tools/synthetic.js";
import {syntheticReplies} from "../../../tools/synthetic-replies.js";
import {pivotEntries, pivotCube} from "../../../src/lib/pivot/kernel.js";
import {loadMappings} from "../../../src/lib/read/replies.js";
import {parseReplyText} from "../../../src/lib/parse/reply.js";

test("synthetic replies in Leicester's layout parse row for row, labelled synthetic, with their checks passing", () => {
  const mappings = loadMappings();
  for (const reply of syntheticReplies(12, 7)) {
    assert.match(reply.text, /SYNTHETIC/);
    assert.match(reply.authority, /^Synthetic Authority \d{3}$/);
    const parsed = parseReplyText({file: reply.file, text: reply.text, meta: null, mappings});
    assert.equal(parsed.records.length, reply.rows);
    assert.deepEqual(parsed.warnings, []);
    assert.equal(parsed.fields.investigated, reply.total);
    assert.equal(parsed.fields.tableTotal, reply.total);
    assert.ok(
      parsed.checks.length > 0 && parsed.checks.every((c) => c.status === "pass"),
      JSON.stringify(parsed.checks)
    );
    assert.ok(parsed.records.every((r) => r.ageBand !== null && r.outcome !== null));
  }
});

test("row JSON and columnar binary give the same cube and pivot", () => {
  const data = generateSyntheticColumns(5000, 3);
  const fromRows = cubeFromRows(JSON.parse(rowJson(data)));
  const bytes = columnarBinary(data);
  const fromColumns = cubeFromColumnarBinary(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  );
  for (const options of [
    {rows: "ageBand", cols: "outcome"},
    {rows: "authority", cols: "upheld", filters: {tier: ["warning"]}}
  ]) {
    const a = pivotCube(fromRows, options);
    const b = pivotCube(fromColumns, options);
    const key = (e: {row: unknown; col: unknown}) => `${String(e.row)}|${String(e.col)}`;
    const sort = (es: ReturnType<typeof pivotEntries>) => [...es].sort((x, y) => (key(x) < key(y) ? -1 : 1));
    assert.deepEqual(sort(pivotEntries(b)), sort(pivotEntries(a)));
    assert.deepEqual(b.total, a.total);
  }
});

test("the floor loop and both filter variants agree with the kernel", () => {
  const data = generateSyntheticColumns(20_000, 11);
  const cube = cubeFromRows(JSON.parse(rowJson(data)));
  const rc = cube.dims.ageBand.codes,
    cc = cube.dims.outcome.codes;
  const nr = cube.dims.ageBand.values.length,
    nc = cube.dims.outcome.values.length;
  const kernel = pivotCube(cube, {rows: "ageBand", cols: "outcome", keepEmpty: true});
  const floor = floorPivot(rc, nr, cc, nc, cube.known);
  assert.equal(floor.totalRecords, kernel.total.records);
  assert.ok(Math.abs(floor.totalSum - kernel.total.sum) < 1e-6);
  const allowed = new Uint8Array(cube.dims.upheld.values.length);
  allowed[cube.dims.upheld.index.get(true)!] = 1;
  const filtered = pivotCube(cube, {rows: "ageBand", cols: "outcome", keepEmpty: true, filters: {upheld: [true]}});
  for (const variant of [floorFilteredIfSkip, floorFilteredRouted]) {
    const f = variant(rc, nr, cc, nc, cube.known, cube.dims.upheld.codes, allowed);
    assert.equal(f.totalRecords, filtered.total.records);
    assert.deepEqual(Array.from(f.records), Array.from(filtered.cells.records));
  }
});
