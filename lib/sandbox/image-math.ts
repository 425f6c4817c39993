// Small numeric helpers for the image maker: interpolation and smooth value noise.
import type { Rng } from "./prng";

export class ValueNoise1D {
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

export class ValueNoise2D {
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

export function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

export function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
