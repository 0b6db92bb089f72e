// The explorer's columnar records: a round trip gives the records back, and a malformed file is named.
import assert from "node:assert/strict";
import {test} from "node:test";
import {readReplies} from "../../../src/lib/read/replies.js";
import {outcomeOrder} from "../../../src/lib/parse/mappings.js";
import {
  authoritiesOfColumns,
  decodeColumns,
  encodeColumns,
  type ColumnRecord
} from "../../../src/lib/records/columns.js";
import {pivot, recordsAt} from "../../../src/lib/pivot/pivot.js";
import {madeUpCouncils} from "../made-up-councils.js";
import {AGE_BANDS, type CaseRecord} from "../../../src/lib/core/types.js";

const FIELDS: (keyof ColumnRecord)[] = [
  "authority",
  "file",
  "ageBand",
  "ageRaw",
  "outcome",
  "outcomeRaw",
  "tier",
  "severity",
  "upheld",
  "count",
  "suppressed",
  "countBounds",
  "countRaw",
  "line",
  "firstLine",
  "lineText",
  "provenance"
];
const kept = (r: CaseRecord) =>
  Object.fromEntries(FIELDS.filter((k) => r[k] !== undefined).map((k) => [k, r[k]])) as ColumnRecord;

const made = (over: Partial<CaseRecord>): CaseRecord => ({
  authority: "Made-up Council A",
  file: "responses/a.txt",
  ageBand: "25-34",
  ageRaw: "25 - 34",
  outcome: "dismissal",
  outcomeRaw: "Dismissed",
  tier: "exit",
  severity: 6,
  upheld: true,
  count: 3,
  suppressed: false,
  countBounds: null,
  countRaw: "3",
  line: 40,
  firstLine: 38,
  lineText: "25 - 34\nDismissed\n3",
  ...over
});

test("the shipped replies survive the round trip through the columns, and pivot the same", async () => {
  const {mappings, replies} = await readReplies({cacheDir: null});
  const records = replies.flatMap((r) => r.records);
  assert.ok(records.length > 20);
  const files = replies.map((r) => ({file: r.file, authority: r.authority, slug: "leicester-city-council"}));
  const columns = JSON.parse(
    JSON.stringify(encodeColumns(records, {ageBands: [...AGE_BANDS], outcomes: outcomeOrder(mappings), files}))
  );
  const back = decodeColumns(columns);
  assert.deepEqual(back, records.map(kept));
  const orders = {ageBands: columns.ageBands, outcomes: columns.outcomes};
  assert.deepEqual(
    pivot(back, {rows: "ageBand", cols: "outcome", orders}).cells,
    pivot(records, {rows: "ageBand", cols: "outcome", orders}).cells
  );
});

test("withheld counts stay null with their bounds, provenance and several councils are kept", () => {
  const records = [
    made({}),
    made({count: null, suppressed: true, countBounds: [1, 4], countRaw: "<5", line: 41, firstLine: 41}),
    made({count: null, suppressed: true, countRaw: "*", provenance: "transcribed", tier: null, upheld: null}),
    made({authority: "Made-up Council B", file: "responses/b.txt", provenance: "corrected", severity: null})
  ];
  const files = [
    {file: "responses/a.txt", authority: "Made-up Council A", slug: "made-up-council-a"},
    {file: "responses/b.txt", authority: "Made-up Council B", slug: "made-up-council-b"},
    {file: "responses/c.txt", authority: "Made-up Council C", slug: "made-up-council-c"}
  ];
  const columns = JSON.parse(JSON.stringify(encodeColumns(records, {ageBands: [...AGE_BANDS], outcomes: [], files})));
  assert.deepEqual(decodeColumns(columns), records);
  assert.deepEqual(columns.bounds, {at: [1], min: [1], max: [4]});
  assert.deepEqual(columns.count, [3, null, null, 3], "withheld is null, never 0");
  assert.deepEqual(columns.countRaw, {at: [1, 2], text: ["<5", "*"]}, "only the counts not written as the number");
  // One wording with two tiers (a person's transcription) keeps a code per record; what is a function of the words is stored as one.
  assert.ok("codes" in columns.tier && "codes" in columns.severity);
  assert.deepEqual(columns.outcome, {values: [columns.outcome.values[0]], of: "outcomeRaw", map: [0]});
  assert.deepEqual(columns.authority, {values: ["Made-up Council A", "Made-up Council B"], of: "file", map: [0, 1]});
  assert.deepEqual(authoritiesOfColumns(columns), ["Made-up Council A", "Made-up Council B", "Made-up Council C"]);
});

test("a malformed columns file is named in one line", () => {
  const columns = encodeColumns([made({})], {
    ageBands: [...AGE_BANDS],
    outcomes: [],
    files: [{file: "responses/a.txt", authority: "Made-up Council A", slug: "made-up-council-a"}]
  });
  assert.throws(
    () => decodeColumns({...columns, line: []}),
    /records\.columns\.json: line has 0 entries for 1 records/
  );
  assert.throws(() => decodeColumns({...columns, version: 1} as never), /unknown version 1/);
  assert.throws(
    () => decodeColumns({...columns, tier: {values: [null], of: "nothing", map: [0]}} as never),
    /tier is derived from nothing, which is not a column/
  );
  assert.throws(
    () => encodeColumns([made({file: "responses/z.txt"})], {ageBands: [], outcomes: [], files: []}),
    /responses\/z\.txt:40 names a file not in the list/
  );
});

test("the pivot reads the columns as they come: every table and every cell's lines as from the records", async () => {
  const {mappings, replies: shipped} = await readReplies({cacheDir: null});
  const {replies} = madeUpCouncils(shipped[0]);
  // Made-up records beside the seed's, with withheld counts, stated bounds, unknown tiers and "unknown" as a word.
  const records = [
    ...replies.flatMap((r) => r.records),
    made({count: null, suppressed: true, countBounds: [1, 4], countRaw: "<5", line: 41, firstLine: 41}),
    made({count: null, suppressed: true, countRaw: "*", tier: null, upheld: null, outcome: "unknown"})
  ];
  const files = [...new Set(records.map((r) => r.file))].map((file) => ({
    file,
    authority: records.find((r) => r.file === file)!.authority,
    slug: file
  }));
  const columns = JSON.parse(
    JSON.stringify(encodeColumns(records, {ageBands: [...AGE_BANDS], outcomes: outcomeOrder(mappings), files}))
  );
  const decoded = decodeColumns(columns);
  const orders = {ageBands: columns.ageBands, outcomes: columns.outcomes};
  const dims = ["ageBand", "outcome", "tier", "upheld", "authority"] as const;
  let cells = 0;
  for (const rows of dims)
    for (const cols of [null, ...dims.filter((d) => d !== rows)])
      for (const options of [
        {},
        {excludeNoCase: true, measure: "pctRow" as const},
        {authorities: [records[0].authority]}
      ]) {
        const spec = {rows, cols, orders, ...options};
        const fromColumns = pivot(columns, spec);
        const fromRecords = pivot(decoded, spec);
        assert.deepEqual(fromColumns, fromRecords, `${rows} by ${cols} ${JSON.stringify(options)}`);
        for (const row of fromColumns.rowKeys)
          for (const col of cols ? fromColumns.colKeys : [null]) {
            assert.deepEqual(recordsAt(fromColumns, {row, col}), recordsAt(fromRecords, {row, col}));
            cells++;
          }
      }
  assert.ok(cells > 300, `${cells} cells compared`);
});
