// The face counts a simplified GLB can be made at. A fixed set, so each output has a bounded
// number of stored exports however many values are asked for. Client-safe.

/** Every simplified export is made at one of these counts, or at the mesh's own count. */
export const SIMPLIFY_BUCKETS = [
  1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
] as const;

export const SIMPLIFY_DEFAULT = 50_000;

/** What the viewer offers (only those below the mesh's own count are shown). */
export const SIMPLIFY_CHOICES = [10_000, 50_000, 100_000] as const;

export interface SimplifyTarget {
  /** Faces the export is made at: a bucket, or the mesh's own count when that is smaller. */
  faces: number;
  /** Part of the stored file name: the bucket, or "full" for the whole mesh. */
  tag: string;
}

/** The largest bucket not above `faces`; the smallest bucket for anything below it. */
export function simplifyBucket(faces: number): number {
  let bucket: number = SIMPLIFY_BUCKETS[0];
  for (const b of SIMPLIFY_BUCKETS) if (b <= faces) bucket = b;
  return bucket;
}

/**
 * The export a request for `faces` gets. At or above the mesh's own triangle count there is
 * nothing to simplify, so every such request shares one "full" export.
 */
export function simplifyTarget(faces: number, meshTriangles: number | null): SimplifyTarget {
  const bucket = simplifyBucket(faces);
  if (meshTriangles !== null && meshTriangles > 0 && bucket >= meshTriangles) {
    return { faces: meshTriangles, tag: "full" };
  }
  return { faces: bucket, tag: String(bucket) };
}

/** Every simplified tag an output can have, for adding up its stored exports. */
export const SIMPLIFY_TAGS: readonly string[] = [...SIMPLIFY_BUCKETS.map(String), "full"];
