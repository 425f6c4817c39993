// The mesh pipeline at Hunyuan3D's default size (500k faces; quick: 150k), on a mesh made by
// the sandbox gateway: what the viewer downloads against the original, and what parsing each
// costs in Node. Ratios come from the same run, so a busy machine moves them less than raw times.
import { NodeIO } from "@gltf-transform/core";
import { ALL_EXTENSIONS } from "@gltf-transform/extensions";
import { MeshoptDecoder } from "meshoptimizer";
import { inspectGlb, makePreview } from "../lib/media/mesh";
import { makeImage } from "../lib/sandbox/image-maker";
import { makeMesh } from "../lib/sandbox/mesh-maker";
import { mb, ms, time, type BenchOptions, type Row } from "./support/report";

export async function run({ quick }: BenchOptions): Promise<Row[]> {
  const faces = quick ? 150_000 : 500_000;
  const image = await makeImage({
    prompt: "benchmark vase",
    seed: 1,
    width: 1024,
    height: 1024,
    format: "png",
  });
  const [original, makeMs] = await time(() => makeMesh({ image, faceCount: faces, seed: 1 }));
  const stats = await inspectGlb(original);
  const [preview, previewMs] = await time(() => makePreview(original));
  await MeshoptDecoder.ready;
  const io = new NodeIO()
    .registerExtensions(ALL_EXTENSIONS)
    .registerDependencies({ "meshopt.decoder": MeshoptDecoder });
  const [, readOriginalMs] = await time(() => io.readBinary(original));
  const [, readPreviewMs] = await time(() => io.readBinary(preview.glb));
  const share = preview.glb.byteLength / original.byteLength;
  const keepsFaces = preview.stats.triangles === stats.triangles;
  const size = `${(stats.triangles / 1000).toFixed(0)}k faces`;

  return [
    {
      figure: `Mesh preview size (${size})`,
      measured: mb(preview.glb.byteLength),
      baseline: `${mb(original.byteLength)} original GLB`,
      ratio: share,
      target: "≤ 25 % of the original, every face kept",
      pass: share <= 0.25 && keepsFaces,
      note:
        `meshopt + WebP preview made in ${ms(previewMs)} (the sandbox made the GLB in ${ms(makeMs)})` +
        (keepsFaces
          ? ""
          : `; the preview has ${preview.stats.triangles} faces, not ${stats.triangles}`),
    },
    {
      figure: `Mesh preview parse in Node (${size})`,
      measured: ms(readPreviewMs),
      baseline: `${ms(readOriginalMs)} original`,
      ratio: readPreviewMs / readOriginalMs,
      target: "reported",
      note: "gltf-transform readBinary; the preview pays meshopt decoding, the browser figure is the one that counts",
    },
  ];
}
