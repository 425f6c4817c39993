import { describe, expect, it } from "vitest";
import { generateInput } from "@/lib/gateway/models";
import { DEFAULT_FORMS, initialForms, toRequest, withChange } from "./form-values";

describe("DEFAULT_FORMS", () => {
  it("shows each schema's documented defaults under its own field names", () => {
    expect(DEFAULT_FORMS["hunyuan-image"]).toEqual({
      prompt: "",
      negative_prompt: "",
      image_size: "square_hd",
      num_images: "1",
      num_inference_steps: "28",
      guidance_scale: "7.5",
      seed: "",
      enable_safety_checker: true,
      sync_mode: false,
      output_format: "png",
      enable_prompt_expansion: false,
    });
    expect(DEFAULT_FORMS["hunyuan-image-3-0-instruct"]).toEqual({
      prompt: "",
      image_size: "auto",
      num_images: "1",
      guidance_scale: "3.5",
      enable_safety_checker: true,
      output_format: "png",
    });
    expect(DEFAULT_FORMS["hunyuan3d-3-0-api-294"]).toEqual({ prompt: "", face_count: "500000" });
  });
});

describe("withChange", () => {
  it("carries prompt, number of images and safety checker to the other models", () => {
    let forms = withChange(DEFAULT_FORMS, "hunyuan-image", { prompt: "a fox", num_images: "3" });
    forms = withChange(forms, "hunyuan-image", { enable_safety_checker: false });
    expect(forms["hunyuan-image-3-0-instruct"]).toMatchObject({
      prompt: "a fox",
      num_images: "3",
      enable_safety_checker: false,
    });
    expect(forms["hunyuan3d-3-0-api-294"]).toEqual({ prompt: "a fox", face_count: "500000" });
  });

  it("keeps size, format and guidance apart, since their ranges differ", () => {
    const forms = withChange(DEFAULT_FORMS, "hunyuan-image", {
      image_size: "landscape_16_9",
      output_format: "jpeg",
      guidance_scale: "9",
    });
    expect(forms["hunyuan-image-3-0-instruct"]).toEqual(
      DEFAULT_FORMS["hunyuan-image-3-0-instruct"],
    );
  });

  it("leaves the input forms untouched", () => {
    const before = structuredClone(DEFAULT_FORMS);
    withChange(DEFAULT_FORMS, "hunyuan-image", { prompt: "x" });
    expect(DEFAULT_FORMS).toEqual(before);
  });
});

describe("initialForms", () => {
  it("starts from the defaults", () => {
    expect(initialForms()).toEqual(DEFAULT_FORMS);
    expect(initialForms(null)).toEqual(DEFAULT_FORMS);
  });

  it("loads a job's stored parameters into its model's form", () => {
    const forms = initialForms({
      model: "hunyuan-image",
      params: {
        prompt: "copper teapot",
        seed: 777,
        guidance_scale: 9,
        num_images: 2,
        sync_mode: true,
        enable_safety_checker: false,
        image_size: "portrait_4_3",
      },
    });
    expect(forms["hunyuan-image"]).toEqual({
      ...DEFAULT_FORMS["hunyuan-image"],
      prompt: "copper teapot",
      seed: "777",
      guidance_scale: "9",
      num_images: "2",
      sync_mode: true,
      enable_safety_checker: false,
      image_size: "portrait_4_3",
    });
    expect(forms["hunyuan-image-3-0-instruct"]).toMatchObject({
      prompt: "copper teapot",
      num_images: "2",
      guidance_scale: "3.5",
    });
  });

  it("keeps defaults for missing or null parameters and ignores unknown ones", () => {
    const forms = initialForms({
      model: "hunyuan3d-3-0-api-294",
      params: { prompt: "cat", face_count: null, input_image_url: "https://x.test/a.png" },
    });
    expect(forms["hunyuan3d-3-0-api-294"]).toEqual({ prompt: "cat", face_count: "500000" });
  });
});

describe("toRequest", () => {
  it("sends the chosen model's form under the schema's names", () => {
    const forms = withChange(DEFAULT_FORMS, "hunyuan-image", { prompt: "a fox", seed: "12" });
    const request = toRequest("hunyuan-image", forms, null);
    expect(request).toEqual({ model: "hunyuan-image", ...forms["hunyuan-image"] });
    expect(generateInput.safeParse(request).success).toBe(true);
  });

  it("names the 3D job's input image by where it comes from", () => {
    const upload = { source: "upload" as const, id: "u1", url: "/media/u1.png", label: "cat.png" };
    const output = { source: "output" as const, id: "o1", url: "/thumb.webp", label: "vase" };
    expect(toRequest("hunyuan3d-3-0-api-294", DEFAULT_FORMS, upload)).toEqual({
      model: "hunyuan3d-3-0-api-294",
      prompt: "",
      face_count: "500000",
      inputUploadId: "u1",
    });
    expect(toRequest("hunyuan3d-3-0-api-294", DEFAULT_FORMS, output)).toMatchObject({
      inputOutputId: "o1",
    });
    expect(toRequest("hunyuan-image", DEFAULT_FORMS, upload)).not.toHaveProperty("inputUploadId");
  });
});
