import { validateBytes } from "gltf-validator";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { inspectGlb, makePreview, MeshParseError } from "./index";
import {
  buildBrokenGlb,
  buildSphereGlb,
  summarize,
  formatBytes,
  glbJson,
  readBack,
  timed,
  type Fixture,
} from "./test-fixtures";

describe("makePreview", () => {
  let original: Fixture;
  let preview: Awaited<ReturnType<typeof makePreview>>;

  beforeAll(async () => {
    original = await buildSphereGlb({ triangles: 200_000, textureSize: 2048 });
    preview = await timed("makePreview (200k faces, 2048 px texture)", () =>
      makePreview(original.glb),
    );
    console.log(
      `preview: ${formatBytes(original.glb.byteLength)} → ${formatBytes(preview.glb.byteLength)}`,
    );
  });

  it("keeps every triangle when not simplifying", async () => {
    expect(preview.stats.triangles).toBe(original.triangles);
    expect((await inspectGlb(preview.glb)).triangles).toBe(original.triangles);
  });

  it("is smaller than the original", () => {
    expect(preview.glb.byteLength).toBeLessThan(original.glb.byteLength);
  });

  it("uses meshopt compression and WebP textures, and reads back with the meshopt decoder", async () => {
    const json = glbJson(preview.glb);
    expect(json.extensionsUsed).toEqual(
      expect.arrayContaining(["EXT_meshopt_compression", "EXT_texture_webp"]),
    );
    expect(json.images?.map((image) => image.mimeType)).toEqual(["image/webp"]);

    const doc = await readBack(preview.glb);
    const [texture] = doc.getRoot().listTextures();
    const { width, height, format } = await sharp(texture.getImage()!).metadata();
    expect(format).toBe("webp");
    expect([width, height]).toEqual([1024, 1024]);
  });

  it("honours maxTextureSize", async () => {
    const small = await buildSphereGlb({ triangles: 2000, textureSize: 512 });
    const result = await makePreview(small.glb, { maxTextureSize: 128 });
    const [texture] = (await readBack(result.glb)).getRoot().listTextures();
    expect((await sharp(texture.getImage()!).metadata()).width).toBe(128);
  });

  it("simplifies only when targetFaces is given", async () => {
    const small = await buildSphereGlb({ triangles: 20_000, textureSize: 64 });
    const result = await makePreview(small.glb, { targetFaces: 5000 });
    expect(result.stats.triangles).toBeGreaterThan(4500);
    expect(result.stats.triangles).toBeLessThanOrEqual(5500);
  });

  it("passes the Khronos validator with no errors", async () => {
    const report = await validateBytes(preview.glb, { maxIssues: 0 });
    console.log("validator (preview):", summarize(report.issues.messages));
    const errors = report.issues.messages.filter((message) => message.severity === 0);
    expect(errors).toEqual([]);
  });

  it("reports an undecodable texture as MeshParseError", async () => {
    await expect(makePreview(await buildBrokenGlb("texture"))).rejects.toThrow(
      /Could not decode the mesh's textures/,
    );
  });

  it("rejects garbage with MeshParseError", async () => {
    await expect(makePreview(new TextEncoder().encode("not a mesh"))).rejects.toThrow(
      MeshParseError,
    );
  });
});
