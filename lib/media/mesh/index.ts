// Server-side mesh pipeline: pure functions from GLB bytes to previews and downloads.
export { inspectGlb, MeshParseError, type MeshStats } from "./io";
export { makePreview, type PreviewOptions } from "./preview";
export { simplifyGlb } from "./simplify";
export { toObjZip } from "./obj";
export { toStl, type StlOptions } from "./stl";
