// Binary STL for slicers and CAD: world-space triangles with face normals, nothing else.
import { listDrawCalls, primitiveTriangleCount, readForExport } from "./io";
import { worldSpace } from "./world-space";

const HEADER_BYTES = 80;
const TRIANGLE_BYTES = 50;
// Must not start with "solid": some readers take that as the mark of an ASCII STL.
const HEADER_TEXT = "Hunyuan Studio binary STL";

export interface StlOptions {
  /**
   * Rotate glTF's Y-up into the Z-up that slicers and CAD tools assume, so the model stands
   * on the build plate instead of lying on its back. Default true.
   */
  zUp?: boolean;
}

export async function toStl(glb: Uint8Array, opts: StlOptions = {}): Promise<Uint8Array> {
  const zUp = opts.zUp ?? true;
  const doc = await readForExport(glb);
  const calls = listDrawCalls(doc).filter(({ prim }) => primitiveTriangleCount(prim) > 0);
  const total = calls.reduce((sum, { prim }) => sum + primitiveTriangleCount(prim), 0);

  const out = new Uint8Array(HEADER_BYTES + 4 + TRIANGLE_BYTES * total);
  out.set(new TextEncoder().encode(HEADER_TEXT));
  const view = new DataView(out.buffer);
  view.setUint32(HEADER_BYTES, total, true);

  let offset = HEADER_BYTES + 4;
  const p = new Float64Array(9);
  for (const { prim, world } of calls) {
    const position = prim.getAttribute("POSITION")!.getArray()!;
    const indices = prim.getIndices()?.getArray() ?? null;
    const { matrix: m, mirrored } = worldSpace(world);
    const count = primitiveTriangleCount(prim) * 3;

    for (let i = 0; i < count; i += 3) {
      for (let k = 0; k < 3; k++) {
        // Swapping two corners restores outward winding under a mirroring transform.
        const corner = mirrored && k > 0 ? 3 - k : k;
        const v = (indices ? indices[i + corner] : i + corner) * 3;
        const x = position[v];
        const y = position[v + 1];
        const z = position[v + 2];
        const wx = m[0] * x + m[4] * y + m[8] * z + m[12];
        const wy = m[1] * x + m[5] * y + m[9] * z + m[13];
        const wz = m[2] * x + m[6] * y + m[10] * z + m[14];
        p[k * 3] = wx;
        p[k * 3 + 1] = zUp ? -wz : wy;
        p[k * 3 + 2] = zUp ? wy : wz;
      }
      const ux = p[3] - p[0];
      const uy = p[4] - p[1];
      const uz = p[5] - p[2];
      const vx = p[6] - p[0];
      const vy = p[7] - p[1];
      const vz = p[8] - p[2];
      const nx = uy * vz - uz * vy;
      const ny = uz * vx - ux * vz;
      const nz = ux * vy - uy * vx;
      const len = Math.hypot(nx, ny, nz) || 1;
      view.setFloat32(offset, nx / len, true);
      view.setFloat32(offset + 4, ny / len, true);
      view.setFloat32(offset + 8, nz / len, true);
      for (let j = 0; j < 9; j++) view.setFloat32(offset + 12 + j * 4, p[j], true);
      // Attribute byte count stays 0: no reader agrees on what it would mean.
      offset += TRIANGLE_BYTES;
    }
  }
  return out;
}
