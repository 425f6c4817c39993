// The relief a sandbox mesh takes from its input image: brightness on a coarse grid, sampled
// back with smooth cubic B-splines.
import sharp from "sharp";

const RELIEF_WIDTH = 64;
const RELIEF_HEIGHT = 32;

export interface Relief {
  values: Float32Array;
  width: number;
  height: number;
}

// Downscaled in two steps so the relief keeps sub-8-bit precision; 8-bit steps would show as
// terraces in the shading of smooth gradients.
export async function sampleRelief(image: Buffer): Promise<Relief> {
  const scale = 4;
  const { data, info } = await sharp(image)
    .autoOrient()
    .flatten({ background: "#808080" })
    .resize(RELIEF_WIDTH * scale, RELIEF_HEIGHT * scale, { fit: "fill" })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const values = new Float32Array(RELIEF_WIDTH * RELIEF_HEIGHT);
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const cell = Math.floor(y / scale) * RELIEF_WIDTH + Math.floor(x / scale);
      values[cell] += data[(y * info.width + x) * info.channels];
    }
  }
  for (let i = 0; i < values.length; i++) values[i] /= 255 * scale * scale;
  return { values, width: RELIEF_WIDTH, height: RELIEF_HEIGHT };
}

// Cubic B-spline weights: unlike bilinear sampling they give a surface with continuous slope, so
// the relief shades smoothly instead of showing a crease at every sample.
function splineWeights(f: number, out: Float64Array): void {
  const f2 = f * f;
  const f3 = f2 * f;
  out[0] = (1 - 3 * f + 3 * f2 - f3) / 6;
  out[1] = (3 * f3 - 6 * f2 + 4) / 6;
  out[2] = (-3 * f3 + 3 * f2 + 3 * f + 1) / 6;
  out[3] = f3 / 6;
}

// Samples the relief along one ring (v = t) at `columns + 1` evenly spaced u values.
export function sampleReliefRow(
  relief: Relief,
  t: number,
  out: Float64Array,
  columns: number,
): void {
  const { values, width, height } = relief;
  const weights = new Float64Array(4);
  const line = new Float64Array(width);
  const y = t * (height - 1);
  const y0 = Math.floor(y);
  splineWeights(y - y0, weights);
  for (let k = 0; k < 4; k++) {
    const row = Math.min(height - 1, Math.max(0, y0 - 1 + k)) * width;
    for (let x = 0; x < width; x++) line[x] += weights[k] * values[row + x];
  }
  for (let j = 0; j <= columns; j++) {
    const x = (j / columns) * (width - 1);
    const x0 = Math.floor(x);
    splineWeights(x - x0, weights);
    let sum = 0;
    for (let k = 0; k < 4; k++)
      sum += weights[k] * line[Math.min(width - 1, Math.max(0, x0 - 1 + k))];
    out[j] = sum;
  }
}
