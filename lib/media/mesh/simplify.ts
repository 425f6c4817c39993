// Triangle reduction for downloads, and the shared simplify step the preview can opt into.
import type { Document, Transform } from "@gltf-transform/core";
import { dedup, dequantize, prune, simplify, weld } from "@gltf-transform/functions";
import { MeshoptSimplifier } from "meshoptimizer";
import { getStats, readGlb, writeGlb, type MeshStats } from "./io";

// The caller asks for a face count, so the error bound must not stop the simplifier early;
// 1 is the whole mesh radius, i.e. unbounded.
const SIMPLIFY_MAX_ERROR = 1;

/** Plain GLB (no meshopt, no quantization) simplified toward `targetFaces` triangles. */
export async function simplifyGlb(
  glb: Uint8Array,
  targetFaces: number,
): Promise<{ glb: Uint8Array; stats: MeshStats }> {
  const doc = await readGlb(glb);
  const transforms = [dedup(), ...(await simplifyTransforms(doc, targetFaces)), prune()];
  // Inputs may be our own previews; undo their web-only encodings so any tool opens the result.
  if (usesExtension(doc, "KHR_mesh_quantization")) transforms.push(dequantize());
  await doc.transform(...transforms);
  doc.disposeExtension("EXT_meshopt_compression");
  return { glb: await writeGlb(doc), stats: getStats(doc) };
}

function usesExtension(doc: Document, name: string): boolean {
  return doc
    .getRoot()
    .listExtensionsUsed()
    .some((ext) => ext.extensionName === name);
}

/** weld + simplify with a ratio that lands the whole scene near `targetFaces`. */
export async function simplifyTransforms(doc: Document, targetFaces: number): Promise<Transform[]> {
  if (!Number.isFinite(targetFaces) || targetFaces < 1) {
    throw new RangeError(`targetFaces must be a positive number, got ${targetFaces}.`);
  }
  const { triangles } = getStats(doc);
  if (targetFaces >= triangles) return [weld()];

  await MeshoptSimplifier.ready;
  return [
    weld(),
    simplify({
      simplifier: MeshoptSimplifier,
      ratio: targetFaces / triangles,
      error: SIMPLIFY_MAX_ERROR,
    }),
  ];
}
