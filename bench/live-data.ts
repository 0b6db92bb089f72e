/**
 * The live data loop (issue 18): `npm run dev` on a copy of the app, a MADE-UP
 * reply (the shipped reply under another council's name) added, changed and
 * removed, and the time until the served records show each change. Node only;
 * the server's own Framework process does the work.
 */
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {copyApp} from "../tools/app-copy.js";
import {startDev, writeReply} from "../tools/live-data.js";
import {SERIES, summarise, type BenchResult} from "./results.js";

const SHIPPED = "leicester-city-council-2016";

export async function benchLiveData(
  options: {rounds?: number; log?: (line: string) => void} = {}
): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "foi-bench-live-"));
  const responses = join(dir, "data/responses");
  copyApp(dir);
  const dev = await startDev(dir);
  try {
    const text = readFileSync(join(responses, `${SHIPPED}.txt`), "utf8");
    const samples: number[] = [];
    for (let k = 0; k < (options.rounds ?? 3); k++) {
      const who = `Made-up Borough ${k} (MADE UP)`;
      writeReply(responses, `zz-made-up-${k}-2016`, text, who, SHIPPED);
      samples.push(1000 * (await dev.until("records.columns.json", (t) => t.includes(who), "the added reply")));
      rmSync(join(responses, `zz-made-up-${k}-2016.txt`));
      rmSync(join(responses, `zz-made-up-${k}-2016.meta.json`));
      samples.push(
        1000 * (await dev.until("records.columns.json", (t) => t.startsWith("{") && !t.includes(who), "its removal"))
      );
      options.log?.(`live data: round ${k + 1}, ${samples.map((s) => (s / 1000).toFixed(1)).join(" s, ")} s`);
    }
    return [{name: SERIES.liveData, group: "build", env: "node", rows: null, ...summarise(samples)}];
  } finally {
    dev.stop();
    rmSync(dir, {recursive: true, force: true});
  }
}
