// The sandbox mesh's shape: a lathe grid sized to the requested face count, a seeded profile and
// wobble, the image's relief pressed into the surface, and smooth normals across seam and poles.
import { sampleReliefRow, type Relief } from "./mesh-relief";

const RELIEF_DEPTH = 0.14;

interface Grid {
  columns: number;
  rings: number;
}

// A closed lathe with `rings` interior rings of `columns` segments has 2 * columns * rings
// triangles (a fan at each pole plus quads between rings), so pick the factor pair nearest the
// request, preferring about twice as many columns as rings so quads stay roughly square.
export function chooseGrid(faceCount: number): Grid {
  const ideal = Math.sqrt(faceCount);
  let best: Grid = { columns: 3, rings: 2 };
  let bestError = Infinity;
  let bestAspect = Infinity;
  for (let columns = Math.floor(ideal * 0.6); columns <= Math.ceil(ideal * 1.6); columns++) {
    const rings = Math.max(2, Math.round(faceCount / (2 * columns)));
    const error = Math.abs(2 * columns * rings - faceCount);
    const aspect = Math.abs(Math.log(columns / (2 * rings)));
    if (error < bestError || (error === bestError && aspect < bestAspect)) {
      best = { columns, rings };
      bestError = error;
      bestAspect = aspect;
    }
  }
  return best;
}

export interface Geometry {
  positions: Float32Array<ArrayBuffer>;
  normals: Float32Array<ArrayBuffer>;
  uvs: Float32Array<ArrayBuffer>;
  indices: Uint16Array<ArrayBuffer> | Uint32Array<ArrayBuffer>;
}

// Vertex layout: `columns` north-pole copies, then `rings` rings of `columns + 1` vertices (the
// last repeats the first, at u = 1, for the texture seam), then `columns` south-pole copies. Each
// pole copy sits under its own fan triangle so the texture does not pinch to one texel.
export function buildGeometry(
  { columns, rings }: Grid,
  relief: Relief,
  rng: () => number,
): Geometry {
  const stride = columns + 1;
  const northBase = 0;
  const ringBase = columns;
  const southBase = ringBase + rings * stride;
  const vertexCount = southBase + columns;

  const positions = new Float32Array(vertexCount * 3);
  const uvs = new Float32Array(vertexCount * 2);

  // Seeded shape: a lathe profile (vase, gourd, pebble) plus a few separable wobble harmonics,
  // integer in longitude so the surface closes at the seam.
  const height = 0.8 + rng() * 0.6;
  const profile = [0, 1, 2, 3].map(() => ({
    amount: (rng() - 0.5) * 0.3,
    phase: rng() * Math.PI * 2,
  }));
  const wobble = [0, 1, 2, 3].map((k) => ({
    amount: (0.05 + rng() * 0.05) / (k + 1),
    around: 1 + Math.floor(rng() * (3 + k)),
    along: 1 + rng() * 3,
    phaseAround: rng() * Math.PI * 2,
    phaseAlong: rng() * Math.PI * 2,
  }));

  const cosAround = new Float64Array(stride);
  const sinAround = new Float64Array(stride);
  const wobbleAround = wobble.map(() => new Float64Array(stride));
  for (let j = 0; j <= columns; j++) {
    const u = j / columns;
    const phi = u * Math.PI * 2;
    cosAround[j] = Math.cos(phi);
    // Negative so u runs left to right when the surface is seen from outside (no mirrored image).
    sinAround[j] = -Math.sin(phi);
    wobble.forEach((w, k) => {
      wobbleAround[k][j] = w.amount * Math.cos(w.around * phi + w.phaseAround);
    });
  }
  // u = 0 and u = 1 agree only up to rounding; pin them so the seam's twin vertices coincide.
  for (const table of [cosAround, sinAround, ...wobbleAround]) table[columns] = table[0];

  const ringRadius = (t: number) => {
    let r = 1;
    profile.forEach((p, k) => (r += p.amount * Math.cos((k + 1) * Math.PI * t + p.phase)));
    return Math.max(0.35, r);
  };

  const row = new Float64Array(stride);
  for (let i = 0; i < rings; i++) {
    const t = (i + 1) / (rings + 1);
    const theta = t * Math.PI;
    const sinTheta = Math.sin(theta);
    const cosTheta = Math.cos(theta);
    const base = ringRadius(t);
    const wobbleAlong = wobble.map((w) => Math.cos(w.along * Math.PI * t + w.phaseAlong));

    sampleReliefRow(relief, t, row, columns);
    // Tilt the row so its ends meet: image edges rarely match, and a mismatch would tear the seam.
    const drift = row[columns] - row[0];
    for (let j = 0; j <= columns; j++) row[j] -= (drift * j) / columns;

    let p = (ringBase + i * stride) * 3;
    let q = (ringBase + i * stride) * 2;
    for (let j = 0; j <= columns; j++, p += 3, q += 2) {
      let offset = (row[j] - 0.5) * RELIEF_DEPTH;
      for (let k = 0; k < wobble.length; k++) offset += wobbleAround[k][j] * wobbleAlong[k];
      // Height depends on theta alone, so the profile can never fold over itself.
      const r = base * (1 + offset) * sinTheta;
      positions[p] = r * cosAround[j];
      positions[p + 1] = cosTheta * height;
      positions[p + 2] = r * sinAround[j];
      uvs[q] = j / columns;
      uvs[q + 1] = t;
    }
  }
  for (let j = 0; j < columns; j++) {
    positions[(northBase + j) * 3 + 1] = height;
    positions[(southBase + j) * 3 + 1] = -height;
    uvs[(northBase + j) * 2] = (j + 0.5) / columns;
    uvs[(southBase + j) * 2] = (j + 0.5) / columns;
    uvs[(southBase + j) * 2 + 1] = 1;
  }

  const triangleCount = 2 * columns * rings;
  const indices =
    vertexCount > 0xffff ? new Uint32Array(triangleCount * 3) : new Uint16Array(triangleCount * 3);
  let n = 0;
  // Counter-clockwise seen from outside: rows run top to bottom, columns left to right.
  for (let j = 0; j < columns; j++) {
    indices[n++] = northBase + j;
    indices[n++] = ringBase + j;
    indices[n++] = ringBase + j + 1;
  }
  for (let i = 0; i + 1 < rings; i++) {
    const top = ringBase + i * stride;
    const bottom = top + stride;
    for (let j = 0; j < columns; j++) {
      indices[n++] = top + j;
      indices[n++] = bottom + j;
      indices[n++] = bottom + j + 1;
      indices[n++] = top + j;
      indices[n++] = bottom + j + 1;
      indices[n++] = top + j + 1;
    }
  }
  const last = ringBase + (rings - 1) * stride;
  for (let j = 0; j < columns; j++) {
    indices[n++] = last + j;
    indices[n++] = southBase + j;
    indices[n++] = last + j + 1;
  }

  const normals = computeNormals(positions, indices, {
    columns,
    rings,
    stride,
    ringBase,
    southBase,
  });
  return { positions, normals, uvs, indices };
}

interface Layout {
  columns: number;
  rings: number;
  stride: number;
  ringBase: number;
  southBase: number;
}

// Area-weighted face normals, then welded across the seam and at each pole so the duplicated
// vertices shade as one smooth surface.
function computeNormals(
  positions: Float32Array,
  indices: Uint16Array | Uint32Array,
  { columns, rings, stride, ringBase, southBase }: Layout,
): Float32Array<ArrayBuffer> {
  const sum = new Float64Array(positions.length);
  for (let n = 0; n < indices.length; n += 3) {
    const a = indices[n] * 3;
    const b = indices[n + 1] * 3;
    const c = indices[n + 2] * 3;
    const abx = positions[b] - positions[a];
    const aby = positions[b + 1] - positions[a + 1];
    const abz = positions[b + 2] - positions[a + 2];
    const acx = positions[c] - positions[a];
    const acy = positions[c + 1] - positions[a + 1];
    const acz = positions[c + 2] - positions[a + 2];
    const nx = aby * acz - abz * acy;
    const ny = abz * acx - abx * acz;
    const nz = abx * acy - aby * acx;
    sum[a] += nx;
    sum[a + 1] += ny;
    sum[a + 2] += nz;
    sum[b] += nx;
    sum[b + 1] += ny;
    sum[b + 2] += nz;
    sum[c] += nx;
    sum[c + 1] += ny;
    sum[c + 2] += nz;
  }
  for (let i = 0; i < rings; i++) {
    const first = (ringBase + i * stride) * 3;
    const seam = first + columns * 3;
    for (let k = 0; k < 3; k++) {
      const shared = sum[first + k] + sum[seam + k];
      sum[first + k] = shared;
      sum[seam + k] = shared;
    }
  }
  for (const base of [0, southBase]) {
    const pole = [0, 0, 0];
    for (let j = 0; j < columns; j++) {
      for (let k = 0; k < 3; k++) pole[k] += sum[(base + j) * 3 + k];
    }
    for (let j = 0; j < columns; j++) {
      for (let k = 0; k < 3; k++) sum[(base + j) * 3 + k] = pole[k];
    }
  }
  const normals = new Float32Array(positions.length);
  for (let p = 0; p < sum.length; p += 3) {
    const length = Math.hypot(sum[p], sum[p + 1], sum[p + 2]);
    if (length > 0) {
      normals[p] = sum[p] / length;
      normals[p + 1] = sum[p + 1] / length;
      normals[p + 2] = sum[p + 2] / length;
    } else {
      normals[p + 1] = 1;
    }
  }
  return normals;
}
