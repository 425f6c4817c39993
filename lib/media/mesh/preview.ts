// Web preview: the same mesh, made small enough to stream into the studio's viewer.
import type { Transform } from "@gltf-transform/core";
import { dedup, meshopt, prune, textureCompress, weld } from "@gltf-transform/functions";
import { MeshoptEncoder } from "meshoptimizer";
import sharp from "sharp";
import { getStats, MeshParseError, readGlb, writeGlb, type MeshStats } from "./io";
import { simplifyTransforms } from "./simplify";

export interface PreviewOptions {
  /** Longest texture edge in pixels. Default 1024. */
  maxTextureSize?: number;
  /** Simplify toward this many triangles; without it the geometry keeps every triangle. */
  targetFaces?: number;
}

export async function makePreview(
  glb: Uint8Array,
  opts: PreviewOptions = {},
): Promise<{ glb: Uint8Array; stats: MeshStats }> {
  const maxTextureSize = opts.maxTextureSize ?? 1024;
  if (!Number.isInteger(maxTextureSize) || maxTextureSize < 1) {
    throw new RangeError(`maxTextureSize must be a positive integer, got ${maxTextureSize}.`);
  }

  const doc = await readGlb(glb);
  const geometry: Transform[] = [dedup(), prune(), weld()];
  if (opts.targetFaces !== undefined) {
    geometry.push(...(await simplifyTransforms(doc, opts.targetFaces)));
  }
  await doc.transform(...geometry);

  try {
    await doc.transform(
      textureCompress({
        encoder: sharp,
        targetFormat: "webp",
        resize: [maxTextureSize, maxTextureSize],
      }),
    );
  } catch (err) {
    // Texture bytes come from the uploaded file, so a failure here is the input's fault.
    throw new MeshParseError(
      `Could not decode the mesh's textures: ${err instanceof Error ? err.message : err}`,
      { cause: err },
    );
  }

  await MeshoptEncoder.ready;
  // meshopt() quantizes (KHR_mesh_quantization) before applying EXT_meshopt_compression.
  await doc.transform(meshopt({ encoder: MeshoptEncoder, level: "high" }));

  return { glb: await writeGlb(doc), stats: getStats(doc) };
}
