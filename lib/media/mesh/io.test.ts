import { describe, expect, it } from "vitest";
import { inspectGlb, MeshParseError } from "./index";
import {
  buildBrokenGlb,
  buildInstancedGlb,
  buildPointsGlb,
  buildSceneGlb,
  buildSphereGlb,
} from "./test-fixtures";

describe("inspectGlb", () => {
  it("counts triangles, vertices and textures", async () => {
    const sphere = await buildSphereGlb({ triangles: 5000, textureSize: 32 });
    expect(await inspectGlb(sphere.glb)).toEqual({
      triangles: sphere.triangles,
      vertices: sphere.vertices,
      textures: 1,
    });
  });

  it("counts every primitive in a multi-node scene", async () => {
    const scene = await buildSceneGlb();
    const stats = await inspectGlb(scene.glb);
    expect(stats.triangles).toBe(scene.triangles);
    expect(stats.textures).toBe(1);
  });

  it("counts EXT_mesh_gpu_instancing copies", async () => {
    const crowd = await buildInstancedGlb();
    const stats = await inspectGlb(crowd.glb);
    expect(stats.triangles).toBe(crowd.triangles);
    expect(stats.vertices).toBe(crowd.vertices);
  });

  it("accepts a Buffer whose byteOffset is not 4-aligned", async () => {
    const sphere = await buildSphereGlb({ triangles: 500 });
    const backing = Buffer.alloc(sphere.glb.byteLength + 1);
    backing.set(sphere.glb, 1);
    const unaligned = backing.subarray(1);
    expect((await inspectGlb(unaligned)).triangles).toBe(sphere.triangles);
  });

  it.each([
    ["empty bytes", new Uint8Array(0), /only 0 bytes/],
    ["random bytes", Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251), /magic/],
    [
      "glTF JSON text",
      new TextEncoder().encode('{"asset":{"version":"2.0"},"padding":"xx"}'),
      /magic/,
    ],
  ])("rejects %s with MeshParseError", async (_label, bytes, message) => {
    await expect(inspectGlb(bytes)).rejects.toThrow(MeshParseError);
    await expect(inspectGlb(bytes)).rejects.toThrow(message);
  });

  it("rejects a truncated GLB", async () => {
    const sphere = await buildSphereGlb({ triangles: 500 });
    const truncated = sphere.glb.slice(0, sphere.glb.byteLength / 2);
    await expect(inspectGlb(truncated)).rejects.toThrow(/truncated/);
  });

  it("rejects a GLB whose JSON chunk is corrupt", async () => {
    const sphere = await buildSphereGlb({ triangles: 500 });
    const corrupt = sphere.glb.slice();
    corrupt.fill(0x7b, 20, 40); // "{{{{…"
    await expect(inspectGlb(corrupt)).rejects.toThrow(MeshParseError);
    await expect(inspectGlb(corrupt)).rejects.toThrow(/Could not read GLB/);
  });

  it("rejects Draco-compressed GLBs with a clear reason", async () => {
    const glb = glbFromJson({
      asset: { version: "2.0" },
      extensionsUsed: ["KHR_draco_mesh_compression"],
      extensionsRequired: ["KHR_draco_mesh_compression"],
    });
    await expect(inspectGlb(glb)).rejects.toThrow(/Draco-compressed GLBs are not supported/);
  });

  it("rejects GLBs that require an unknown extension", async () => {
    const glb = glbFromJson({
      asset: { version: "2.0" },
      extensionsUsed: ["VENDOR_mystery"],
      extensionsRequired: ["VENDOR_mystery"],
    });
    await expect(inspectGlb(glb)).rejects.toThrow(/VENDOR_mystery/);
  });

  it("rejects indices that point past the vertex array", async () => {
    await expect(inspectGlb(await buildBrokenGlb("indices"))).rejects.toThrow(
      /indexes vertex 999 of 3/,
    );
  });

  it("rejects a GLB without triangles", async () => {
    await expect(inspectGlb(await buildPointsGlb())).rejects.toThrow(/no triangle geometry/);
  });
});

function glbFromJson(json: object): Uint8Array {
  const text = JSON.stringify(json);
  const jsonBytes = new TextEncoder().encode(text.padEnd(Math.ceil(text.length / 4) * 4, " "));
  const glb = new Uint8Array(20 + jsonBytes.byteLength);
  const view = new DataView(glb.buffer);
  view.setUint32(0, 0x46546c67, true);
  view.setUint32(4, 2, true);
  view.setUint32(8, glb.byteLength, true);
  view.setUint32(12, jsonBytes.byteLength, true);
  view.setUint32(16, 0x4e4f534a, true);
  glb.set(jsonBytes, 20);
  return glb;
}
