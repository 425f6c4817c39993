import { describe, expect, it } from "vitest";
import { generateInput } from "@/lib/gateway/models";
import { DEFAULT_FORMS, initialForms, toRequest, withChange } from "./form-values";

describe("DEFAULT_FORMS", () => {
  it("starts every model's form unset, under the schema's own field names", () => {
    expect(DEFAULT_FORMS["hunyuan-image"]).toEqual({
      prompt: "",
      negative_prompt: "",
      image_size: "",
      num_images: "",
      num_inference_steps: "",
      guidance_scale: "",
      seed: "",
      enable_safety_checker: null,
      sync_mode: null,
      output_format: "",
      enable_prompt_expansion: null,
    });
    expect(DEFAULT_FORMS["hunyuan-image-3-0-instruct"]).toEqual({
      prompt: "",
      image_size: "",
      num_images: "",
      guidance_scale: "",
      enable_safety_checker: null,
      output_format: "",
    });
    expect(DEFAULT_FORMS["hunyuan3d-3-0-api-294"]).toEqual({ prompt: "", face_count: "" });
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
    expect(forms["hunyuan3d-3-0-api-294"]).toEqual({ prompt: "a fox", face_count: "" });
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
      guidance_scale: "",
      enable_safety_checker: false,
    });
  });

  it("brings fields the job left unset back unset, and ignores unknown ones", () => {
    const forms = initialForms({
      model: "hunyuan-image",
      params: { prompt: "fox", seed: 5, output_format: "jpeg", style: "noir" },
    });
    expect(forms["hunyuan-image"]).toEqual({
      ...DEFAULT_FORMS["hunyuan-image"],
      prompt: "fox",
      seed: "5",
      output_format: "jpeg",
    });
    expect(toRequest("hunyuan-image", forms, null)).toEqual({
      model: "hunyuan-image",
      prompt: "fox",
      seed: "5",
      output_format: "jpeg",
    });
  });

  it("keeps null parameters unset and a toggle's non-boolean value unset", () => {
    const forms = initialForms({
      model: "hunyuan3d-3-0-api-294",
      params: { prompt: "cat", face_count: null, input_image_url: "https://x.test/a.png" },
    });
    expect(forms["hunyuan3d-3-0-api-294"]).toEqual({ prompt: "cat", face_count: "" });
    const v3 = initialForms({ model: "hunyuan-image", params: { prompt: "a", sync_mode: "yes" } });
    expect(v3["hunyuan-image"].sync_mode).toBeNull();
  });
});

describe("toRequest", () => {
  it("sends the prompt and only the fields the designer set, under the schema's names", () => {
    let forms = withChange(DEFAULT_FORMS, "hunyuan-image", { prompt: "a fox", seed: "12" });
    forms = withChange(forms, "hunyuan-image", { sync_mode: false, image_size: "square" });
    const request = toRequest("hunyuan-image", forms, null);
    expect(request).toEqual({
      model: "hunyuan-image",
      prompt: "a fox",
      seed: "12",
      sync_mode: false,
      image_size: "square",
    });
    const parsed = generateInput.parse(request);
    expect(JSON.parse(JSON.stringify(parsed))).toEqual({
      model: "hunyuan-image",
      prompt: "a fox",
      seed: 12,
      sync_mode: false,
      image_size: "square",
    });
  });

  it("leaves a toggle put back to the model default out", () => {
    let forms = withChange(DEFAULT_FORMS, "hunyuan-image", { enable_prompt_expansion: true });
    forms = withChange(forms, "hunyuan-image", { enable_prompt_expansion: null });
    expect(toRequest("hunyuan-image", forms, null)).toEqual({ model: "hunyuan-image", prompt: "" });
  });

  it("names the 3D job's input image by where it comes from", () => {
    const upload = { source: "upload" as const, id: "u1", url: "/media/u1.png", label: "cat.png" };
    const output = { source: "output" as const, id: "o1", url: "/thumb.webp", label: "vase" };
    expect(toRequest("hunyuan3d-3-0-api-294", DEFAULT_FORMS, upload)).toEqual({
      model: "hunyuan3d-3-0-api-294",
      prompt: "",
      inputUploadId: "u1",
    });
    expect(toRequest("hunyuan3d-3-0-api-294", DEFAULT_FORMS, output)).toMatchObject({
      inputOutputId: "o1",
    });
    expect(toRequest("hunyuan-image", DEFAULT_FORMS, upload)).not.toHaveProperty("inputUploadId");
  });
});
