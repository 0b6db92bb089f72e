/**
 * Node-only: the review desk's HTTP server, on 127.0.0.1 only, built on Hono
 * (routing, body limit, errors) served by @hono/node-server. Routing is one
 * declarative table (method, path, handler); handlers speak JSON and call the
 * Desk. The page (page.ts, page.css) is bundled with esbuild when the server
 * starts and served from memory. No route writes anything but the person's
 * files beside a reply (save) and the mappings (teach).
 */
import {readFileSync} from "node:fs";
import type {AddressInfo} from "node:net";
import {serve, type ServerType} from "@hono/node-server";
import {build} from "esbuild";
import {Hono} from "hono";
import {bodyLimit} from "hono/body-limit";
import type {ContentfulStatusCode} from "hono/utils/http-status";
import {Desk, DeskError, type EditRow} from "./desk.js";

const here = new URL(".", import.meta.url);
const BODY_LIMIT = 2 * 1024 * 1024;

interface Request {
  url: URL;
  body: unknown;
}
interface Reply {
  status?: number;
  type?: string;
  /** Text, bytes (a reply as received), or an object sent as JSON. */
  body: string | Buffer | object;
  headers?: Record<string, string>;
}
interface Route {
  method: "GET" | "POST";
  path: string;
  handle: (req: Request) => Promise<Reply> | Reply;
}

/** A string field of a JSON body, or a 400 naming it. */
function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | null)?.[name];
  if (typeof value !== "string") throw new DeskError(400, `the request lacks "${name}"`);
  return value;
}

/** The rows of a draft: a list of objects whose cells are strings (what the page sends), or a 400. */
function rowsOf(body: unknown): EditRow[] {
  const rows = (body as Record<string, unknown> | null)?.rows;
  if (!Array.isArray(rows)) throw new DeskError(400, 'the request lacks "rows"');
  return rows.map((row, i) => {
    if (row == null || typeof row !== "object") throw new DeskError(400, `row ${i + 1} is not an object`);
    const out: EditRow = {};
    for (const [k, v] of Object.entries(row as Record<string, unknown>)) {
      if (k === "record" && typeof v === "number") out.record = v;
      else if (k === "changed" && typeof v === "boolean") out.changed = v;
      else if (typeof v === "string") (out as Record<string, string>)[k] = v;
      else if (v != null) throw new DeskError(400, `row ${i + 1}: ${k} must be text`);
    }
    return out;
  });
}

interface Assets {
  js: string;
  pdfJs: string;
  css: string;
  html: string;
}

/**
 * A reply as received: its bytes and their content type, shown inline. The bytes are the
 * council's, not the desk's: an HTML reply (or anything a browser might run) gets a sandbox
 * with no script and no origin, so it cannot act as the desk's page (post corrections).
 */
async function original(desk: Desk, file: string): Promise<Reply> {
  const {bytes, type} = await desk.original(file);
  const name = file.replace(/^.*\//, "").replace(/[^\w.-]/g, "_");
  return {
    type,
    body: bytes,
    headers: {
      "content-disposition": `inline; filename="${name}"`,
      "content-security-policy": "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
      "x-content-type-options": "nosniff"
    }
  };
}

function routes(desk: Desk, assets: Assets): Route[] {
  const page = (): Reply => ({type: "text/html; charset=utf-8", body: assets.html});
  return [
    {method: "GET", path: "/", handle: page},
    {method: "GET", path: "/reply", handle: page},
    {method: "GET", path: "/review.js", handle: () => ({type: "text/javascript; charset=utf-8", body: assets.js})},
    {
      method: "GET",
      path: "/review-pdf.js",
      handle: () => ({type: "text/javascript; charset=utf-8", body: assets.pdfJs})
    },
    {method: "GET", path: "/review.css", handle: () => ({type: "text/css; charset=utf-8", body: assets.css})},
    {method: "GET", path: "/favicon.ico", handle: () => ({status: 204, type: "image/x-icon", body: ""})},
    {method: "GET", path: "/api/queue", handle: async () => ({body: {replies: await desk.queue()}})},
    {
      method: "GET",
      path: "/api/reply",
      handle: async ({url}) => ({body: await desk.reply(url.searchParams.get("file") ?? "")})
    },
    {method: "GET", path: "/api/original", handle: ({url}) => original(desk, url.searchParams.get("file") ?? "")},
    {
      method: "GET",
      path: "/api/sheets",
      handle: async ({url}) => ({body: await desk.sheets(url.searchParams.get("file") ?? "")})
    },
    {
      method: "POST",
      path: "/api/draft",
      handle: async ({body}) => ({body: await desk.evaluate(field(body, "file"), rowsOf(body))})
    },
    {
      method: "POST",
      path: "/api/save",
      handle: async ({body}) => ({
        body: await desk.save(field(body, "file"), rowsOf(body), field(body, "reviewer"), field(body, "hash"))
      })
    },
    {
      method: "POST",
      path: "/api/teach",
      handle: async ({body}) => {
        const kind = field(body, "kind");
        if (kind !== "outcome" && kind !== "age") throw new DeskError(400, 'kind must be "outcome" or "age"');
        return {body: await desk.teach(kind, field(body, "label"), field(body, "target"), field(body, "reviewer"))};
      }
    }
  ];
}

/** A handler's reply as the Response Hono sends: JSON unless it says otherwise, never cached. */
function response(reply: Reply): Response {
  const raw = typeof reply.body === "string" || Buffer.isBuffer(reply.body);
  const body = raw ? (reply.body as string | Buffer) : JSON.stringify(reply.body);
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    status: reply.status ?? 200,
    headers: {
      "content-type": reply.type ?? "application/json; charset=utf-8",
      "cache-control": "no-store",
      ...reply.headers
    }
  });
}

/** The desk's routes on a Hono app: the POST guards first, then the table, then one-line errors. */
function app(table: readonly Route[]): Hono {
  const hono = new Hono();
  hono.post(
    "*",
    // Only JSON is accepted, so a page on another site cannot post to the desk without a CORS
    // preflight, which the desk never grants; an Origin other than the desk's own is refused too.
    async (c, next) => {
      if (!/^application\/json\b/.test(c.req.header("content-type") ?? ""))
        throw new DeskError(415, "the desk accepts JSON only");
      const origin = c.req.header("origin");
      if (origin && origin !== `http://${c.req.header("host")}`)
        throw new DeskError(403, `requests from ${origin} are refused`);
      await next();
    },
    bodyLimit({
      maxSize: BODY_LIMIT,
      onError: () => {
        throw new DeskError(413, "the request is too large");
      }
    })
  );
  for (const route of table)
    hono.on(route.method, route.path, async (c) => {
      let body: unknown = null;
      if (route.method === "POST") {
        const text = await c.req.text();
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          throw new DeskError(400, "the request is not JSON");
        }
      }
      return response(await route.handle({url: new URL(c.req.url), body}));
    });
  hono.notFound((c) => {
    throw new DeskError(404, `no such page: ${c.req.method} ${new URL(c.req.url).pathname}`);
  });
  hono.onError((error, c) => {
    const status = error instanceof DeskError ? error.status : 500;
    // One line, never a stack trace: the kit's own errors already name the file and line.
    const message = String(error?.message ?? error).split("\n")[0];
    if (status === 500) process.stderr.write(`review: ${c.req.method} ${new URL(c.req.url).pathname}: ${message}\n`);
    // A body refused half read leaves its connection unusable: say so, so the browser opens another.
    const close: Record<string, string> = status === 413 ? {connection: "close"} : {};
    return c.json({error: message}, status as ContentfulStatusCode, {"cache-control": "no-store", ...close});
  });
  return hono;
}

/**
 * The page's script and styles: page.ts bundled by esbuild (typed source, one file served),
 * and pdf-view.ts with pdf.js (unpdf's build) as a second script the page loads for a PDF only.
 */
async function pageAssets(): Promise<Assets> {
  const bundle = (entry: string) =>
    build({
      entryPoints: [new URL(entry, here).pathname],
      bundle: true,
      format: "esm",
      target: "es2022",
      write: false,
      logLevel: "silent"
    });
  const [result, pdf] = await Promise.all([bundle("page.ts"), bundle("pdf-view.ts")]);
  const css = readFileSync(new URL("page.css", here), "utf8");
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Review desk</title>
<link rel="stylesheet" href="/review.css">
<script type="module" src="/review.js"></script>
</head>
<body><main id="app" aria-live="polite"><p>Loading…</p></main></body>
</html>
`;
  return {js: result.outputFiles[0].text, pdfJs: pdf.outputFiles[0].text, css, html};
}

export interface DeskServer {
  url: string;
  desk: Desk;
  close(): Promise<void>;
}

/** Starts the review desk over a data folder on 127.0.0.1 (port 0: a free one). */
export async function startReviewServer(options: {
  dataDir: string;
  port?: number;
  cacheDir?: string | null;
}): Promise<DeskServer> {
  const desk = new Desk(options.dataDir, options.cacheDir);
  const hono = app(routes(desk, await pageAssets()));
  const server = await new Promise<ServerType>((resolve, reject) => {
    const started: ServerType = serve({fetch: hono.fetch, port: options.port ?? 0, hostname: "127.0.0.1"}, () =>
      resolve(started)
    );
    started.once("error", reject);
  });
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    desk,
    close: () =>
      new Promise<void>((resolve) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => resolve());
      }).then(() => desk.close())
  };
}
