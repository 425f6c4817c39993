// Figures for a Hunyuan3D-sized mesh. Printed, not asserted: CI machines vary too much.
import { describe, expect, it } from "vitest";
import { inspectGlb, makePreview, simplifyGlb, toObjZip, toStl } from "./index";
import { buildSphereGlb, formatBytes, timed } from "./test-fixtures";

describe("at ~500k faces", () => {
  it("reports sizes and timings for every operation", { timeout: 180_000 }, async () => {
    const original = await buildSphereGlb({ triangles: 500_000, textureSize: 2048 });
    console.log(
      `original: ${original.triangles} faces, ${original.vertices} vertices, ${formatBytes(original.glb.byteLength)}`,
    );

    const stats = await timed("inspectGlb", () => inspectGlb(original.glb));
    const preview = await timed("makePreview", () => makePreview(original.glb));
    const simplified = await timed("simplifyGlb → 100k", () => simplifyGlb(original.glb, 100_000));
    const objZip = await timed("toObjZip", () => toObjZip(original.glb, "mesh"));
    const stl = await timed("toStl", () => toStl(original.glb));

    console.log(
      [
        `preview: ${formatBytes(original.glb.byteLength)} → ${formatBytes(preview.glb.byteLength)} (${preview.stats.triangles} faces)`,
        `simplified: ${formatBytes(simplified.glb.byteLength)} (${simplified.stats.triangles} faces)`,
        `obj zip: ${formatBytes(objZip.byteLength)}`,
        `stl: ${formatBytes(stl.byteLength)}`,
      ].join("\n"),
    );
    expect(stats.triangles).toBe(original.triangles);
    expect(preview.stats.triangles).toBe(original.triangles);
  });
});
