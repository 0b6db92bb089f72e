/**
 * The review desk's budgets (issue 19) over a MADE-UP campaign of 400 replies
 * (tools/made-up-campaign.ts): the queue listed, a reply opened, a correction
 * saved, each timed through the desk's own HTTP routes as the page calls them.
 * The parse cache is warm after the first listing, as it is for a person at work.
 */
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {writeMadeUpCampaign} from "../tools/made-up-campaign.js";
import {startReviewServer} from "../src/review/server.js";
import {deskClient} from "../tools/desk-client.js";
import type {ReplyView} from "../src/review/desk.js";
import type {QualityReply} from "../src/lib/campaign/quality.js";
import {SERIES, summarise, type BenchResult} from "./results.js";

export async function benchReview(
  options: {councils?: number; seed?: number; rounds?: number; log?: (line: string) => void} = {}
): Promise<BenchResult[]> {
  const councils = options.councils ?? 400;
  const dir = mkdtempSync(join(tmpdir(), "foi-bench-review-"));
  const data = join(dir, "data");
  writeMadeUpCampaign(data, {councils, seed: options.seed ?? 20240601});
  const server = await startReviewServer({dataDir: data, port: 0, cacheDir: join(dir, "cache")});
  const desk = deskClient(() => server.url);
  const timed = async <T>(path: string, body?: unknown): Promise<{ms: number; json: T}> => {
    const start = performance.now();
    const {status, json} = await desk.call<T>(path, body);
    if (status !== 200) throw new Error(`review bench: ${path}: HTTP ${status} ${json.error ?? ""}`);
    return {ms: performance.now() - start, json};
  };
  try {
    const first = await timed<{replies: QualityReply[]}>("/api/queue"); // reads and parses every reply once
    options.log?.(`review desk: first queue of ${first.json.replies.length} in ${(first.ms / 1000).toFixed(1)} s`);
    const [queue, open, save] = [[], [], []] as number[][];
    const withRecords = first.json.replies.filter((r) => r.records > 0).map((r) => r.file);
    for (let k = 0; k < (options.rounds ?? 5); k++) {
      queue.push((await timed("/api/queue")).ms);
      const file = withRecords[(k * 37) % withRecords.length];
      const opened = await timed<ReplyView>(`/api/reply?file=${encodeURIComponent(file)}`);
      open.push(opened.ms);
      const record = opened.json.base!.records[0];
      const row = {
        record: 0,
        line: String(record.line),
        ageRaw: record.ageRaw,
        outcomeRaw: record.outcomeRaw,
        count: String((record.count ?? 0) + 1),
        reason: "MADE UP: a benchmark's correction",
        changed: true
      };
      save.push((await timed("/api/save", {file, rows: [row], reviewer: "bench", hash: opened.json.hash})).ms);
    }
    const result = (name: string, samples: number[]): BenchResult => ({
      name,
      group: "review",
      env: "node",
      rows: councils,
      ...summarise(samples)
    });
    return [result(SERIES.reviewQueue, queue), result(SERIES.reviewOpen, open), result(SERIES.reviewSave, save)];
  } finally {
    await server.close();
    rmSync(dir, {recursive: true, force: true});
  }
}
