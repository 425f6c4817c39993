import { describe, expect, it } from "vitest";
import { compareRows, differingParams, paramRows, showValue } from "./params";

function job(over: Partial<Parameters<typeof differingParams>[0][number]> = {}) {
  return {
    model: "hunyuan-image" as const,
    modelLabel: "Hunyuan Image v3",
    prompt: "copper teapot",
    params: { prompt: "copper teapot", seed: 7 } as Record<string, unknown>,
    seed: 7,
    ...over,
  };
}

describe("showValue", () => {
  it("shows booleans as On/Off and nothing as a dash", () => {
    expect(showValue(true)).toBe("On");
    expect(showValue(false)).toBe("Off");
    expect(showValue("")).toBe("–");
    expect(showValue(null)).toBe("–");
    expect(showValue(9)).toBe("9");
  });
});

describe("paramRows", () => {
  it("lists every parameter, the model default for those not sent", () => {
    const rows = paramRows(job({ params: { prompt: "x", guidance_scale: 9 } }));
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    expect(byKey).not.toHaveProperty("prompt");
    expect(byKey.guidance_scale).toBe("9");
    expect(byKey.num_inference_steps).toBe("Model default (28)");
    expect(byKey.seed).toBe("Model default");
    expect(rows.find((r) => r.key === "num_inference_steps")?.label).toBe("Inference steps");
  });

  it("shows a 3D job's face count", () => {
    const rows = paramRows({ model: "hunyuan3d-3-0-api-294", params: { prompt: "vase" } });
    expect(rows).toEqual([
      { key: "face_count", label: "Face count", value: "Model default (500000)" },
    ]);
  });
});

describe("differingParams", () => {
  it("is empty for fewer than two jobs or identical ones", () => {
    expect(differingParams([job()])).toEqual([]);
    expect(differingParams([job(), job()])).toEqual([]);
  });

  it("names the fields whose values differ, as run", () => {
    const a = job({ params: { prompt: "copper teapot", seed: 7, guidance_scale: 9 } });
    const b = job({ params: { prompt: "copper teapot", seed: 8 }, seed: 8 });
    expect(differingParams([a, b])).toEqual(["guidance_scale", "seed"]);
  });

  it("counts an unset field as its model's default", () => {
    const a = job({ params: { prompt: "copper teapot", seed: 7, guidance_scale: 7.5 } });
    const b = job();
    expect(differingParams([a, b])).toEqual([]);
  });

  it("takes the recorded seed when the parameters lack it", () => {
    const a = job({ params: { prompt: "copper teapot" }, seed: 7 });
    expect(differingParams([a, job()])).toEqual([]);
    expect(differingParams([a, job({ params: { prompt: "copper teapot" }, seed: 9 })])).toEqual([
      "seed",
    ]);
  });

  it("compares across models and prompts, up to four jobs", () => {
    const instruct = job({
      model: "hunyuan-image-3-0-instruct",
      modelLabel: "Hunyuan Image 3.0 Instruct",
      prompt: "a fox",
      params: { prompt: "a fox" },
      seed: null,
    });
    const diff = differingParams([job(), job(), job(), instruct]);
    expect(diff).toEqual(expect.arrayContaining(["model", "prompt", "seed", "guidance_scale"]));
    // Both models default to one image, a PNG and the safety checker on.
    expect(diff).not.toContain("num_images");
    expect(diff).not.toContain("output_format");
    expect(diff).not.toContain("enable_safety_checker");
  });
});

describe("compareRows", () => {
  it("gives one value per job and marks the differing rows", () => {
    const a = job({ params: { prompt: "copper teapot", seed: 7, guidance_scale: 9 } });
    const b = job({ params: { prompt: "copper teapot" }, seed: 8 });
    const rows = compareRows([a, b]);
    expect(rows[0]).toEqual({
      key: "model",
      label: "Model",
      values: ["Hunyuan Image v3", "Hunyuan Image v3"],
      differs: false,
    });
    expect(rows.find((r) => r.key === "seed")).toMatchObject({ values: ["7", "8"], differs: true });
    expect(rows.find((r) => r.key === "guidance_scale")).toMatchObject({
      values: ["9", "Model default (7.5)"],
      differs: true,
    });
    expect(rows.some((r) => r.key === "prompt")).toBe(false);
  });

  it("shows a dash where a model does not take the field", () => {
    const instruct = job({
      model: "hunyuan-image-3-0-instruct",
      modelLabel: "Hunyuan Image 3.0 Instruct",
      params: { prompt: "copper teapot" },
      seed: null,
    });
    const steps = compareRows([job(), instruct]).find((r) => r.key === "num_inference_steps");
    expect(steps).toMatchObject({ values: ["Model default (28)", "–"], differs: true });
  });
});
