/** A council's URL slug: lower case, each run of other characters one hyphen ("Leicester City Council" → "leicester-city-council"). */
export function slugOf(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** A name's slug and, when other names give the same one, which of them (by index). */
export interface SlugAssignment {
  slug: string;
  /** The slug the name gives on its own. */
  base: string;
  /** The other names whose own slug is `base` too: empty when there is no collision. */
  sharedWith: number[];
}

/**
 * Slugs for a list of names, each different from every other: the first name
 * (in the order given) to give a slug keeps it; the others get `-2`, `-3`...
 * skipping any slug already given out, including one a name gives on its own
 * ("St. Helens", "St Helens" and "St Helens 2" get st-helens, st-helens-3 and
 * st-helens-2). The same names in the same order always get the same slugs.
 */
export function assignSlugs(names: readonly string[]): SlugAssignment[] {
  const bases = names.map((name) => slugOf(name) || "council");
  const taken = new Set<string>();
  const slugs: (string | null)[] = bases.map((base) => {
    if (taken.has(base)) return null;
    taken.add(base);
    return base;
  });
  bases.forEach((base, i) => {
    if (slugs[i] != null) return;
    let n = 2;
    while (taken.has(`${base}-${n}`)) n++;
    taken.add(`${base}-${n}`);
    slugs[i] = `${base}-${n}`;
  });
  const byBase = new Map<string, number[]>();
  bases.forEach((base, i) => byBase.set(base, [...(byBase.get(base) ?? []), i]));
  return bases.map((base, i) => ({
    slug: slugs[i]!,
    base,
    sharedWith: byBase.get(base)!.filter((j) => j !== i)
  }));
}

/** Slugs for a list of names, made unique as assignSlugs does. */
export function uniqueSlugs(names: readonly string[]): string[] {
  return assignSlugs(names).map((a) => a.slug);
}

/** A council page's address relative to the site's root: `councils/<slug>.html` (links keep their .html, see observablehq.config.ts). */
export const councilHref = (slug: string) => `councils/${slug}.html`;

/** Where "line N" of a council's reply stands: `councils/<slug>.html#L<N>` (relative to the site's root). */
export const councilLineHref = (slug: string, line: number) => `${councilHref(slug)}#L${line}`;
