import { describe, expect, it } from "vitest";
import {
  SIMPLIFY_BUCKETS,
  SIMPLIFY_CHOICES,
  SIMPLIFY_TAGS,
  simplifyBucket,
  simplifyTarget,
} from "./export-targets";

describe("simplify buckets", () => {
  it("rounds a face count down to a bucket, and anything below the smallest up to it", () => {
    expect(simplifyBucket(100)).toBe(1_000);
    expect(simplifyBucket(1_000)).toBe(1_000);
    expect(simplifyBucket(2_499)).toBe(1_000);
    expect(simplifyBucket(49_999)).toBe(25_000);
    expect(simplifyBucket(50_000)).toBe(50_000);
    expect(simplifyBucket(1_500_000)).toBe(500_000);
  });

  it("offers only bucket values in the viewer", () => {
    for (const n of SIMPLIFY_CHOICES) expect(simplifyBucket(n)).toBe(n);
  });

  it("never goes above the mesh's own count: those requests share one full export", () => {
    expect(simplifyTarget(10_000, 40_000)).toEqual({ faces: 10_000, tag: "10000" });
    expect(simplifyTarget(40_000, 40_000)).toEqual({ faces: 25_000, tag: "25000" });
    expect(simplifyTarget(50_000, 40_000)).toEqual({ faces: 40_000, tag: "full" });
    expect(simplifyTarget(1_500_000, 40_000)).toEqual({ faces: 40_000, tag: "full" });
    // Unknown count (the preview could not be made): the bucket itself.
    expect(simplifyTarget(1_500_000, null)).toEqual({ faces: 500_000, tag: "500000" });
  });

  it("maps 200 distinct face counts to at most the bucket count of tags", () => {
    const asked = Array.from({ length: 200 }, (_, i) => 100 + i * 7_499);
    for (const triangles of [null, 30_000, 2_000_000]) {
      const tags = new Set(asked.map((f) => simplifyTarget(f, triangles).tag));
      expect(tags.size).toBeLessThanOrEqual(SIMPLIFY_BUCKETS.length);
      for (const tag of tags) expect(SIMPLIFY_TAGS).toContain(tag);
    }
  });
});
