// Deterministic "generative" pictures for the sandbox gateway: a layered landscape (sky, sun,
// clouds, ridges, orbs, optional lake, grain) whose palette and style come from the prompt and
// whose arrangement comes from the seed and index. This module composes the scene and encodes
// it; the layers are drawn in image-layers.ts.
import sharp from "sharp";
import { finish, makeRidge, paintLake, paintOrb, paintRidge, paintSky } from "./image-layers";
import { lerp } from "./image-math";
import { makePalette } from "./image-palette";
import { hashString, mulberry32, type Rng } from "./prng";

export type ImageFormat = "png" | "jpeg" | "webp";

export interface ImageSpec {
  prompt: string;
  seed: number;
  width: number;
  height: number;
  format: ImageFormat;
  index?: number;
  negativePrompt?: string;
}

const MIN_SIDE = 64;
const MAX_SIDE = 2048;

export async function makeImage(spec: ImageSpec): Promise<Buffer> {
  const { width, height, format } = spec;
  checkSide("width", width);
  checkSide("height", height);
  if (format !== "png" && format !== "jpeg" && format !== "webp") {
    throw new RangeError(`Unsupported image format: ${String(format)}`);
  }

  // The prompt alone fixes the look, so a batch for one prompt reads as one family.
  const styleRng = mulberry32(hashString(`style\u0000${spec.prompt}`));
  const layoutRng = mulberry32(
    hashString(
      `layout\u0000${spec.prompt}\u0000${spec.seed}\u0000${spec.index ?? 0}\u0000${spec.negativePrompt ?? ""}`,
    ),
  );
  const pixels = paint(width, height, styleRng, layoutRng);

  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  if (format === "png") return image.png({ compressionLevel: 6 }).toBuffer();
  if (format === "jpeg") return image.jpeg({ quality: 90 }).toBuffer();
  return image.webp({ quality: 88, effort: 2 }).toBuffer();
}

function checkSide(name: string, value: number): void {
  if (!Number.isInteger(value) || value < MIN_SIDE || value > MAX_SIDE) {
    throw new RangeError(
      `${name} must be an integer from ${MIN_SIDE} to ${MAX_SIDE}, got ${value}`,
    );
  }
}

function paint(width: number, height: number, style: Rng, layout: Rng): Buffer {
  const palette = makePalette(style);
  const unit = Math.min(width, height);
  const rgb = new Float32Array(width * height * 3);

  const horizon = Math.round(height * lerp(0.52, 0.7, style()));
  const ridgeCount = 2 + Math.floor(style() * 3);
  const roughness = style();
  const hasLake = style() < 0.4;
  const orbCount = 3 + Math.floor(style() * 5);
  const cloudiness = lerp(0.15, 0.6, style());
  const grain = lerp(0.025, 0.05, style());

  const sun = {
    x: width * lerp(0.15, 0.85, layout()),
    y: horizon - height * lerp(0.12, 0.4, layout()),
    r: unit * lerp(0.06, 0.13, layout()),
  };

  paintSky(rgb, width, height, horizon, sun, palette, cloudiness, layout);
  paintOrb(
    rgb,
    width,
    height,
    { x: sun.x, y: sun.y, r: sun.r, wobble: [0, 0, 0, 0] },
    palette.sun,
    1,
    0,
  );

  const orbs = Array.from({ length: orbCount }, () => ({
    x: width * layout(),
    y: lerp(0.08 * height, horizon + 0.15 * height, layout()),
    r: unit * lerp(0.03, 0.16, layout()) * (layout() < 0.2 ? 1.6 : 1),
    wobble: [layout() * 0.12, layout() * Math.PI * 2, layout() * 0.08, layout() * Math.PI * 2],
    colour: palette.accents[Math.floor(layout() * palette.accents.length)],
    alpha: lerp(0.45, 0.9, layout()),
    depth: Math.floor(layout() * ridgeCount),
  }));

  // Lakes mirror the scene above them, so the nearest ridge stops at the waterline.
  const waterline = hasLake ? Math.round(lerp(horizon, height, 0.35)) : height;
  for (let layer = 0; layer < ridgeCount; layer++) {
    for (const orb of orbs) {
      if (orb.depth === layer) paintOrb(rgb, width, waterline, orb, orb.colour, orb.alpha, 0.35);
    }
    const near = layer / (ridgeCount - 1);
    const base = horizon + (waterline - horizon) * (hasLake ? near * 0.15 : near * 0.55);
    const ridge = makeRidge(width, unit, base, near, roughness, layout);
    paintRidge(rgb, width, waterline, ridge, palette.ridges[Math.round(near * 3)], near);
  }
  if (hasLake) paintLake(rgb, width, height, waterline, palette.water, unit, layout);

  return finish(rgb, width, height, grain, layout);
}
