// Generation data written into real files and read back, by sharp and glTF-Transform as well as
// by the studio's own reader; the pictures and meshes themselves must not change.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { inspectGlb } from "@/lib/media/mesh/io";
import { buildSphereGlb } from "@/lib/media/mesh/test-fixtures";
import { embedInGlb } from "./glb";
import { embedInImage } from "./image";
import { readGenerationData } from "./read";
import { GENERATION_FORMAT, generationDataOf, type GenerationData } from "./schema";

const data: GenerationData = generationDataOf({
  id: "0b7c5d2e-0000-4000-8000-000000000001",
  model: "hunyuan-image",
  prompt: "A “quoted” fox & a hen <in> snow, 雪 🦊",
  negativePrompt: "blurry",
  seed: 4242,
  params: JSON.stringify({
    prompt: "A “quoted” fox & a hen <in> snow, 雪 🦊",
    seed: 4242,
    num_inference_steps: 30,
    input_image_url: "https://secret.example/token",
  }),
  createdAt: new Date("2026-01-02T03:04:05Z"),
});

async function picture(format: "png" | "jpeg" | "webp", options: object = {}) {
  const base = sharp({
    create: {
      width: 33,
      height: 17,
      channels: 4,
      background: { r: 200, g: 80, b: 20, alpha: 0.5 },
    },
  });
  return new Uint8Array(await base.toFormat(format, options).toBuffer());
}

async function pixels(bytes: Uint8Array) {
  return (await sharp(bytes).raw().toBuffer()).toString("base64");
}

async function embedded(bytes: Uint8Array, mime: string) {
  const meta = await sharp(bytes).metadata();
  return embedInImage(bytes, mime, data, {
    width: meta.width,
    height: meta.height,
    alpha: !!meta.hasAlpha,
  });
}

describe("generation data in images", () => {
  for (const [format, mime, options] of [
    ["png", "image/png", {}],
    ["jpeg", "image/jpeg", { quality: 80 }],
    ["webp", "image/webp", { quality: 70 }],
    ["webp", "image/webp", { lossless: true }],
  ] as const) {
    it(`${mime} ${JSON.stringify(options)}: read back, pixels unchanged, no input link`, async () => {
      const original = await picture(format, options);
      const out = await embedded(original, mime);
      expect(out.length).toBeGreaterThan(original.length);
      expect(await pixels(out)).toBe(await pixels(original));
      const read = await readGenerationData(out);
      expect(read).toEqual({ ok: true, data });
      expect(read.ok && read.data.params).not.toHaveProperty("input_image_url");
      const meta = await sharp(out).metadata();
      expect(meta.width).toBe(33);
      expect(meta.hasAlpha).toBe(format !== "jpeg");
      if (format === "png") {
        const text = meta.comments?.find((c) => c.keyword === "parameters")?.text;
        expect(text).toContain("Negative prompt: blurry");
        expect(text).toContain("Seed: 4242");
      } else {
        expect(meta.xmp?.toString("utf8")).toContain("dc:description");
      }
    });
  }

  it("says so for a file without data, a file of another kind, and an unknown model", async () => {
    const plain = await readGenerationData(await picture("png"));
    expect(plain).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no generation data/),
    });
    const text = await readGenerationData(new TextEncoder().encode("just some text"));
    expect(text).toMatchObject({ ok: false, message: expect.stringMatching(/not a PNG/) });
    const alien = embedInImage(
      await picture("png"),
      "image/png",
      { ...data, model: "dall-e-9" },
      {
        width: 33,
        height: 17,
        alpha: true,
      },
    );
    expect(await readGenerationData(alien)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/model the studio does not know \(“dall-e-9”\)/),
    });
  });
});

describe("generation data in GLB", () => {
  it("sits in asset.extras, the mesh unchanged", async () => {
    const { glb, triangles } = await buildSphereGlb({ triangles: 500, textureSize: 8 });
    const out = embedInGlb(glb, { ...data, model: "hunyuan3d-3-0-api-294" });
    expect(out.length % 4).toBe(0);
    expect((await inspectGlb(out)).triangles).toBe(triangles);
    const read = await readGenerationData(out);
    expect(read.ok && read.data.format).toBe(GENERATION_FORMAT);
    expect(read.ok && read.data.model).toBe("hunyuan3d-3-0-api-294");
    expect(read.ok && read.data.prompt).toBe(data.prompt);
  });
});
