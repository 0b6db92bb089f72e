// `npm run build` and `npm run dev` run this before Framework starts: the tree-shaken Plot bundle
// (vendor-plot.ts), Framework's npm cache seeded from node_modules so that `npm:` imports and the
// free names work offline (seed-npm-cache.ts), then the cached outputs of loaders whose inputs
// changed cleared (clear-stale-loaders.ts); Framework runs the site's one loader when its output is
// missing. One process for all three, and `npm run build` runs them in its own (scripts/build.ts),
// since each start of Node with tsx costs about 0.3 s of every rebuild. An argument (--all) goes to
// clear-stale-loaders.ts.
import {prepareLoaders} from "./clear-stale-loaders.js";
import {seedNpmCache} from "./seed-npm-cache.js";
import {vendorPlot} from "./vendor-plot.js";

export async function prepareBuild(args: string[] = []): Promise<void> {
  await vendorPlot();
  await seedNpmCache();
  await prepareLoaders(args);
}

if (import.meta.url === `file://${process.argv[1]}`) await prepareBuild(process.argv.slice(2));
