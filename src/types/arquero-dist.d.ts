// arquero's UMD build has the same API as its main entry, which ships the types.
declare module "arquero/dist/arquero.js" {
  export * from "arquero";
  const aq: typeof import("arquero");
  export default aq;
}
