// Meshes built in code for the mesh pipeline's tests, so no binary fixtures live in the repo.
import { Document, NodeIO, Primitive, type Material, type TypedArray } from "@gltf-transform/core";
import { ALL_EXTENSIONS, EXTMeshGPUInstancing } from "@gltf-transform/extensions";
import { unzipSync } from "fflate";
import { MeshoptDecoder } from "meshoptimizer";
import sharp from "sharp";

export interface SphereOptions {
  /** Approximate triangle count; the exact count is returned. */
  triangles: number;
  /** Edge of the square base color PNG; 0 for an untextured sphere. */
  textureSize?: number;
}

export interface Fixture {
  glb: Uint8Array;
  triangles: number;
  vertices: number;
}

/** A UV sphere of radius 1 under one node, optionally textured. */
export async function buildSphereGlb({
  triangles,
  textureSize = 0,
}: SphereOptions): Promise<Fixture> {
  const doc = new Document();
  doc.createBuffer();
  const material = await createMaterial(doc, "skin", textureSize);
  const sphere = createSphereMesh(doc, triangles, material);
  doc.createScene("scene").addChild(doc.createNode("sphere").setMesh(sphere.mesh));
  return { glb: await new NodeIO().writeBinary(doc), ...sphere.counts };
}

export const SCENE_CENTERS = {
  /** Textured sphere, translated and scaled ×2. */
  a: [10, 0, 0],
  /** Untextured sphere under a parent translation and a mirroring child scale. */
  b: [0, 5, 0],
} as const;

/** Two meshes, two materials, a node hierarchy and a mirrored node: the cases exports get wrong. */
export async function buildSceneGlb(): Promise<Fixture> {
  const doc = new Document();
  doc.createBuffer();
  const textured = createSphereMesh(doc, 2000, await createMaterial(doc, "painted", 64));
  const red = (await createMaterial(doc, "plain red", 0)).setBaseColorFactor([1, 0, 0, 1]);
  const plain = createSphereMesh(doc, 1000, red);

  const a = doc
    .createNode("A")
    .setTranslation([...SCENE_CENTERS.a])
    .setScale([2, 2, 2])
    .setMesh(textured.mesh);
  const c = doc.createNode("C").setScale([-1, 1, 1]).setMesh(plain.mesh);
  const b = doc
    .createNode("B")
    .setTranslation([...SCENE_CENTERS.b])
    .addChild(c);
  doc.createScene("scene").addChild(a).addChild(b);
  return {
    glb: await new NodeIO().writeBinary(doc),
    triangles: textured.counts.triangles + plain.counts.triangles,
    vertices: textured.counts.vertices + plain.counts.vertices,
  };
}

/** One sphere drawn three times through EXT_mesh_gpu_instancing, 5 units apart on X. */
export async function buildInstancedGlb(): Promise<Fixture & { instances: number }> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const sphere = createSphereMesh(doc, 500, await createMaterial(doc, "instanced", 0));
  const translation = doc
    .createAccessor()
    .setType("VEC3")
    .setBuffer(buffer)
    .setArray(new Float32Array([0, 0, 0, 5, 0, 0, 10, 0, 0]));
  const batch = doc
    .createExtension(EXTMeshGPUInstancing)
    .setRequired(true)
    .createInstancedMesh()
    .setAttribute("TRANSLATION", translation);
  const node = doc
    .createNode("crowd")
    .setMesh(sphere.mesh)
    .setExtension("EXT_mesh_gpu_instancing", batch);
  doc.createScene().addChild(node);
  return {
    glb: await new NodeIO().registerExtensions([EXTMeshGPUInstancing]).writeBinary(doc),
    triangles: sphere.counts.triangles * 3,
    vertices: sphere.counts.vertices * 3,
    instances: 3,
  };
}

/** A valid GLB whose only geometry is a point cloud. */
export async function buildPointsGlb(): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const position = doc
    .createAccessor()
    .setType("VEC3")
    .setBuffer(buffer)
    .setArray(new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0]));
  const prim = doc
    .createPrimitive()
    .setMode(Primitive.Mode.POINTS)
    .setAttribute("POSITION", position);
  doc.createScene().addChild(doc.createNode().setMesh(doc.createMesh().addPrimitive(prim)));
  return new NodeIO().writeBinary(doc);
}

/** Well-formed containers with bad contents: indices past the vertex array, or a corrupt PNG. */
export async function buildBrokenGlb(fault: "indices" | "texture"): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const position = doc
    .createAccessor()
    .setType("VEC3")
    .setBuffer(buffer)
    .setArray(new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0]));
  const indices = doc
    .createAccessor()
    .setBuffer(buffer)
    .setArray(new Uint16Array(fault === "indices" ? [0, 1, 999] : [0, 1, 2]));
  const material = doc.createMaterial("broken");
  if (fault === "texture") {
    const garbage = new Uint8Array(256).fill(0x42);
    material.setBaseColorTexture(doc.createTexture().setMimeType("image/png").setImage(garbage));
  }
  const prim = doc
    .createPrimitive()
    .setAttribute("POSITION", position)
    .setIndices(indices)
    .setMaterial(material);
  doc.createScene().addChild(doc.createNode().setMesh(doc.createMesh().addPrimitive(prim)));
  return new NodeIO().writeBinary(doc);
}

/** Reads any GLB the pipeline writes, for assertions on the result's structure. */
export async function readBack(glb: Uint8Array): Promise<Document> {
  await MeshoptDecoder.ready;
  return new NodeIO()
    .registerExtensions(ALL_EXTENSIONS)
    .registerDependencies({ "meshopt.decoder": MeshoptDecoder })
    .readBinary(glb);
}

export function glbJson(glb: Uint8Array): {
  extensionsUsed?: string[];
  extensionsRequired?: string[];
  images?: { mimeType?: string }[];
} {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  const length = view.getUint32(12, true);
  return JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + length)));
}

export function unzipText(zip: Uint8Array): {
  files: Record<string, Uint8Array>;
  text: (name: string) => string;
} {
  const files = unzipSync(zip);
  return { files, text: (name) => new TextDecoder().decode(files[name]) };
}

export function formatBytes(bytes: number): string {
  return bytes >= 1 << 20
    ? `${(bytes / (1 << 20)).toFixed(2)} MiB`
    : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Validator messages as "CODE×count" per severity, for logs. */
export function summarize(messages: { code: string; severity: number }[]): string {
  const counts = new Map<string, number>();
  for (const { code, severity } of messages) {
    const key = `${["error", "warning", "info", "hint"][severity]}:${code}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${key}×${n}`).join(", ") || "no issues";
}

export async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  console.log(`${label}: ${(performance.now() - start).toFixed(0)} ms`);
  return result;
}

function createSphereMesh(doc: Document, targetTriangles: number, material: Material) {
  // 2·S·(R−1) triangles: two per quad, one per quad in the two polar rings.
  const rings = Math.max(3, Math.round(Math.sqrt(targetTriangles / 4)) + 1);
  const segments = Math.max(3, Math.round(targetTriangles / (2 * (rings - 1))));
  const vertexCount = (rings + 1) * (segments + 1);
  const position = new Float32Array(vertexCount * 3);
  const normal = new Float32Array(vertexCount * 3);
  const uv = new Float32Array(vertexCount * 2);
  for (let r = 0, v = 0; r <= rings; r++) {
    const theta = (r / rings) * Math.PI;
    for (let s = 0; s <= segments; s++, v++) {
      const phi = (s / segments) * Math.PI * 2;
      const x = Math.sin(theta) * Math.cos(phi);
      const y = Math.cos(theta);
      const z = Math.sin(theta) * Math.sin(phi);
      position.set([x, y, z], v * 3);
      normal.set([x, y, z], v * 3);
      uv.set([s / segments, r / rings], v * 2);
    }
  }

  const triangles = 2 * segments * (rings - 1);
  const indices = new Uint32Array(triangles * 3);
  let i = 0;
  for (let r = 0; r < rings; r++) {
    for (let s = 0; s < segments; s++) {
      const a = r * (segments + 1) + s;
      const b = a + segments + 1;
      if (r !== 0) indices.set([a, a + 1, b], i++ * 3);
      if (r !== rings - 1) indices.set([a + 1, b + 1, b], i++ * 3);
    }
  }

  const buffer = doc.getRoot().listBuffers()[0];
  const accessor = (type: "VEC2" | "VEC3" | "SCALAR", array: TypedArray) =>
    doc.createAccessor().setType(type).setArray(array).setBuffer(buffer);
  const prim = doc
    .createPrimitive()
    .setAttribute("POSITION", accessor("VEC3", position))
    .setAttribute("NORMAL", accessor("VEC3", normal))
    .setAttribute("TEXCOORD_0", accessor("VEC2", uv))
    .setIndices(accessor("SCALAR", indices))
    .setMaterial(material);
  return {
    mesh: doc.createMesh(`sphere_${triangles}`).addPrimitive(prim),
    counts: { triangles, vertices: vertexCount },
  };
}

async function createMaterial(doc: Document, name: string, textureSize: number) {
  const material = doc.createMaterial(name).setRoughnessFactor(0.8).setMetallicFactor(0);
  if (textureSize > 0) {
    const texture = doc
      .createTexture(`${name}_albedo`)
      .setMimeType("image/png")
      .setImage(await createAlbedoPng(textureSize));
    material.setBaseColorTexture(texture);
  }
  return material;
}

/**
 * Smooth colour fields plus a little grain, so PNG and WebP sizes behave like a baked albedo
 * rather than a flat colour (tiny) or pure noise (incompressible).
 */
async function createAlbedoPng(size: number): Promise<Uint8Array> {
  const pixels = Buffer.alloc(size * size * 3);
  let seed = 1234567;
  for (let y = 0, p = 0; y < size; y++) {
    for (let x = 0; x < size; x++, p += 3) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const grain = ((seed >> 16) & 15) - 8;
      const u = x / size;
      const v = y / size;
      pixels[p] = clampByte(128 + 90 * Math.sin(u * 17 + v * 5) + grain);
      pixels[p + 1] = clampByte(120 + 70 * Math.sin(v * 23 - u * 3) + grain);
      pixels[p + 2] = clampByte(100 + 60 * Math.cos((u + v) * 11) + grain);
    }
  }
  const png = await sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toBuffer();
  return new Uint8Array(png);
}

function clampByte(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}
