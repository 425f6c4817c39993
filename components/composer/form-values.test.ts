// Over ~300 lines on purpose: one case per behaviour of the module it tests, kept together.
import { describe, expect, it } from "vitest";
import { generateInput } from "@/lib/gateway/models";
import { DEFAULT_FORMS, initialForms, recallForms, toRequest, withChange } from "./form-values";

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

describe("recallForms", () => {
  const v3Job = {
    model: "hunyuan-image" as const,
    kind: "image" as const,
    prompt: "copper teapot",
    params: { prompt: "copper teapot", seed: 777, guidance_scale: 9, negative_prompt: "blurry" },
    seed: 777,
    input: null,
  };
  const instructJob = {
    model: "hunyuan-image-3-0-instruct" as const,
    kind: "image" as const,
    prompt: "a fox in snow",
    params: { prompt: "a fox in snow", image_size: "512x512" },
    seed: null,
    input: null,
  };
  const meshJob = {
    model: "hunyuan3d-3-0-api-294" as const,
    kind: "mesh" as const,
    prompt: "vase",
    params: { prompt: "vase", face_count: 150000 },
    seed: null,
    input: { source: "output" as const, id: "o1" },
  };
  // The designer's current work, which a recall must not wipe beyond what it names.
  const typed = withChange(
    withChange(DEFAULT_FORMS, "hunyuan-image", {
      prompt: "my own idea",
      negative_prompt: "text",
      image_size: "square",
      num_inference_steps: "40",
      seed: "1",
    }),
    "hunyuan-image-3-0-instruct",
    { output_format: "webp" },
  );

  it("all: fills the job's model's form with its parameters, leaving the unset ones unset", () => {
    const { forms, message } = recallForms(typed, "hunyuan-image-3-0-instruct", v3Job, "all");
    expect(message).toBeNull();
    expect(forms["hunyuan-image"]).toEqual({
      ...DEFAULT_FORMS["hunyuan-image"],
      prompt: "copper teapot",
      negative_prompt: "blurry",
      seed: "777",
      guidance_scale: "9",
    });
    // Shared fields follow; the other models keep their own settings.
    expect(forms["hunyuan-image-3-0-instruct"]).toMatchObject({
      prompt: "copper teapot",
      output_format: "webp",
    });
  });

  it("all: takes the seed the studio picked when the parameters lack one", () => {
    const job = { ...v3Job, params: { prompt: "copper teapot" }, seed: 4242 };
    expect(
      recallForms(DEFAULT_FORMS, "hunyuan-image", job, "all").forms["hunyuan-image"].seed,
    ).toBe("4242");
  });

  it("remix: the same parameters with the seed left empty", () => {
    const { forms, message } = recallForms(typed, "hunyuan-image", v3Job, "remix");
    expect(message).toBeNull();
    expect(forms["hunyuan-image"]).toMatchObject({ prompt: "copper teapot", guidance_scale: "9" });
    expect(forms["hunyuan-image"].seed).toBe("");
    expect(forms["hunyuan-image"].image_size).toBe("");
  });

  it("all: a 3D job fills the face count and says so when its input image is gone", () => {
    const { forms, message } = recallForms(typed, "hunyuan-image", meshJob, "all");
    expect(message).toBeNull();
    expect(forms["hunyuan3d-3-0-api-294"]).toEqual({ prompt: "vase", face_count: "150000" });
    const gone = recallForms(typed, "hunyuan-image", { ...meshJob, input: null }, "all");
    expect(gone.message).toMatch(/input image is no longer available/);
    expect(gone.forms["hunyuan3d-3-0-api-294"].face_count).toBe("150000");
  });

  it("prompt: sets the prompt and negative prompt only, in the model chosen now", () => {
    const { forms, message } = recallForms(typed, "hunyuan-image", v3Job, "prompt");
    expect(message).toBeNull();
    expect(forms["hunyuan-image"]).toEqual({
      ...typed["hunyuan-image"],
      prompt: "copper teapot",
      negative_prompt: "blurry",
    });
  });

  it("prompt: a job without negative prompts keeps the one typed", () => {
    const { forms } = recallForms(typed, "hunyuan-image", instructJob, "prompt");
    expect(forms["hunyuan-image"]).toEqual({ ...typed["hunyuan-image"], prompt: "a fox in snow" });
    const blankNegative = recallForms(typed, "hunyuan-image", { ...v3Job, params: {} }, "prompt");
    expect(blankNegative.forms["hunyuan-image"].negative_prompt).toBe("");
  });

  it("prompt: a job without a prompt changes nothing and says so", () => {
    const result = recallForms(typed, "hunyuan-image", { ...meshJob, prompt: " " }, "prompt");
    expect(result.forms).toBe(typed);
    expect(result.message).toBe("This job has no prompt to use.");
  });

  it("seed: sets only the seed, switching nothing", () => {
    const { forms, message } = recallForms(typed, "hunyuan-image", v3Job, "seed");
    expect(message).toBeNull();
    expect(forms).toEqual(withChange(typed, "hunyuan-image", { seed: "777" }));
  });

  it("seed: a model without a seed field keeps the form and says so", () => {
    const result = recallForms(typed, "hunyuan-image-3-0-instruct", v3Job, "seed");
    expect(result.forms).toBe(typed);
    expect(result.message).toBe(
      "Hunyuan Image 3.0 Instruct takes no seed. Choose Hunyuan Image v3 to use seed 777.",
    );
    const none = recallForms(typed, "hunyuan-image", instructJob, "seed");
    expect(none.forms).toBe(typed);
    expect(none.message).toBe("This job has no seed to use.");
  });

  it("refuses a model the studio no longer offers", () => {
    const job = { ...v3Job, model: "retired-model" as "hunyuan-image" };
    const result = recallForms(typed, "hunyuan-image", job, "all");
    expect(result.forms).toBe(typed);
    expect(result.message).toMatch(/no longer offered/);
  });

  it("gives a request the schema takes", () => {
    const { forms } = recallForms(DEFAULT_FORMS, "hunyuan-image", v3Job, "all");
    expect(generateInput.safeParse(toRequest("hunyuan-image", forms, null)).success).toBe(true);
  });
});
