// Figures for the mesh pipeline at Hunyuan3D's default size (500k faces), on a mesh made by the
// sandbox gateway: what the viewer downloads against the original, and what each export costs.
// Ratios come from the same run, so a busy machine moves them less than raw times.
import { performance } from "node:perf_hooks";
import { NodeIO } from "@gltf-transform/core";
import { ALL_EXTENSIONS } from "@gltf-transform/extensions";
import { MeshoptDecoder } from "meshoptimizer";
import { makeImage } from "../lib/sandbox/image-maker";
import { makeMesh } from "../lib/sandbox/mesh-maker";
import { inspectGlb, makePreview, simplifyGlb, toObjZip, toStl } from "../lib/media/mesh";

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

export async function run() {
  const faces = Number(process.env.BENCH_FACES ?? 500_000);
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
  const [objZip, objMs] = await time(() => toObjZip(original, "model"));
  const [stl, stlMs] = await time(() => toStl(original));
  const [simplified, simplifyMs] = await time(() => simplifyGlb(original, 50_000));

  console.log(
    `mesh pipeline at ${stats.triangles.toLocaleString("en-US")} faces, ${stats.vertices.toLocaleString("en-US")} vertices`,
  );
  console.log(`  sandbox makes the GLB:      ${makeMs.toFixed(0)} ms`);
  console.log(`  original GLB:               ${mb(original.byteLength)}`);
  console.log(
    `  web preview (meshopt+WebP): ${mb(preview.glb.byteLength)}  = ${((preview.glb.byteLength / original.byteLength) * 100).toFixed(1)} % of the original, made in ${previewMs.toFixed(0)} ms`,
  );
  console.log(
    `  parse original / preview:   ${readOriginalMs.toFixed(0)} ms / ${readPreviewMs.toFixed(0)} ms (ratio ${(readPreviewMs / readOriginalMs).toFixed(2)})`,
  );
  console.log(`  preview keeps every face:   ${preview.stats.triangles === stats.triangles}`);
  console.log(`  OBJ zip:                    ${mb(objZip.byteLength)} in ${objMs.toFixed(0)} ms`);
  console.log(`  STL:                        ${mb(stl.byteLength)} in ${stlMs.toFixed(0)} ms`);
  console.log(
    `  simplified to 50k:          ${mb(simplified.glb.byteLength)} (${simplified.stats.triangles} faces) in ${simplifyMs.toFixed(0)} ms`,
  );
  console.log(
    `  export cost relative to making the preview: OBJ ${(objMs / previewMs).toFixed(2)}×, STL ${(stlMs / previewMs).toFixed(2)}×, simplify ${(simplifyMs / previewMs).toFixed(2)}×`,
  );
}
