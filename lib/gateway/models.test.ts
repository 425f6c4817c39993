import { describe, expect, it } from "vitest";
import { fieldErrors, generateInput, imageV3Params, instructParams, meshParams } from "./models";

describe("model schemas", () => {
  it("fills the documented defaults", () => {
    expect(imageV3Params.parse({ prompt: "a" })).toMatchObject({
      negative_prompt: "",
      image_size: "square_hd",
      num_images: 1,
      num_inference_steps: 28,
      guidance_scale: 7.5,
      enable_safety_checker: true,
      output_format: "png",
    });
    expect(instructParams.parse({ prompt: "a" })).toMatchObject({
      image_size: "auto",
      num_images: 1,
      guidance_scale: 3.5,
      output_format: "png",
    });
    expect(meshParams.parse({ input_image_url: "https://x.test/a.png" })).toMatchObject({
      prompt: "",
      face_count: 500000,
    });
  });

  it("treats blank form values as not given", () => {
    const p = imageV3Params.parse({ prompt: "a", seed: "", guidance_scale: "", num_images: "3" });
    expect(p.seed).toBeUndefined();
    expect(p.guidance_scale).toBe(7.5);
    expect(p.num_images).toBe(3);
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
