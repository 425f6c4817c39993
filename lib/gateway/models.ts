// The three Hunyuan models of the Pixazo gateway: every documented parameter with its type,
// range and default, as zod schemas shared by the composer form, the server action and the
// sandbox gateway.
import { z } from "zod";

export const PROMPT_MAX = 4000;
export const SEED_MAX = 2_147_483_647;
export const FACE_COUNT_MIN = 40_000;
export const FACE_COUNT_MAX = 1_500_000;
export const FACE_COUNT_DEFAULT = 500_000;

const blankToUndefined = (v: unknown) =>
  v === "" || v === null || (typeof v === "string" && v.trim() === "") ? undefined : v;

function numberField(label: string, min: number, max: number, opts: { int?: boolean } = {}) {
  const kind = opts.int ? "a whole number" : "a number";
  const message = `${label} must be ${kind} from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}`;
  let n = z.number({ error: message }).min(min, message).max(max, message);
  if (opts.int) n = n.int(message);
  return z.preprocess((v) => (typeof v === "string" ? Number(v.trim()) : v), n);
}

/** Blank form values (empty text, null) count as "not given", so the documented default applies. */
function blank<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema);
}

function booleanField(label: string) {
  return z.preprocess(
    (v) => (v === "true" || v === "on" ? true : v === "false" ? false : v),
    z.boolean({ error: `${label} must be on or off` }),
  );
}

function enumField<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, { error: `${label} must be one of: ${values.join(", ")}` });
}

const prompt = z
  .string({ error: "Prompt is required" })
  .trim()
  .min(1, "Prompt is required: describe the image you want")
  .max(PROMPT_MAX, `Prompt is too long: at most ${PROMPT_MAX.toLocaleString("en-US")} characters`);

const optionalText = (label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(
      PROMPT_MAX,
      `${label} is too long: at most ${PROMPT_MAX.toLocaleString("en-US")} characters`,
    );

export const IMAGE_V3_SIZES = {
  square_hd: { width: 1024, height: 1024, label: "Square HD · 1024×1024" },
  square: { width: 512, height: 512, label: "Square · 512×512" },
  portrait_4_3: { width: 768, height: 1024, label: "Portrait 3:4 · 768×1024" },
  portrait_16_9: { width: 576, height: 1024, label: "Portrait 9:16 · 576×1024" },
  landscape_4_3: { width: 1024, height: 768, label: "Landscape 4:3 · 1024×768" },
  landscape_16_9: { width: 1024, height: 576, label: "Landscape 16:9 · 1024×576" },
} as const;
export type ImageV3Size = keyof typeof IMAGE_V3_SIZES;
const imageV3SizeValues = Object.keys(IMAGE_V3_SIZES) as [ImageV3Size, ...ImageV3Size[]];

export const INSTRUCT_SIZES = {
  auto: { width: 1024, height: 1024, label: "Auto" },
  "512x512": { width: 512, height: 512, label: "512×512" },
  "1024x1024": { width: 1024, height: 1024, label: "1024×1024" },
  "768x1344": { width: 768, height: 1344, label: "768×1344 (portrait)" },
  "1344x768": { width: 1344, height: 768, label: "1344×768 (landscape)" },
} as const;
export type InstructSize = keyof typeof INSTRUCT_SIZES;
const instructSizeValues = Object.keys(INSTRUCT_SIZES) as [InstructSize, ...InstructSize[]];

/** Hunyuan Image v3 request body, defaults as documented. */
export const imageV3Params = z.object({
  prompt,
  negative_prompt: blank(optionalText("Negative prompt").default("")),
  image_size: blank(enumField("Image size", imageV3SizeValues).default("square_hd")),
  num_images: blank(numberField("Number of images", 1, 4, { int: true }).default(1)),
  num_inference_steps: blank(numberField("Inference steps", 1, 50, { int: true }).default(28)),
  guidance_scale: blank(numberField("Guidance scale", 1, 20).default(7.5)),
  seed: blank(numberField("Seed", 0, SEED_MAX, { int: true }).optional()),
  enable_safety_checker: blank(booleanField("Safety checker").default(true)),
  sync_mode: blank(booleanField("Sync mode").default(false)),
  output_format: blank(enumField("Output format", ["png", "jpeg"] as const).default("png")),
  enable_prompt_expansion: blank(booleanField("Prompt expansion").default(false)),
});

/** Hunyuan Image 3.0 Instruct request body, defaults as documented. */
export const instructParams = z.object({
  prompt,
  image_size: blank(enumField("Image size", instructSizeValues).default("auto")),
  num_images: blank(numberField("Number of images", 1, 4, { int: true }).default(1)),
  guidance_scale: blank(numberField("Guidance scale", 1, 10).default(3.5)),
  enable_safety_checker: blank(booleanField("Safety checker").default(true)),
  output_format: blank(enumField("Output format", ["png", "jpeg", "webp"] as const).default("png")),
});

/** Hunyuan3D 3.0 request body; input_image_url is filled in by the studio. */
export const meshParams = z.object({
  input_image_url: z.url({ protocol: /^https?$/, error: "Input image URL must be an http(s) URL" }),
  prompt: blank(optionalText("Prompt").default("")),
  face_count: blank(
    numberField("Face count", FACE_COUNT_MIN, FACE_COUNT_MAX, { int: true }).default(
      FACE_COUNT_DEFAULT,
    ),
  ),
});

export const MODELS = {
  "hunyuan-image": {
    id: "hunyuan-image",
    label: "Hunyuan Image v3",
    kind: "image",
    path: "/hunyuan-image/v1/hunyuan-image/generateRequest",
    params: imageV3Params,
  },
  "hunyuan-image-3-0-instruct": {
    id: "hunyuan-image-3-0-instruct",
    label: "Hunyuan Image 3.0 Instruct",
    kind: "image",
    path: "/hunyuan-image-3-0-instruct/v1/hunyuan-image-3-0-instruct-request",
    params: instructParams,
  },
  "hunyuan3d-3-0-api-294": {
    id: "hunyuan3d-3-0-api-294",
    label: "Hunyuan3D 3.0",
    kind: "mesh",
    path: "/hunyuan3d-3-0-api-294/v1/hunyuan3d-3-0-api-request",
    params: meshParams,
  },
} as const;

export type ModelId = keyof typeof MODELS;
export type ImageV3Params = z.infer<typeof imageV3Params>;
export type InstructParams = z.infer<typeof instructParams>;
export type MeshParams = z.infer<typeof meshParams>;
export type ModelParams = ImageV3Params | InstructParams | MeshParams;

export function modelByPath(pathname: string) {
  return Object.values(MODELS).find((m) => m.path === pathname);
}

/** Pixel size of an image job's outputs, as the sandbox makes them and the gallery lays them out. */
export function imageDimensions(model: ModelId, size: string | undefined) {
  if (model === "hunyuan-image") {
    return IMAGE_V3_SIZES[(size ?? "square_hd") as ImageV3Size] ?? IMAGE_V3_SIZES.square_hd;
  }
  return INSTRUCT_SIZES[(size ?? "auto") as InstructSize] ?? INSTRUCT_SIZES.auto;
}

// ---- Gateway answers ----

export const JOB_STATES = ["QUEUED", "PROCESSING", "COMPLETED", "FAILED", "ERROR"] as const;
export type GatewayState = (typeof JOB_STATES)[number];

export const submitResponse = z.object({
  request_id: z.string().min(1).max(300),
  status: z.string().optional(),
  polling_url: z.string().optional(),
});
export type SubmitResponse = z.infer<typeof submitResponse>;

export const statusResponse = z.object({
  request_id: z.string().min(1).max(300),
  status: z.enum(JOB_STATES),
  model_id: z.string().nullish(),
  error: z.string().nullish(),
  output: z
    .object({
      media_url: z
        .union([z.string(), z.array(z.string())])
        .transform((v) => (Array.isArray(v) ? v : [v])),
      media_type: z.string().nullish(),
    })
    .nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  completed_at: z.string().nullish(),
});
export type StatusResponse = z.infer<typeof statusResponse>;

export const errorBody = z.object({
  error: z.string().optional(),
  message: z.string().optional(),
});

// ---- What the composer sends (the studio fills in seeds and input image URLs) ----

/** The 3D form: the input image is chosen in the studio, its URL resolved when the job is sent. */
export const meshForm = meshParams.omit({ input_image_url: true }).extend({
  inputOutputId: z.string().max(100).optional(),
  inputUploadId: z.string().max(100).optional(),
});

export const generateInput = z.discriminatedUnion("model", [
  imageV3Params.extend({ model: z.literal("hunyuan-image") }),
  instructParams.extend({ model: z.literal("hunyuan-image-3-0-instruct") }),
  meshForm.extend({ model: z.literal("hunyuan3d-3-0-api-294") }),
]);
export type GenerateInput = z.infer<typeof generateInput>;

/** Field name → first message, for showing errors next to the controls. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}
