import { describe, expect, it } from "vitest";
import { lineageLinks } from "./lineage-links";

describe("lineageLinks", () => {
  it("names each related job", () => {
    expect(
      lineageLinks({ sourceJobId: "img", retryOfId: "first", meshJobIds: ["m1", "m2"] }),
    ).toEqual([
      { jobId: "img", label: "Source image" },
      { jobId: "first", label: "Original job" },
      { jobId: "m1", label: "3D model 1" },
      { jobId: "m2", label: "3D model 2" },
    ]);
  });

  it("gives nothing for a job without relations", () => {
    expect(lineageLinks({ sourceJobId: null, retryOfId: null, meshJobIds: [] })).toEqual([]);
  });
});
