// The layers of a sandbox picture, each painted in turn into one float RGB buffer (0 to 1): sky with
// sun glow and clouds, soft orbs, ridges, a mirroring lake, then grain and vignette.
import { ValueNoise1D, ValueNoise2D, clamp01, lerp } from "./image-math";
import type { Palette, Rgb } from "./image-palette";
import type { Rng } from "./prng";

const GRAIN_TILE = 256;

interface Disc {
  x: number;
  y: number;
  r: number;
  wobble: number[];
}

export function paintSky(
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
export function paintOrb(
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

export function makeRidge(
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

export function paintRidge(
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

export function paintLake(
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
export function finish(
  rgb: Float32Array,
  width: number,
  height: number,
  grain: number,
  rng: Rng,
): Buffer {
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
