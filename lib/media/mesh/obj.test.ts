import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { makePreview, MeshParseError, toObjZip } from "./index";
import {
  buildInstancedGlb,
  buildSceneGlb,
  buildSphereGlb,
  SCENE_CENTERS,
  unzipText,
  type Fixture,
} from "./test-fixtures";

interface ParsedObj {
  v: number[][];
  vt: number[][];
  vn: number[][];
  faces: string[][];
  objects: string[];
  mtllib: string[];
  usemtl: string[];
}

function parseObj(text: string): ParsedObj {
  const parsed: ParsedObj = {
    v: [],
    vt: [],
    vn: [],
    faces: [],
    objects: [],
    mtllib: [],
    usemtl: [],
  };
  for (const line of text.split("\n")) {
    const [keyword, ...rest] = line.split(" ");
    if (keyword === "v" || keyword === "vt" || keyword === "vn")
      parsed[keyword].push(rest.map(Number));
    else if (keyword === "f") parsed.faces.push(rest);
    else if (keyword === "o") parsed.objects.push(rest.join(" "));
    else if (keyword === "mtllib") parsed.mtllib.push(rest.join(" "));
    else if (keyword === "usemtl") parsed.usemtl.push(rest.join(" "));
  }
  return parsed;
}

describe("toObjZip", () => {
  let sphere: Fixture;

  beforeAll(async () => {
    sphere = await buildSphereGlb({ triangles: 20_000, textureSize: 256 });
  });

  it("zips an OBJ, its MTL and the texture the MTL points at", async () => {
    const { files, text } = unzipText(await toObjZip(sphere.glb, "robot"));
    expect(Object.keys(files).sort()).toEqual(["robot.mtl", "robot.obj", "robot_basecolor.png"]);

    const mtl = text("robot.mtl");
    const mapKd = mtl.match(/^map_Kd (.+)$/m)?.[1];
    expect(mapKd).toBe("robot_basecolor.png");
    expect(files[mapKd!]).toBeDefined();
    expect(mtl).toMatch(/^Kd [\d.]+ [\d.]+ [\d.]+$/m);
    expect((await sharp(files[mapKd!]).metadata()).format).toBe("png");

    const obj = parseObj(text("robot.obj"));
    expect(obj.mtllib).toEqual(["robot.mtl"]);
    expect(mtl).toContain(`newmtl ${obj.usemtl[0]}`);
    expect(obj.faces).toHaveLength(sphere.triangles);
    expect(obj.v).toHaveLength(sphere.vertices);
    expect(obj.vt).toHaveLength(sphere.vertices);
    expect(obj.vn).toHaveLength(sphere.vertices);
  });

  it("writes 1-based v/vt/vn corners that stay in range", async () => {
    const { text } = unzipText(await toObjZip(sphere.glb, "robot"));
    const obj = parseObj(text("robot.obj"));
    const corners = obj.faces.flat();
    expect(corners).toHaveLength(sphere.triangles * 3);
    expect(corners.filter((corner) => !/^\d+\/\d+\/\d+$/.test(corner))).toEqual([]);
    const indices = corners.flatMap((corner) => corner.split("/").map(Number));
    const min = indices.reduce((a, b) => Math.min(a, b));
    const max = indices.reduce((a, b) => Math.max(a, b));
    expect(min).toBeGreaterThanOrEqual(1);
    expect(max).toBeLessThanOrEqual(obj.v.length);
  });

  it("flips V: glTF v=0 (top of the image) becomes OBJ vt=1", async () => {
    const { text } = unzipText(await toObjZip(sphere.glb, "robot"));
    const obj = parseObj(text("robot.obj"));
    // The fixture's first ring sits at glTF v=0, at the north pole (y=1).
    expect(obj.v[1][1]).toBeCloseTo(1, 5);
    expect(obj.vt[1][1]).toBeCloseTo(1, 5);
    expect(obj.vt.at(-1)![1]).toBeCloseTo(0, 5);
  });

  it("applies node world transforms across several meshes and materials", async () => {
    const scene = await buildSceneGlb();
    const { files, text } = unzipText(await toObjZip(scene.glb, "scene"));
    const obj = parseObj(text("scene.obj"));
    expect(obj.faces).toHaveLength(scene.triangles);
    expect(obj.v).toHaveLength(scene.vertices);
    expect(obj.objects).toEqual(["A", "C"]);
    expect(new Set(obj.usemtl)).toEqual(new Set(["painted", "plain_red"]));
    expect(text("scene.mtl")).toMatch(
      /newmtl plain_red\nKa 0 0 0\nKd 1.000000 0.000000 0.000000\n/,
    );
    expect(Object.keys(files)).toContain("scene_basecolor.png");

    // A: radius 1 scaled ×2 around (10, 0, 0). C: radius 1 around (0, 5, 0).
    const [ax, ay, az] = SCENE_CENTERS.a;
    const [bx, by, bz] = SCENE_CENTERS.b;
    for (const [x, y, z] of obj.v.slice(0, 50)) {
      expect(Math.hypot(x - ax, y - ay, z - az)).toBeCloseTo(2, 4);
    }
    for (const [x, y, z] of obj.v.slice(-50)) {
      expect(Math.hypot(x - bx, y - by, z - bz)).toBeCloseTo(1, 4);
    }
  });

  it("keeps normals pointing outward under a mirroring node", async () => {
    const scene = await buildSceneGlb();
    const { text } = unzipText(await toObjZip(scene.glb, "scene"));
    const obj = parseObj(text("scene.obj"));
    const [bx, by, bz] = SCENE_CENTERS.b;
    for (let i = 1; i <= 50; i++) {
      const [x, y, z] = obj.v.at(-i)!;
      const [nx, ny, nz] = obj.vn.at(-i)!;
      expect(nx * (x - bx) + ny * (y - by) + nz * (z - bz)).toBeGreaterThan(0.99);
    }
    // Winding must be reversed too, or the faces would point inward.
    const [face] = obj.faces.slice(-1);
    const [p0, p1, p2] = face.map((corner) => obj.v[Number(corner.split("/")[0]) - 1]);
    const cross = [
      (p1[1] - p0[1]) * (p2[2] - p0[2]) - (p1[2] - p0[2]) * (p2[1] - p0[1]),
      (p1[2] - p0[2]) * (p2[0] - p0[0]) - (p1[0] - p0[0]) * (p2[2] - p0[2]),
      (p1[0] - p0[0]) * (p2[1] - p0[1]) - (p1[1] - p0[1]) * (p2[0] - p0[0]),
    ];
    const out = [p0[0] - bx, p0[1] - by, p0[2] - bz];
    expect(cross[0] * out[0] + cross[1] * out[1] + cross[2] * out[2]).toBeGreaterThan(0);
  });

  it("converts WebP textures to PNG and reads meshopt-compressed input", async () => {
    const preview = await makePreview(sphere.glb);
    const { files, text } = unzipText(await toObjZip(preview.glb, "preview"));
    expect((await sharp(files["preview_basecolor.png"]).metadata()).format).toBe("png");
    expect(parseObj(text("preview.obj")).faces).toHaveLength(sphere.triangles);
  });

  it("writes every EXT_mesh_gpu_instancing copy", async () => {
    const crowd = await buildInstancedGlb();
    const obj = parseObj(unzipText(await toObjZip(crowd.glb, "crowd")).text("crowd.obj"));
    expect(obj.faces).toHaveLength(crowd.triangles);
    expect(obj.v).toHaveLength(crowd.vertices);
  });

  it("keeps zip entry names safe whatever the base name", async () => {
    const { files } = unzipText(await toObjZip(sphere.glb, "../../etc/my robot"));
    for (const name of Object.keys(files)) expect(name).toMatch(/^[\w.-]+$/);
    expect(Object.keys(files)).toContain("etc_my_robot.obj");
  });

  it("rejects garbage with MeshParseError", async () => {
    await expect(toObjZip(new Uint8Array([1, 2, 3]), "x")).rejects.toThrow(MeshParseError);
  });
});
