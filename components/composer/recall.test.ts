import { describe, expect, it } from "vitest";
import { jobSeed, recallTarget } from "./recall";

const current = {
  model: "hunyuan-image-3-0-instruct" as const,
  input: { source: "upload" as const, id: "u1", url: "/media/u1.png", label: "cat.png" },
};

const meshJob = {
  model: "hunyuan3d-3-0-api-294" as const,
  kind: "mesh" as const,
  prompt: "vase",
  input: { source: "output" as const, id: "o7" },
  inputImageUrl: "/media/o7-thumb.webp",
};

describe("recallTarget", () => {
  it("all and remix switch to the job's model; a 3D job brings its input image", () => {
    for (const mode of ["all", "remix"] as const) {
      expect(recallTarget(meshJob, mode, current)).toEqual({
        model: "hunyuan3d-3-0-api-294",
        input: { source: "output", id: "o7", url: "/media/o7-thumb.webp", label: "vase" },
      });
    }
  });

  it("an image job keeps the input image chosen now", () => {
    const job = {
      ...meshJob,
      model: "hunyuan-image" as const,
      kind: "image" as const,
      input: null,
    };
    expect(recallTarget(job, "all", current)).toEqual({
      model: "hunyuan-image",
      input: current.input,
    });
  });

  it("a 3D job whose input is gone keeps the current one", () => {
    expect(recallTarget({ ...meshJob, input: null }, "all", current).input).toBe(current.input);
    expect(recallTarget({ ...meshJob, prompt: "" }, "all", current).input?.label).toBe(
      "Input image",
    );
  });

  it("prompt and seed change neither the model nor the input", () => {
    expect(recallTarget(meshJob, "prompt", current)).toBe(current);
    expect(recallTarget(meshJob, "seed", current)).toBe(current);
  });

  it("ignores a model the studio no longer offers", () => {
    const job = { ...meshJob, model: "gone" as "hunyuan-image" };
    expect(recallTarget(job, "all", current)).toBe(current);
  });
});

describe("jobSeed", () => {
  it("prefers the seed sent, then the one recorded", () => {
    expect(jobSeed({ params: { seed: 5 }, seed: 9 })).toBe(5);
    expect(jobSeed({ params: {}, seed: 9 })).toBe(9);
    expect(jobSeed({ params: { seed: "x" }, seed: null })).toBeNull();
  });
});
