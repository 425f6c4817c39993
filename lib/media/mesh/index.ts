// Server-side mesh pipeline: pure functions from GLB bytes to previews and downloads.
export { inspectGlb, MeshParseError } from "./io";
export { makePreview } from "./preview";
export { simplifyGlb } from "./simplify";
export { toObjZip } from "./obj";
export { toStl } from "./stl";
