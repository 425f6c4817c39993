// Deterministic "generative" pictures for the sandbox gateway: a layered landscape (sky, sun,
// clouds, ridges, orbs, optional lake, grain) whose palette and style come from the prompt and
// whose arrangement comes from the seed and index.
import sharp from "sharp";
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

type Rgb = [number, number, number];

const MIN_SIDE = 64;
const MAX_SIDE = 2048;
const GRAIN_TILE = 256;

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

interface Palette {
  skyTop: Rgb;
  skyHorizon: Rgb;
  sun: Rgb;
  cloud: Rgb;
  ridges: Rgb[];
  accents: Rgb[];
  water: Rgb;
}

const MOODS = [
  { top: 0.32, horizon: 0.78, chroma: 0.1 }, // dusk
  { top: 0.62, horizon: 0.9, chroma: 0.08 }, // day
  { top: 0.2, horizon: 0.5, chroma: 0.09 }, // night
  { top: 0.5, horizon: 0.86, chroma: 0.12 }, // dawn
  { top: 0.82, horizon: 0.94, chroma: 0.05 }, // mist
];
const SCHEMES = [30, 150, 180, 120, -40, 60];

function makePalette(style: Rng): Palette {
  const hue = style() * 360;
  const accentHue = hue + SCHEMES[Math.floor(style() * SCHEMES.length)];
  const mood = MOODS[Math.floor(style() * MOODS.length)];
  const skyTop = oklch(mood.top, mood.chroma, hue + 20);
  const skyHorizon = oklch(mood.horizon, mood.chroma * 1.2, lerp(hue, accentHue, 0.5));
  const dark = mood.top < 0.4;
  const ridges = Array.from({ length: 4 }, (_, i) => {
    const near = i / 3;
    const lightness = lerp(mood.horizon * 0.8, dark ? 0.2 : 0.32, near);
    return oklch(lightness, lerp(0.04, 0.1, near), lerp(hue + 10, hue - 25, near));
  });
  return {
    skyTop,
    skyHorizon,
    sun: oklch(Math.min(0.97, mood.horizon + 0.12), 0.11, accentHue + 15),
    cloud: oklch(Math.min(0.98, mood.horizon + 0.08), 0.03, hue),
    ridges,
    accents: [
      oklch(0.78, 0.14, accentHue),
      oklch(0.68, 0.15, accentHue + 35),
      oklch(0.88, 0.08, hue - 30),
      oklch(0.62, 0.12, hue + 180),
    ],
    water: oklch(lerp(mood.top, mood.horizon, 0.4), mood.chroma, hue + 5),
  };
}

interface Disc {
  x: number;
  y: number;
  r: number;
  wobble: number[];
}

function paintSky(
  rgb: Float32Array,
  width: number,
  height: number,
  horizon: number,
  sun: { x: number; y: number; r: number },
  palette: Palette,
  cloudiness: number,
  layout: Rng,
): void {
  const { skyTop: top, skyHorizon: low, sun: glow, cloud } = palette;
  const clouds = new ValueNoise2D(layout);
  const glowRadius = sun.r * 5;
  const inv = 1 / (glowRadius * glowRadius);
  const stretch = Math.max(width, height);
  // Clouds are smooth, so they are sampled every few pixels and interpolated along the row.
  const step = 4;
  const coarse = new Float32Array(Math.ceil(width / step) + 2);
  for (let y = 0; y < height; y++) {
    const t = Math.min(1, y / horizon);
    const k = t * t * (3 - 2 * t);
    const r0 = lerp(top[0], low[0], k);
    const g0 = lerp(top[1], low[1], k);
    const b0 = lerp(top[2], low[2], k);
    const dy2 = (y - sun.y) * (y - sun.y) * inv;
    const cloudBand = Math.max(0, 1 - Math.abs(t - 0.45) * 1.8) * cloudiness;
    if (cloudBand > 0) {
      const ny = (y / stretch) * 9;
      for (let c = 0; c < coarse.length; c++) {
        const v = clouds.sample(((c * step) / stretch) * 2.2, ny);
        coarse[c] = v > 0.55 ? Math.min(1, (v - 0.55) * 4) * cloudBand : 0;
      }
    }
    let i = y * width * 3;
    for (let x = 0; x < width; x++, i += 3) {
      const dx = x - sun.x;
      // (1 - d/4)^4 stands in for exp(-d): same soft falloff, far cheaper per pixel.
      const f = 1 - (dx * dx * inv + dy2) * 0.25;
      const g = f > 0 ? f * f * f * f * 0.55 : 0;
      let c = 0;
      if (cloudBand > 0) {
        const p = x / step;
        const j = p | 0;
        c = coarse[j] + (coarse[j + 1] - coarse[j]) * (p - j);
      }
      const r = r0 + (glow[0] - r0) * g;
      const gg = g0 + (glow[1] - g0) * g;
      const b = b0 + (glow[2] - b0) * g;
      rgb[i] = r + (cloud[0] - r) * c;
      rgb[i + 1] = gg + (cloud[1] - gg) * c;
      rgb[i + 2] = b + (cloud[2] - b) * c;
    }
  }
}

// A soft-edged disc whose radius wobbles with angle; `shade` darkens the far side so orbs read as
// lit from the upper left.
function paintOrb(
  rgb: Float32Array,
  width: number,
  height: number,
  orb: Disc,
  colour: Rgb,
  alpha: number,
  shade: number,
): void {
  const [a2, p2, a3, p3] = orb.wobble;
  const reach = orb.r * (1 + a2 + a3) + 2;
  const x0 = Math.max(0, Math.floor(orb.x - reach));
  const x1 = Math.min(width - 1, Math.ceil(orb.x + reach));
  const y0 = Math.max(0, Math.floor(orb.y - reach));
  const y1 = Math.min(height - 1, Math.ceil(orb.y + reach));
  const feather = Math.max(1.2, orb.r * 0.02);
  const reach2 = reach * reach;
  const c2 = Math.cos(p2);
  const s2 = Math.sin(p2);
  const c3 = Math.cos(p3);
  const s3 = Math.sin(p3);
  for (let y = y0; y <= y1; y++) {
    const dy = y - orb.y;
    let i = (y * width + x0) * 3;
    for (let x = x0; x <= x1; x++, i += 3) {
      const dx = x - orb.x;
      const d2 = dx * dx + dy * dy;
      if (d2 > reach2) continue;
      const d = Math.sqrt(d2);
      // sin(2θ + p) and sin(3θ + p) from the direction cosines, avoiding atan2 per pixel.
      const cs = d > 0 ? dx / d : 1;
      const sn = d > 0 ? dy / d : 0;
      const sin2 = 2 * sn * cs * c2 + (cs * cs - sn * sn) * s2;
      const sin3 = (3 * sn - 4 * sn * sn * sn) * c3 + (4 * cs * cs * cs - 3 * cs) * s3;
      const edge = orb.r * (1 + a2 * sin2 + a3 * sin3);
      const cover = clamp01((edge - d) / feather + 0.5) * alpha;
      if (cover <= 0) continue;
      const light = 1 - shade * clamp01((dx + dy) / (orb.r * 2.8) + 0.5);
      rgb[i] += (colour[0] * light - rgb[i]) * cover;
      rgb[i + 1] += (colour[1] * light - rgb[i + 1]) * cover;
      rgb[i + 2] += (colour[2] * light - rgb[i + 2]) * cover;
    }
  }
}

function makeRidge(
  width: number,
  unit: number,
  base: number,
  near: number,
  roughness: number,
  layout: Rng,
): Float32Array {
  const ridge = new Float32Array(width);
  const amplitude = unit * lerp(0.06, 0.16, layout()) * lerp(1, 0.6, near);
  const octaves = [new ValueNoise1D(layout, 3 + Math.floor(layout() * 3))];
  octaves.push(new ValueNoise1D(layout, 9 + Math.floor(layout() * 6)));
  octaves.push(new ValueNoise1D(layout, 28));
  const sharp = roughness > 0.5;
  for (let x = 0; x < width; x++) {
    const u = x / width;
    let n = octaves[0].sample(u) + octaves[1].sample(u) * 0.35 * (0.5 + roughness);
    n += octaves[2].sample(u) * 0.08 * roughness;
    // Folding the noise turns rolling dunes into peaks for the rougher styles.
    if (sharp) n = 1 - Math.abs(n * 2 - 1);
    ridge[x] = base - n * amplitude;
  }
  return ridge;
}

function paintRidge(
  rgb: Float32Array,
  width: number,
  bottom: number,
  ridge: Float32Array,
  colour: Rgb,
  near: number,
): void {
  const shadow = lerp(0.75, 0.55, near);
  for (let x = 0; x < width; x++) {
    const top = ridge[x];
    const span = Math.max(1, bottom - top);
    const start = Math.max(0, Math.floor(top));
    // Measuring the edge across the slope, not just vertically, antialiases steep flanks too.
    const slope = (ridge[Math.min(width - 1, x + 1)] - ridge[Math.max(0, x - 1)]) * 0.5;
    const across = 1 / Math.sqrt(1 + slope * slope);
    for (let y = start; y < bottom; y++) {
      const cover = clamp01((y - top) * across + 0.5);
      if (cover <= 0) continue;
      const depth = Math.max(0, y - top) / span;
      const light = lerp(1.08, shadow, Math.sqrt(depth));
      const i = (y * width + x) * 3;
      rgb[i] += (colour[0] * light - rgb[i]) * cover;
      rgb[i + 1] += (colour[1] * light - rgb[i + 1]) * cover;
      rgb[i + 2] += (colour[2] * light - rgb[i + 2]) * cover;
    }
  }
}

function paintLake(
  rgb: Float32Array,
  width: number,
  height: number,
  waterline: number,
  tint: Rgb,
  unit: number,
  layout: Rng,
): void {
  const phase = layout() * 100;
  const ripple = unit * 0.006;
  for (let y = waterline; y < height; y++) {
    const depth = (y - waterline) / Math.max(1, height - waterline);
    const source = Math.max(0, 2 * waterline - y - 1);
    const shift = Math.round(Math.sin(y * 0.45 + phase) * ripple * (0.3 + depth));
    const mix = lerp(0.25, 0.6, depth);
    const dst = y * width * 3;
    const src = source * width * 3;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(width - 1, Math.max(0, x + shift));
      const i = dst + x * 3;
      const j = src + sx * 3;
      rgb[i] = lerp(rgb[j] * 0.92, tint[0], mix);
      rgb[i + 1] = lerp(rgb[j + 1] * 0.92, tint[1], mix);
      rgb[i + 2] = lerp(rgb[j + 2] * 0.95, tint[2], mix);
    }
  }
}

// Grain also dithers the gradients, which would otherwise band after 8-bit quantisation. A small
// tile of noise read at a random offset per row is as good to the eye as per-pixel hashing.
function finish(rgb: Float32Array, width: number, height: number, grain: number, rng: Rng): Buffer {
  const tile = Float32Array.from({ length: GRAIN_TILE * GRAIN_TILE }, () => (rng() - 0.5) * grain);
  const out = new Uint8ClampedArray(width * height * 3);
  const cx = width / 2;
  const cy = height / 2;
  const strength = 0.28 / (cx * cx + cy * cy);
  const columnFade = Float32Array.from({ length: width }, (_, x) => (x - cx) * (x - cx) * strength);
  const mask = GRAIN_TILE - 1;
  for (let y = 0; y < height; y++) {
    const rowFade = 1 - (y - cy) * (y - cy) * strength;
    const row = (y & mask) * GRAIN_TILE;
    const offset = (rng() * GRAIN_TILE) | 0;
    let i = y * width * 3;
    for (let x = 0; x < width; x++, i += 3) {
      const vignette = (rowFade - columnFade[x]) * 255;
      const n = tile[row + ((x + offset) & mask)];
      out[i] = (rgb[i] + n) * vignette;
      out[i + 1] = (rgb[i + 1] + n) * vignette;
      out[i + 2] = (rgb[i + 2] + n) * vignette;
    }
  }
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

class ValueNoise1D {
  private readonly values: Float32Array;

  constructor(
    rng: Rng,
    private readonly cells: number,
  ) {
    this.values = Float32Array.from({ length: cells + 1 }, rng);
  }

  sample(u: number): number {
    const p = u * this.cells;
    const i = Math.min(this.cells - 1, Math.floor(p));
    const f = p - i;
    const s = f * f * (3 - 2 * f);
    return this.values[i] + (this.values[i + 1] - this.values[i]) * s;
  }
}

class ValueNoise2D {
  private static readonly SIZE = 32;
  private readonly values: Float32Array;

  constructor(rng: Rng) {
    this.values = Float32Array.from({ length: ValueNoise2D.SIZE ** 2 }, rng);
  }

  // Two octaves of smooth value noise, wrapped so any non-negative coordinate is valid.
  sample(x: number, y: number): number {
    return this.layer(x, y) * 0.7 + this.layer(x * 2.3 + 7.1, y * 2.3 + 3.7) * 0.3;
  }

  private layer(x: number, y: number): number {
    const n = ValueNoise2D.SIZE;
    const fx = Math.floor(x);
    const fy = Math.floor(y);
    const tx = x - fx;
    const ty = y - fy;
    const sx = tx * tx * (3 - 2 * tx);
    const sy = ty * ty * (3 - 2 * ty);
    const x0 = fx & (n - 1);
    const y0 = fy & (n - 1);
    const x1 = (x0 + 1) & (n - 1);
    const y1 = (y0 + 1) & (n - 1);
    const v = this.values;
    const a = v[y0 * n + x0] + (v[y0 * n + x1] - v[y0 * n + x0]) * sx;
    const b = v[y1 * n + x0] + (v[y1 * n + x1] - v[y1 * n + x0]) * sx;
    return a + (b - a) * sy;
  }
}

// OKLCH keeps palettes even in perceived lightness whatever the hue; out-of-gamut colours lose
// chroma rather than clipping to a different hue.
function oklch(l: number, c: number, hueDegrees: number): Rgb {
  const h = (hueDegrees * Math.PI) / 180;
  for (let chroma = c; ; chroma *= 0.85) {
    const a = chroma * Math.cos(h);
    const b = chroma * Math.sin(h);
    const l_ = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
    const m_ = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
    const s_ = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
    const lin = [
      4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
      -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
      -0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_,
    ];
    if (chroma < 0.005 || lin.every((v) => v >= -0.001 && v <= 1.001)) {
      return lin.map((v) => {
        const x = clamp01(v);
        return x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055;
      }) as Rgb;
    }
  }
}

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
