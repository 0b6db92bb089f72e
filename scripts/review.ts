/**
 * `npm run review [-- --port N]`: the review desk, a local server on
 * 127.0.0.1 over the data folder (FOI_DATA=DIR, or data/) where a person
 * checks the replies the kit could not verify and corrects its reading. Prints
 * the address; stops with Ctrl+C. See docs/ingest.md, "Review desk".
 */
import {existsSync} from "node:fs";
import {join} from "node:path";
import {DATA_DIR} from "../src/lib/read/replies.js";
import {startReviewServer} from "../src/review/server.js";

const USAGE = "usage: npm run review [-- --port N]   (FOI_DATA=DIR to review another data folder)";

function portOf(args: string[]): number {
  const i = args.indexOf("--port");
  const unknown = args.filter((a, j) => a !== "--port" && !(i >= 0 && j === i + 1));
  if (unknown.length) {
    process.stderr.write(`error: unknown argument ${unknown[0]}\n${USAGE}\n`);
    process.exit(2);
  }
  if (i < 0) return 0;
  const port = Number(args[i + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`error: --port needs a port number (0 to 65535), not "${args[i + 1] ?? ""}"\n${USAGE}\n`);
    process.exit(2);
  }
  return port;
}

const port = portOf(process.argv.slice(2));
if (!existsSync(join(DATA_DIR, "responses"))) {
  process.stderr.write(`error: ${DATA_DIR} has no responses/ folder to review\n`);
  process.exit(1);
}
try {
  const server = await startReviewServer({dataDir: DATA_DIR, port});
  process.stdout.write(`review desk for ${DATA_DIR}: ${server.url}\n`);
  process.on("SIGINT", () => void server.close().then(() => process.exit(0)));
} catch (error) {
  process.stderr.write(`error: the review desk could not start (${(error as Error).message.split("\n")[0]})\n`);
  process.exit(1);
}
