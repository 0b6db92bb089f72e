/** What the review desk's page modules (page.ts, source-view.ts) share: making elements (plain DOM, no framework) and calling the desk. */

export type Child = Node | string | null | undefined | false;
type Props = Record<string, unknown>;

/** An element with properties (on…: listeners; class, for, aria-*, data-*: attributes) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v as EventListener);
    else if (k === "class" || k === "for" || k.startsWith("aria-") || k.startsWith("data-") || k === "role")
      el.setAttribute(k, String(v));
    else (el as unknown as Record<string, unknown>)[k] = v;
  }
  for (const c of children) if (c != null && c !== false) el.append(c);
  return el;
}

/** Replaces an element's children, leaving out the absent ones. */
export function put(el: Element, ...children: Child[]) {
  el.replaceChildren(...children.filter((c): c is Node | string => c != null && c !== false));
}

/** A call to the desk's API: GET, or POST with a JSON body; the desk's one-line error as the thrown message. */
export async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : {"content-type": "application/json"},
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const json = (await res.json()) as T & {error?: string};
  if (!res.ok) throw new Error(json.error ?? `${res.status} ${res.statusText}`);
  return json;
}
