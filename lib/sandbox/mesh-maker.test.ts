import { createRequire } from "node:module";
import { NodeIO } from "@gltf-transform/core";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { makeImage } from "./image-maker";
import { makeMesh } from "./mesh-maker";

interface ValidationReport {
  issues: {
    numErrors: number;
    numWarnings: number;
    numInfos: number;
    numHints: number;
    messages: { code: string; message: string; severity: number; pointer?: string }[];
  };
}

// gltf-validator ships no type declarations, so it is loaded through require with a typed shape.
const { validateBytes } = createRequire(import.meta.url)("gltf-validator") as {
  validateBytes: (bytes: Uint8Array) => Promise<ValidationReport>;
};

const UNSIGNED_SHORT = 5123;
const UNSIGNED_INT = 5125;

interface GlbJson {
  accessors: { count: number; componentType: number; min?: number[]; max?: number[] }[];
  meshes: {
    primitives: { attributes: Record<string, number>; indices?: number; material?: number }[];
  }[];
  images: { mimeType: string; bufferView: number }[];
}

function readGlbJson(glb: Uint8Array): GlbJson {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  expect(view.getUint32(0, true)).toBe(0x46546c67); // "glTF"
  const length = view.getUint32(12, true);
  return JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + length))) as GlbJson;
}

function triangleCount(json: GlbJson): number {
  const primitive = json.meshes[0].primitives[0];
  return json.accessors[primitive.indices!].count / 3;
}

async function embeddedImage(glb: Uint8Array): Promise<{ bytes: Uint8Array; mimeType: string }> {
  const doc = await new NodeIO().readBinary(glb);
  const texture = doc.getRoot().listTextures()[0];
  return { bytes: texture.getImage()!, mimeType: texture.getMimeType() };
}

async function validate(glb: Uint8Array): Promise<ValidationReport["issues"]> {
  const { issues } = await validateBytes(glb);
  if (issues.numErrors + issues.numWarnings > 0) console.log(issues.messages.slice(0, 10));
  return issues;
}

describe("makeMesh", () => {
  let image: Buffer;

  beforeAll(async () => {
    image = await makeImage({
      prompt: "a ceramic vase with blue glaze",
      seed: 7,
      width: 1024,
      height: 1024,
      format: "png",
    });
  });

  it.each([1_000, 50_000, 500_000])(
    "makes a valid GLB of about %i triangles",
    async (faceCount) => {
      const started = performance.now();
      const glb = await makeMesh({ image, faceCount, prompt: "a ceramic vase", seed: 7 });
      const elapsed = performance.now() - started;

      const issues = await validate(glb);
      console.log(
        `makeMesh ${faceCount} faces: ${elapsed.toFixed(0)} ms, ${(glb.byteLength / 1e6).toFixed(2)} MB, ` +
          `validator errors=${issues.numErrors} warnings=${issues.numWarnings} infos=${issues.numInfos} hints=${issues.numHints}`,
      );
      expect(issues.numErrors).toBe(0);
      expect(issues.numWarnings).toBe(0);

      const json = readGlbJson(glb);
      expect(json.meshes).toHaveLength(1);
      expect(json.meshes[0].primitives).toHaveLength(1);
      const primitive = json.meshes[0].primitives[0];
      expect(Object.keys(primitive.attributes).sort()).toEqual([
        "NORMAL",
        "POSITION",
        "TEXCOORD_0",
      ]);
      const position = json.accessors[primitive.attributes.POSITION];
      expect(position.min).toHaveLength(3);
      expect(position.max).toHaveLength(3);
      const vertices = position.count;
      expect(json.accessors[primitive.indices!].componentType).toBe(
        vertices > 0xffff ? UNSIGNED_INT : UNSIGNED_SHORT,
      );

      const triangles = triangleCount(json);
      expect(Math.abs(triangles - faceCount) / faceCount).toBeLessThanOrEqual(0.02);
      expect(Math.abs(triangles - faceCount) / faceCount).toBeLessThanOrEqual(0.005);

      const texture = await embeddedImage(glb);
      expect(texture.mimeType).toBe("image/png");
      const meta = await sharp(texture.bytes).metadata();
      expect([meta.width, meta.height]).toEqual([1024, 1024]);
    },
  );

  it.each([100, 101, 997, 65_537, 123_457, 1_999_999, 2_000_000])(
    "hits %i faces within 0.5 % (1 % at the minimum)",
    async (faceCount) => {
      const glb = await makeMesh({ image, faceCount });
      const error = Math.abs(triangleCount(readGlbJson(glb)) - faceCount) / faceCount;
      expect(error).toBeLessThanOrEqual(faceCount < 200 ? 0.01 : 0.005);
    },
  );

  it("is deterministic and varies the shape with the seed", async () => {
    const [a, b, c] = await Promise.all([
      makeMesh({ image, faceCount: 5_000, prompt: "vase", seed: 1 }),
      makeMesh({ image, faceCount: 5_000, prompt: "vase", seed: 1 }),
      makeMesh({ image, faceCount: 5_000, prompt: "vase", seed: 2 }),
    ]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it("has unit normals", async () => {
    const doc = await new NodeIO().readBinary(await makeMesh({ image, faceCount: 20_000 }));
    const normals = doc.getRoot().listMeshes()[0].listPrimitives()[0].getAttribute("NORMAL")!;
    const array = normals.getArray()!;
    for (let i = 0; i < array.length; i += 3) {
      expect(Math.abs(Math.hypot(array[i], array[i + 1], array[i + 2]) - 1)).toBeLessThan(1e-5);
    }
  });

  it("re-encodes a WebP input as PNG at the same size", async () => {
    const webp = await makeImage({
      prompt: "a tin robot",
      seed: 3,
      width: 768,
      height: 1344,
      format: "webp",
    });
    const glb = await makeMesh({ image: webp, faceCount: 10_000 });
    expect((await validate(glb)).numErrors).toBe(0);
    const texture = await embeddedImage(glb);
    expect(texture.mimeType).toBe("image/png");
    const meta = await sharp(texture.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 768, 1344]);
  });

  it("embeds a JPEG input as it is", async () => {
    const jpeg = await makeImage({
      prompt: "a tin robot",
      seed: 3,
      width: 512,
      height: 512,
      format: "jpeg",
    });
    const texture = await embeddedImage(await makeMesh({ image: jpeg, faceCount: 1_000 }));
    expect(texture.mimeType).toBe("image/jpeg");
    expect(Buffer.from(texture.bytes).equals(jpeg)).toBe(true);
  });

  it("downscales a texture larger than 2048 px", async () => {
    const large = await sharp({
      create: { width: 3000, height: 1500, channels: 3, background: "#3a6ea5" },
    })
      .png()
      .toBuffer();
    const glb = await makeMesh({ image: large, faceCount: 1_000 });
    expect((await validate(glb)).numErrors).toBe(0);
    const meta = await sharp((await embeddedImage(glb)).bytes).metadata();
    expect([meta.width, meta.height]).toEqual([2048, 1024]);
  });

  it.each([99, 2_000_001, 1_000.5, Number.NaN, -5])("rejects faceCount %s", async (faceCount) => {
    await expect(makeMesh({ image, faceCount })).rejects.toBeInstanceOf(RangeError);
  });
});
