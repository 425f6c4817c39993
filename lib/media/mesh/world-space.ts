// Node world matrices applied by hand: OBJ and STL flatten the scene graph, glTF keeps it.

export interface WorldSpace {
  /** Column-major 4x4, as glTF stores it. */
  matrix: ArrayLike<number>;
  /** Row-major 3x3 that maps normals; unnormalised, so callers normalise after applying it. */
  normal: Float64Array;
  /** A mirroring transform reverses triangle winding, so faces must be written b↔c swapped. */
  mirrored: boolean;
}

export function worldSpace(matrix: ArrayLike<number>): WorldSpace {
  const [a00, a10, a20, , a01, a11, a21, , a02, a12, a22] = Array.from(matrix);
  // Cofactor matrix = det · inverse-transpose; its sign fixes the direction under mirroring.
  const c00 = a11 * a22 - a12 * a21;
  const c01 = a12 * a20 - a10 * a22;
  const c02 = a10 * a21 - a11 * a20;
  const det = a00 * c00 + a01 * c01 + a02 * c02;
  const s = det < 0 ? -1 : 1;
  const normal = new Float64Array([
    s * c00,
    s * c01,
    s * c02,
    s * (a02 * a21 - a01 * a22),
    s * (a00 * a22 - a02 * a20),
    s * (a01 * a20 - a00 * a21),
    s * (a01 * a12 - a02 * a11),
    s * (a02 * a10 - a00 * a12),
    s * (a00 * a11 - a01 * a10),
  ]);
  return { matrix, normal, mirrored: det < 0 };
}
