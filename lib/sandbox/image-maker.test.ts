import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { makeImage, type ImageFormat, type ImageSpec } from "./image-maker";

const spec: ImageSpec = {
  prompt: "a lighthouse on a cliff at dusk",
  seed: 42,
  width: 1344,
  height: 768,
  format: "png",
};

async function meanColour(bytes: Buffer): Promise<number[]> {
  const { channels } = await sharp(bytes).stats();
  return channels.slice(0, 3).map((channel) => channel.mean);
}

// Mean absolute difference per channel value (0..255) between two images at thumbnail size.
async function pixelDistance(a: Buffer, b: Buffer): Promise<number> {
  const thumb = (bytes: Buffer) => sharp(bytes).resize(64, 64, { fit: "fill" }).raw().toBuffer();
  const [pa, pb] = await Promise.all([thumb(a), thumb(b)]);
  let sum = 0;
  for (let i = 0; i < pa.length; i++) sum += Math.abs(pa[i] - pb[i]);
  return sum / pa.length;
}

describe("makeImage", () => {
  it.each<ImageFormat>(["png", "jpeg", "webp"])(
    "encodes %s at exactly the requested size",
    async (format) => {
      const bytes = await makeImage({ ...spec, format });
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe(format);
      expect(meta.width).toBe(1344);
      expect(meta.height).toBe(768);
    },
  );

  it.each([
    [64, 64],
    [512, 512],
    [576, 1024],
    [1024, 576],
    [768, 1344],
    [2048, 2048],
    [97, 2048],
  ])("handles %ix%i", async (width, height) => {
    const meta = await sharp(
      await makeImage({ ...spec, width, height, format: "jpeg" }),
    ).metadata();
    expect([meta.width, meta.height]).toEqual([width, height]);
  });

  it.each<ImageFormat>(["png", "jpeg", "webp"])(
    "is byte-identical for the same %s spec",
    async (format) => {
      const [a, b] = await Promise.all([
        makeImage({ ...spec, format }),
        makeImage({ ...spec, format }),
      ]);
      expect(a.equals(b)).toBe(true);
    },
  );

  it("looks substantially different for a different prompt", async () => {
    const a = await makeImage(spec);
    const b = await makeImage({ ...spec, prompt: "a bowl of lemons on a marble table" });
    expect(a.equals(b)).toBe(false);
    const [ma, mb] = await Promise.all([meanColour(a), meanColour(b)]);
    const meanShift = Math.hypot(ma[0] - mb[0], ma[1] - mb[1], ma[2] - mb[2]);
    expect(meanShift).toBeGreaterThan(15);
    expect(await pixelDistance(a, b)).toBeGreaterThan(20);
  });

  it("rearranges the picture for a different seed, index or negative prompt", async () => {
    const a = await makeImage(spec);
    const variants = await Promise.all([
      makeImage({ ...spec, seed: 43 }),
      makeImage({ ...spec, index: 1 }),
      makeImage({ ...spec, negativePrompt: "blurry" }),
    ]);
    for (const variant of variants) {
      expect(variant.equals(a)).toBe(false);
      expect(await pixelDistance(a, variant)).toBeGreaterThan(3);
    }
  });

  it("is not a flat fill", async () => {
    const { channels } = await sharp(await makeImage(spec)).stats();
    for (const channel of channels.slice(0, 3)) expect(channel.stdev).toBeGreaterThan(10);
  });

  it.each([
    { width: 63, height: 512 },
    { width: 512, height: 2049 },
    { width: 512.5, height: 512 },
    { width: Number.NaN, height: 512 },
  ])("rejects $width x $height", async ({ width, height }) => {
    await expect(makeImage({ ...spec, width, height })).rejects.toBeInstanceOf(RangeError);
  });

  it("rejects an unknown format", async () => {
    await expect(makeImage({ ...spec, format: "gif" as ImageFormat })).rejects.toBeInstanceOf(
      RangeError,
    );
  });

  it("reports how long common sizes take", async () => {
    await makeImage({ ...spec, width: 256, height: 256 }); // warm up the JIT
    const rows: string[] = [];
    for (const [width, height] of [
      [1024, 1024],
      [1344, 768],
      [768, 1344],
      [512, 512],
    ]) {
      for (const format of ["png", "jpeg", "webp"] as const) {
        const started = performance.now();
        await makeImage({ ...spec, width, height, format, seed: width + height });
        rows.push(`${width}x${height} ${format}: ${(performance.now() - started).toFixed(0)} ms`);
      }
    }
    console.log(`makeImage timings\n${rows.join("\n")}`);
  });
});
