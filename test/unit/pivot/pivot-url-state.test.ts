// The explorer's view in the query string: what a copied link carries.
import assert from "node:assert/strict";
import {test} from "node:test";
import {DEFAULT_STATE, formatState, parseState, type ExploreState} from "../../../src/lib/pivot/url-state.js";

const ONE = ["Leicester City Council"];
const TWO = ["Made-up Council A", "Made-up Council B"];

test("the default view is the bare page, and the bare page is the default view", () => {
  assert.equal(formatState(DEFAULT_STATE), "");
  assert.deepEqual(parseState("", ONE), DEFAULT_STATE);
});

test("a view survives the round trip through the query string", () => {
  const views: ExploreState[] = [
    {...DEFAULT_STATE, rows: "outcome", cols: "ageBand", measure: "pctRow"},
    {
      ...DEFAULT_STATE,
      measure: "pctCol",
      excludeNoCase: true,
      chart: "grouped",
      selection: {row: "25-34", col: "final written warning"}
    },
    {...DEFAULT_STATE, rows: "tier", cols: "upheld", selection: {row: null, col: "upheld"}},
    {...DEFAULT_STATE, selection: {row: null, col: null}},
    {...DEFAULT_STATE, rows: "authority", cols: "tier", authorities: ["Made-up Council B"], measure: "pctTotal"}
  ];
  for (const view of views) assert.deepEqual(parseState(formatState(view), TWO), view, formatState(view));
});

test("links read as words", () => {
  const search = formatState({
    ...DEFAULT_STATE,
    rows: "outcome",
    cols: "ageBand",
    measure: "pctRow",
    excludeNoCase: true,
    selection: {row: "no case to answer", col: null}
  });
  assert.equal(search, "?rows=outcome&cols=age&measure=pct-row&exclude=no-case&cell-row=no+case+to+answer&cell-col=*");
});

test("unknown, repeated or impossible values fall back to the default", () => {
  assert.deepEqual(parseState("?rows=shoe+size&measure=median&chart=pie", ONE), DEFAULT_STATE);
  const same = parseState("?rows=tier&cols=tier", ONE);
  assert.deepEqual([same.rows, same.cols], [DEFAULT_STATE.rows, DEFAULT_STATE.cols]);
  assert.equal(parseState("?rows=authority&cols=age", ONE).rows, DEFAULT_STATE.rows, "one authority: not a dimension");
  assert.equal(parseState("?authority=Nowhere", ONE).authorities, null);
  assert.equal(parseState("?cell-row=25-34", ONE).selection, null, "a cell needs both its row and column");
});

test("a council page's link opens the explorer filtered to that council (docs/explore.md)", () => {
  const several = ["Leicester City Council", "Made-up Council A", "Made-up Council B"];
  const state = parseState("?authority=Leicester%20City%20Council", several);
  assert.deepEqual(state, {...DEFAULT_STATE, authorities: ["Leicester City Council"]});
  assert.equal(formatState(state), "?authority=Leicester+City+Council");
  assert.deepEqual(
    parseState("?authority=Made-up+Council+B&authority=Leicester+City+Council&authority=Nowhere", several).authorities,
    ["Made-up Council B", "Leicester City Council"],
    "several councils, in the order chosen; one not in the data is ignored"
  );
});
