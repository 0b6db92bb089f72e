// `npm run build` and `npm run dev` run this before Framework starts: the tree-shaken Plot bundle
// (vendor-plot.ts), then the data loaders' cache brought up to date (clear-stale-loaders.ts).
// One process for both, since each start of Node with tsx costs about 0.2 s of every rebuild.
// Arguments (--all, --no-run) go to clear-stale-loaders.ts.
import {prepareLoaders} from "./clear-stale-loaders.js";
import {vendorPlot} from "./vendor-plot.js";

await vendorPlot();
await prepareLoaders(process.argv.slice(2));
