// The data page's view (src/lib/views/data.ts): what the downloads hold, from the real Leicester reply.
import assert from "node:assert/strict";
import {test} from "node:test";
import {loadMappings, readReply} from "../../../src/lib/read/replies.js";
import {listReplies} from "../../../src/lib/read/reply-files.js";
import {describeDownloads} from "../../../src/lib/records/downloads.js";
import {RECORD_FIELDS} from "../../../src/lib/records/tidy.js";
import {dataView} from "../../../src/lib/views/data.js";

const mappings = loadMappings();
const replies = await Promise.all(listReplies().map((path) => readReply(path, mappings)));

test("the data page: rows and employees counted from the records, every field described with what it holds", () => {
  const d = describeDownloads(replies);
  const v = dataView(d);
  assert.equal(v.counted, `There are ${d.rows} rows from one reply, counting 31 employees.`);
  assert.deepEqual(
    v.fields.map((f) => f.name),
    RECORD_FIELDS.map((f) => f.name)
  );
  assert.equal(v.undescribed, null);
  assert.equal(v.replies[0].file, "responses/leicester-city-council-2016.txt");
  const withExtra = dataView({...d, fields: [...d.fields, {name: "madeUp", types: ["text"], empty: 0}]});
  assert.equal(withExtra.undescribed, "Fields in the data with no description: madeUp.");
});
