/**
 * Starts a page: copies src/template.md to src/<slug>.md with the title filled in,
 * and appends it to the sidebar's list, src/pages.json (which observablehq.config.ts
 * reads). Used by `npm run new-page -- "Title"` (scripts/new-page.ts) and its tests.
 */
import {existsSync, readFileSync, rmSync, utimesSync, writeFileSync} from "node:fs";
import {join} from "node:path";

export interface PageEntry {
  name: string;
  path: string;
}

/** A heading in the sidebar over pages of its own (Framework's section), such as the examples. */
export interface SectionEntry {
  name: string;
  pages: PageEntry[];
}

export interface NewPage {
  /** The page's file relative to the project, e.g. "src/my-question.md". */
  file: string;
  /** Its path in the site and the sidebar, e.g. "/my-question". */
  path: string;
}

/** A refusal the command line prints as one line (exit code 1), with no stack trace. */
export class NewPageError extends Error {}

const TEMPLATE = "src/template.md";
const PAGES = "src/pages.json";
/** Names Framework gives a meaning of its own. */
const RESERVED = new Set(["index", "404"]);

/** "Age and outcome: 2016's replies" → "age-and-outcome-2016s-replies". Empty when the title has no letters or digits. */
export function slugOf(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents: "é" → "e"
    .toLowerCase()
    .replace(/['’]/g, "") // "Ofcom's" → "ofcoms", not "ofcom-s"
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= 60) return slug;
  // Long titles: cut at a word boundary so the file name stays readable.
  const cut = slug.slice(0, 61);
  return cut.slice(0, cut.lastIndexOf("-") > 20 ? cut.lastIndexOf("-") : 60).replace(/-+$/, "");
}

/**
 * Reads the sidebar's list, or says in one line what is wrong with it. observablehq.config.ts
 * reads it with this too, so the build and the command agree on what the list may hold.
 */
export function readPageList(root: string): (PageEntry | SectionEntry)[] {
  const file = join(root, PAGES);
  if (!existsSync(file)) throw new NewPageError(`${PAGES} is missing: it lists the sidebar's pages`);
  let pages: unknown;
  try {
    pages = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new NewPageError(`${PAGES}: not valid JSON (${(error as Error).message})`, {cause: error});
  }
  if (!Array.isArray(pages)) throw new NewPageError(`${PAGES}: expected a list of {"name", "path"}`);
  const checkPage = (page: unknown, where: string) => {
    const p = page as Partial<PageEntry> | null;
    if (typeof p?.name !== "string" || typeof p?.path !== "string" || !p.path.startsWith("/"))
      throw new NewPageError(`${PAGES}: ${where} needs a "name" and a "path" starting with "/"`);
  };
  pages.forEach((page, i) => {
    if (Array.isArray(page?.pages)) {
      if (typeof page.name !== "string") throw new NewPageError(`${PAGES}: section ${i + 1} needs a "name"`);
      page.pages.forEach((p: unknown, j: number) => checkPage(p, `page ${j + 1} of section "${page.name}"`));
    } else checkPage(page, `entry ${i + 1}`);
  });
  return pages as (PageEntry | SectionEntry)[];
}

/** Every page of the list, those in sections included. */
function allPages(pages: (PageEntry | SectionEntry)[]): PageEntry[] {
  return pages.flatMap((p) => ("pages" in p ? p.pages : [p]));
}

/** The template with the title in its front matter and first heading; no longer hidden from search. */
export function pageFromTemplate(template: string, title: string): string {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(template);
  if (!match) throw new NewPageError(`${TEMPLATE}: expected front matter between --- lines at the top`);
  const front = match[1]
    .split("\n")
    .filter((line) => !/^index:\s*false\s*$/.test(line))
    // JSON's quoted string is also YAML's, so any title is read back as written.
    .map((line) => (/^title:/.test(line) ? `title: ${JSON.stringify(title)}` : line));
  if (!front.some((line) => line.startsWith("title:"))) front.unshift(`title: ${JSON.stringify(title)}`);
  const body = template.slice(match[0].length).split("\n");
  // The first "# " line outside a code block (a shell block's comment is not a heading).
  let fenced = false;
  const at = body.findIndex((line) => {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    return !fenced && line.startsWith("# ");
  });
  if (at < 0) throw new NewPageError(`${TEMPLATE}: expected a "# " heading to put the title in`);
  // As entities, the title's characters are text: no Markdown, no HTML, and no ${…} that Framework would run.
  body[at] = "# " + title.replace(/[&<>$`*_[\]\\{}#|~]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `---\n${front.join("\n")}\n---\n${body.join("\n")}`;
}

/**
 * Creates the page under `root` (the project) and lists it last in the sidebar.
 * Refuses, changing nothing, when the title is empty or the page already exists.
 */
export function newPage(root: string, rawTitle: string): NewPage {
  const title = rawTitle.trim();
  if (!title) throw new NewPageError('give the page a title, e.g. npm run new-page -- "My question"');
  if (/[\u0000-\u001f\u007f]/.test(title)) throw new NewPageError("the title must be one line of text");
  const slug = slugOf(title);
  if (!slug) throw new NewPageError(`"${title}" has no letters or digits to name the page's file after`);
  const file = `src/${slug}.md`;
  const path = `/${slug}`;
  if (RESERVED.has(slug)) throw new NewPageError(`${file} is reserved by Framework; choose another title`);
  if (existsSync(join(root, file)))
    throw new NewPageError(`${file} already exists; choose another title or edit that page`);
  if (existsSync(join(root, "src", slug)))
    throw new NewPageError(`src/${slug}/ already exists, so /${slug} is taken; choose another title`);
  const pages = readPageList(root);
  const listed = allPages(pages).find((page) => page.path === path || page.path === `${path}.html`);
  if (listed)
    throw new NewPageError(`${path} is already in the sidebar (${PAGES}, "${listed.name}"); choose another title`);
  const templateFile = join(root, TEMPLATE);
  if (!existsSync(templateFile)) throw new NewPageError(`${TEMPLATE} is missing: new pages are copied from it`);
  const page = pageFromTemplate(readFileSync(templateFile, "utf8"), title);

  // "wx": never overwrite, even if the page appeared since the check above.
  writeFileSync(join(root, file), page, {flag: "wx"});
  try {
    writeFileSync(join(root, PAGES), JSON.stringify([...pages, {name: title, path}], null, 2) + "\n");
  } catch (error) {
    rmSync(join(root, file)); // a page half added is worse than none
    throw error;
  }
  // Framework's preview re-reads its config only when the config file changes: touching it
  // shows the new sidebar in a running `npm run dev` without a restart.
  const config = join(root, "observablehq.config.ts");
  if (existsSync(config)) utimesSync(config, new Date(), new Date());
  return {file, path};
}
