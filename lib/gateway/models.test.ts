import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  MODELS,
  fieldErrors,
  generateInput,
  imageV3Params,
  instructParams,
  meshParams,
  statusResponse,
  withDocumentedDefaults,
} from "./models";

describe("model schemas", () => {
  it("fills in no defaults: what was not given stays out of the body", () => {
    const bodies = [
      imageV3Params.parse({ prompt: "a" }),
      instructParams.parse({ prompt: "a" }),
      meshParams.parse({ input_image_url: "https://x.test/a.png" }),
    ];
    expect(bodies.map((b) => JSON.parse(JSON.stringify(b)))).toEqual([
      { prompt: "a" },
      { prompt: "a" },
      { input_image_url: "https://x.test/a.png" },
    ]);
  });

  it("treats blank form values as not given", () => {
    const p = imageV3Params.parse({
      prompt: "a",
      seed: "",
      guidance_scale: "",
      num_images: "3",
      negative_prompt: "  ",
      image_size: "",
      sync_mode: null,
      enable_prompt_expansion: "false",
    });
    expect(JSON.parse(JSON.stringify(p))).toEqual({
      prompt: "a",
      num_images: 3,
      enable_prompt_expansion: false,
    });
  });

  it("documents the reference's default for every optional field, null where it gives none", () => {
    expect(MODELS["hunyuan-image"].defaults).toEqual({
      negative_prompt: "",
      image_size: "square_hd",
      num_images: 1,
      num_inference_steps: 28,
      guidance_scale: 7.5,
      seed: null,
      enable_safety_checker: true,
      sync_mode: null,
      output_format: "png",
      enable_prompt_expansion: null,
    });
    expect(MODELS["hunyuan-image-3-0-instruct"].defaults).toEqual({
      image_size: "auto",
      num_images: 1,
      guidance_scale: 3.5,
      enable_safety_checker: true,
      output_format: "png",
    });
    expect(MODELS["hunyuan3d-3-0-api-294"].defaults).toEqual({ prompt: "", face_count: 500000 });
    // Each one passes its own field's check.
    for (const model of Object.values(MODELS)) {
      for (const [key, value] of Object.entries(model.defaults)) {
        if (value === null) continue;
        const field = model.params.shape[key as keyof typeof model.params.shape];
        expect((field as z.ZodType).safeParse(value).success, `${model.id}.${key}`).toBe(true);
      }
    }
  });

  it("runs a body with the documented default for each field left out", () => {
    const body = imageV3Params.parse({ prompt: "a", num_images: "", output_format: "jpeg" });
    expect(withDocumentedDefaults("hunyuan-image", body)).toEqual({
      prompt: "a",
      negative_prompt: "",
      image_size: "square_hd",
      num_images: 1,
      num_inference_steps: 28,
      guidance_scale: 7.5,
      enable_safety_checker: true,
      output_format: "jpeg",
    });
    expect(
      withDocumentedDefaults("hunyuan3d-3-0-api-294", { input_image_url: "https://x.test/a" }),
    ).toEqual({ input_image_url: "https://x.test/a", prompt: "", face_count: 500000 });
  });

  it.each([
    [{ model: "hunyuan-image", prompt: "" }, "prompt", "Prompt is required"],
    [{ model: "hunyuan-image", prompt: "a", num_images: 5 }, "num_images", "Number of images"],
    [
      { model: "hunyuan-image", prompt: "a", image_size: "giant" },
      "image_size",
      "Image size must be one of",
    ],
    [
      { model: "hunyuan-image", prompt: "a", guidance_scale: "abc" },
      "guidance_scale",
      "Guidance scale must be a number",
    ],
    [{ model: "hunyuan-image", prompt: "x".repeat(100_000) }, "prompt", "too long"],
    [
      { model: "hunyuan-image-3-0-instruct", prompt: "a", output_format: "gif" },
      "output_format",
      "Output format",
    ],
    [
      { model: "hunyuan-image-3-0-instruct", prompt: "a", image_size: "square_hd" },
      "image_size",
      "Image size",
    ],
    [{ model: "hunyuan3d-3-0-api-294", face_count: 0 }, "face_count", "Face count"],
    [{ model: "hunyuan3d-3-0-api-294", face_count: -5 }, "face_count", "Face count"],
    [{ model: "hunyuan3d-3-0-api-294", face_count: 3.5 }, "face_count", "Face count"],
    [{ model: "hunyuan3d-3-0-api-294", face_count: 10_000_000 }, "face_count", "Face count"],
  ])("refuses %j naming the field", (input, field, text) => {
    const r = generateInput.safeParse(input);
    expect(r.success).toBe(false);
    const errors = fieldErrors(r.error!);
    expect(errors[field]).toContain(text);
  });

  it("refuses an unknown model", () => {
    expect(generateInput.safeParse({ model: "dall-e", prompt: "a" }).success).toBe(false);
  });
});

describe("status answers", () => {
  const base = { request_id: "hunyuan-image_1" };

  it("reads the reference's completed answer", () => {
    const r = statusResponse.parse({
      ...base,
      status: "COMPLETED",
      model_id: "hunyuan-image",
      error: null,
      output: { media_url: ["https://cdn.test/o.ext"], media_type: "application/octet-stream" },
      created_at: "2026-03-31T10:00:00.000Z",
      completed_at: "2026-03-31T10:00:15.000Z",
    });
    expect(r.status).toBe("COMPLETED");
    expect(r.output?.media_url).toEqual(["https://cdn.test/o.ext"]);
  });

  it.each([
    ["completed", "COMPLETED"],
    ["Processing", "PROCESSING"],
    [" queued ", "QUEUED"],
    ["failed", "FAILED"],
    ["error", "ERROR"],
  ])("reads the status %j in any letter case as %s", (status, expected) => {
    expect(statusResponse.parse({ ...base, status }).status).toBe(expected);
  });

  it.each([
    ["an empty output", { output: {} }],
    ["a null media_url", { output: { media_url: null, media_type: null } }],
    ["a missing media_url", { output: { media_type: "image/png" } }],
    ["an empty media_url list", { output: { media_url: [] } }],
  ])("reads %s as no outputs yet", (_, more) => {
    const r = statusResponse.parse({ ...base, status: "processing", ...more });
    expect(r.output?.media_url).toEqual([]);
  });

  it("reads a single media URL as a list of one, and a null output as none", () => {
    expect(
      statusResponse.parse({ ...base, status: "COMPLETED", output: { media_url: "https://a" } })
        .output?.media_url,
    ).toEqual(["https://a"]);
    expect(statusResponse.parse({ ...base, status: "ERROR", output: null }).output).toBeNull();
    expect(statusResponse.parse({ ...base, status: "QUEUED" }).output).toBeUndefined();
  });

  it.each([
    ["an unknown status", { ...base, status: "WAT" }],
    ["a missing status", { ...base }],
    ["a numeric status", { ...base, status: 3 }],
    ["no request id", { status: "COMPLETED" }],
    ["a numeric request id", { request_id: 5, status: "COMPLETED" }],
    ["media_url of numbers", { ...base, status: "COMPLETED", output: { media_url: [1, 2] } }],
    ["media_url with a null", { ...base, status: "COMPLETED", output: { media_url: [null] } }],
    ["media_url an object", { ...base, status: "COMPLETED", output: { media_url: { a: 1 } } }],
    ["output a string", { ...base, status: "COMPLETED", output: "https://a" }],
    ["output a list", { ...base, status: "COMPLETED", output: ["https://a"] }],
    ["an error object", { ...base, status: "FAILED", error: { code: 1 } }],
    ["not an object", "COMPLETED"],
    ["null", null],
  ])("still refuses %s", (_, answer) => {
    expect(statusResponse.safeParse(answer).success).toBe(false);
  });
});
