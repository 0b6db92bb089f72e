// `npm run build` and `npm run dev` run this before Framework starts: the tree-shaken Plot bundle
// (vendor-plot.ts), Framework's npm cache seeded from node_modules so that `npm:` imports and the
// free names work offline (seed-npm-cache.ts), then the cached outputs of loaders whose inputs
// changed cleared (clear-stale-loaders.ts); Framework runs the site's one loader when its output is
// missing. One process for all three, since each start of Node with tsx costs about 0.2 s of every
// rebuild. An argument (--all) goes to clear-stale-loaders.ts.
import {prepareLoaders} from "./clear-stale-loaders.js";
import {seedNpmCache} from "./seed-npm-cache.js";
import {vendorPlot} from "./vendor-plot.js";

await vendorPlot();
await seedNpmCache();
await prepareLoaders(process.argv.slice(2));
