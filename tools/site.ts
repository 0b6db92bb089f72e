/**
 * The built site as a reader's browser gets it: `dist/` served over HTTP on the
 * loopback address (under a sub-path too, as a static host may serve it), and the
 * list of its pages. Shared by the browser tests, the performance suite and the
 * screenshot and PDF scripts.
 */
import {readdirSync, statSync} from "node:fs";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {join, relative} from "node:path";
import sirv from "sirv";

/** Where `npm run build` writes the site (Framework's default output). */
export const DIST = join(import.meta.dirname, "../dist");

export interface Site {
  /** Origin and base path, ending in "/", e.g. http://127.0.0.1:4321/ */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Serves `root` (default `dist/`) under `base` (default "/"), on a free port of the loopback address. */
export async function serveDist(base = "/", root = DIST): Promise<Site> {
  const assets = sirv(root, {dev: true, etag: false, extensions: ["html"]});
  const server: Server = createServer((req, res) => {
    const url = req.url ?? "/";
    if (!url.startsWith(base)) {
      res.statusCode = 404;
      res.end("not under the base path");
      return;
    }
    req.url = "/" + url.slice(base.length);
    assets(req, res, () => {
      res.statusCode = 404;
      res.end("not found");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const {port} = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {url: origin + base, origin, close: () => new Promise((resolve) => server.close(() => resolve()))};
}

/** Built pages as paths relative to the site's base ("index.html", "explore.html", ...). */
export function builtPages(root = DIST): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name.startsWith("_")) continue; // Framework's assets: _observablehq, _npm, _node, _import, _file
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".html") && name !== "404.html") pages.push(relative(root, path));
    }
  };
  walk(root);
  return pages.sort();
}
