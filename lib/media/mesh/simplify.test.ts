import { validateBytes } from "gltf-validator";
import { beforeAll, describe, expect, it } from "vitest";
import { inspectGlb, makePreview, MeshParseError, simplifyGlb } from "./index";
import { buildSceneGlb, buildSphereGlb, glbJson, summarize, type Fixture } from "./test-fixtures";

describe("simplifyGlb", () => {
  let original: Fixture;

  beforeAll(async () => {
    original = await buildSphereGlb({ triangles: 100_000, textureSize: 256 });
  });

  it.each([50_000, 10_000, 1_000])("lands within 10 percent of %i faces", async (target) => {
    const result = await simplifyGlb(original.glb, target);
    console.log(`simplify ${original.triangles} → target ${target}: ${result.stats.triangles}`);
    expect(Math.abs(result.stats.triangles - target) / target).toBeLessThan(0.1);
    expect((await inspectGlb(result.glb)).triangles).toBe(result.stats.triangles);
  });

  it("writes a plain GLB the Khronos validator accepts", async () => {
    const result = await simplifyGlb(original.glb, 20_000);
    expect(glbJson(result.glb).extensionsUsed ?? []).toEqual([]);
    const report = await validateBytes(result.glb, { maxIssues: 0 });
    console.log("validator (simplified):", summarize(report.issues.messages));
    expect(report.issues.messages.filter((message) => message.severity === 0)).toEqual([]);
  });

  it("undoes meshopt compression and quantization when given a preview", async () => {
    const preview = await makePreview(original.glb);
    const result = await simplifyGlb(preview.glb, 20_000);
    const json = glbJson(result.glb);
    expect(json.extensionsUsed ?? []).not.toContain("EXT_meshopt_compression");
    expect(json.extensionsUsed ?? []).not.toContain("KHR_mesh_quantization");
    expect(Math.abs(result.stats.triangles - 20_000) / 20_000).toBeLessThan(0.1);
    const report = await validateBytes(result.glb, { maxIssues: 0 });
    expect(report.issues.messages.filter((message) => message.severity === 0)).toEqual([]);
  });

  it("simplifies every mesh of a scene toward the total target", async () => {
    const scene = await buildSceneGlb();
    const result = await simplifyGlb(scene.glb, Math.round(scene.triangles / 2));
    expect(result.stats.triangles).toBeLessThan(scene.triangles * 0.55);
    expect(result.stats.triangles).toBeGreaterThan(scene.triangles * 0.45);
  });

  it("leaves the triangle count alone when the target is above it", async () => {
    const result = await simplifyGlb(original.glb, original.triangles * 2);
    expect(result.stats.triangles).toBe(original.triangles);
  });

  it("rejects garbage and nonsense targets", async () => {
    await expect(simplifyGlb(new Uint8Array(64), 1000)).rejects.toThrow(MeshParseError);
    await expect(simplifyGlb(original.glb, 0)).rejects.toThrow(RangeError);
  });
});
