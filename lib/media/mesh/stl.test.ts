import { describe, expect, it } from "vitest";
import { makePreview, MeshParseError, toStl } from "./index";
import { buildInstancedGlb, buildSceneGlb, buildSphereGlb, SCENE_CENTERS } from "./test-fixtures";

interface StlTriangle {
  normal: number[];
  corners: number[][];
}

function parseStl(stl: Uint8Array): { header: string; count: number; triangles: StlTriangle[] } {
  const view = new DataView(stl.buffer, stl.byteOffset, stl.byteLength);
  const count = view.getUint32(80, true);
  const triangles: StlTriangle[] = [];
  for (let i = 0, o = 84; i < count; i++, o += 50) {
    const f = (k: number) => view.getFloat32(o + k * 4, true);
    triangles.push({
      normal: [f(0), f(1), f(2)],
      corners: [
        [f(3), f(4), f(5)],
        [f(6), f(7), f(8)],
        [f(9), f(10), f(11)],
      ],
    });
  }
  return { header: new TextDecoder().decode(stl.subarray(0, 80)), count, triangles };
}

function centroid({ corners }: StlTriangle): number[] {
  return [0, 1, 2].map((axis) => (corners[0][axis] + corners[1][axis] + corners[2][axis]) / 3);
}

describe("toStl", () => {
  it("writes 84 + 50·n bytes with n equal to the triangle count", async () => {
    const sphere = await buildSphereGlb({ triangles: 20_000, textureSize: 16 });
    const stl = await toStl(sphere.glb);
    const { header, count } = parseStl(stl);
    expect(count).toBe(sphere.triangles);
    expect(stl.byteLength).toBe(84 + 50 * sphere.triangles);
    expect(header.startsWith("solid")).toBe(false);
  });

  it("applies world transforms, turns Y-up into Z-up and keeps normals outward", async () => {
    const scene = await buildSceneGlb();
    const { count, triangles } = parseStl(await toStl(scene.glb));
    expect(count).toBe(scene.triangles);

    // Z-up maps glTF (x, y, z) to (x, −z, y).
    const zUp = ([x, y, z]: readonly number[]) => [x, -z, y];
    const spheres = [
      { center: zUp(SCENE_CENTERS.a), radius: 2 },
      { center: zUp(SCENE_CENTERS.b), radius: 1 },
    ];
    const misplaced: number[][] = [];
    const inward: number[][] = [];
    for (const triangle of triangles) {
      const c = centroid(triangle);
      const sphere = spheres.find(
        ({ center }) => Math.hypot(...c.map((v, i) => v - center[i])) < 3,
      );
      if (!sphere) {
        misplaced.push(c);
        continue;
      }
      const [x, y, z] = triangle.corners[0].map((v, i) => v - sphere.center[i]);
      if (Math.abs(Math.hypot(x, y, z) - sphere.radius) > 1e-4) misplaced.push(c);
      const [nx, ny, nz] = triangle.normal;
      if (nx * x + ny * y + nz * z <= 0) inward.push(c);
    }
    expect(misplaced).toEqual([]);
    expect(inward).toEqual([]);
  });

  it("keeps glTF axes when zUp is off", async () => {
    const scene = await buildSceneGlb();
    const { triangles } = parseStl(await toStl(scene.glb, { zUp: false }));
    const [bx, by, bz] = SCENE_CENTERS.b;
    const last = centroid(triangles.at(-1)!);
    expect(Math.hypot(last[0] - bx, last[1] - by, last[2] - bz)).toBeLessThan(1);
  });

  it("reads meshopt-compressed, quantized previews", async () => {
    const sphere = await buildSphereGlb({ triangles: 5000 });
    const preview = await makePreview(sphere.glb);
    const { count, triangles } = parseStl(await toStl(preview.glb));
    expect(count).toBe(sphere.triangles);
    const radii = triangles.map(({ corners: [[x, y, z]] }) => Math.hypot(x, y, z));
    expect(Math.min(...radii)).toBeGreaterThan(0.99);
    expect(Math.max(...radii)).toBeLessThan(1.01);
  });

  it("writes every EXT_mesh_gpu_instancing copy", async () => {
    const crowd = await buildInstancedGlb();
    const { count, triangles } = parseStl(await toStl(crowd.glb));
    expect(count).toBe(crowd.triangles);
    const xs = triangles.map((triangle) => Math.round(centroid(triangle)[0] / 5) * 5);
    expect(new Set(xs)).toEqual(new Set([0, 5, 10]));
  });

  it("rejects garbage with MeshParseError", async () => {
    await expect(toStl(new Uint8Array(100))).rejects.toThrow(MeshParseError);
  });
});
