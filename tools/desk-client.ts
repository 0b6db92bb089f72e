/**
 * The review desk's API as its page calls it (src/review/server.ts): JSON in, JSON out. Shared by
 * the desk's tests and the benchmark, so that both speak to the desk one way.
 */
import type {ReplyView} from "../src/review/desk.js";

export interface DeskClient {
  /** A GET (no body) or a JSON POST; the status and the parsed JSON reply. */
  call<T>(path: string, body?: unknown): Promise<{status: number; json: T & {error?: string}}>;
  /** A reply's screen, as `/api/reply` gives it. */
  open(file: string): Promise<ReplyView>;
}

/** A client of the desk at `url()` (a function: the desk may start after the client is made). */
export function deskClient(url: () => string): DeskClient {
  const call = async <T>(path: string, body?: unknown) => {
    const res = await fetch(new URL(path, url()), {
      method: body === undefined ? "GET" : "POST",
      headers: {"content-type": "application/json"},
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    return {status: res.status, json: (await res.json()) as T & {error?: string}};
  };
  return {
    call,
    open: async (file) => (await call<ReplyView>(`/api/reply?file=${encodeURIComponent(file)}`)).json
  };
}
