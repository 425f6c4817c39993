// The three Hunyuan models of the Pixazo gateway: every documented parameter with its type and
// range, as zod schemas shared by the composer form, the server action and the sandbox gateway,
// and each optional parameter's documented default. The schemas fill in no defaults: a field the
// designer left unset stays out of the request, and the gateway applies its own default.
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

/** An optional field: blank form values (empty text, null) count as "not given" and stay out. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema.optional());
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

/** Hunyuan Image v3 request body: only the prompt is required. */
export const imageV3Params = z.object({
  prompt,
  negative_prompt: optional(optionalText("Negative prompt")),
  image_size: optional(enumField("Image size", imageV3SizeValues)),
  num_images: optional(numberField("Number of images", 1, 4, { int: true })),
  num_inference_steps: optional(numberField("Inference steps", 1, 50, { int: true })),
  guidance_scale: optional(numberField("Guidance scale", 1, 20)),
  seed: optional(numberField("Seed", 0, SEED_MAX, { int: true })),
  enable_safety_checker: optional(booleanField("Safety checker")),
  sync_mode: optional(booleanField("Sync mode")),
  output_format: optional(enumField("Output format", ["png", "jpeg"] as const)),
  enable_prompt_expansion: optional(booleanField("Prompt expansion")),
});

/** Hunyuan Image 3.0 Instruct request body: only the prompt is required. */
export const instructParams = z.object({
  prompt,
  image_size: optional(enumField("Image size", instructSizeValues)),
  num_images: optional(numberField("Number of images", 1, 4, { int: true })),
  guidance_scale: optional(numberField("Guidance scale", 1, 10)),
  enable_safety_checker: optional(booleanField("Safety checker")),
  output_format: optional(enumField("Output format", ["png", "jpeg", "webp"] as const)),
});

/** Hunyuan3D 3.0 request body; input_image_url, the one required field, is filled in by the studio. */
export const meshParams = z.object({
  input_image_url: z.url({ protocol: /^https?$/, error: "Input image URL must be an http(s) URL" }),
  prompt: optional(optionalText("Prompt")),
  face_count: optional(numberField("Face count", FACE_COUNT_MIN, FACE_COUNT_MAX, { int: true })),
});

/** Request bodies as sent: optional fields the designer left unset are absent. */
export type ImageV3Body = z.infer<typeof imageV3Params>;
export type InstructBody = z.infer<typeof instructParams>;
export type MeshBody = z.infer<typeof meshParams>;

/** Every optional field of a request body, with the reference's default; null where it gives none. */
export type DocumentedDefaults<T> = {
  [K in keyof T as undefined extends T[K] ? K : never]-?: Exclude<T[K], undefined> | null;
};

const imageV3Defaults = {
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
} as const satisfies DocumentedDefaults<ImageV3Body>;

const instructDefaults = {
  image_size: "auto",
  num_images: 1,
  guidance_scale: 3.5,
  enable_safety_checker: true,
  output_format: "png",
} as const satisfies DocumentedDefaults<InstructBody>;

const meshDefaults = {
  prompt: "",
  face_count: FACE_COUNT_DEFAULT,
} as const satisfies DocumentedDefaults<MeshBody>;

type Given<D> = { [K in keyof D as D[K] extends null ? never : K]: D[K] };
/** A request as the model runs it: what was sent, with the documented default for what was not. */
type AsRun<T, D> = Omit<T, keyof Given<D>> & {
  [K in keyof Given<D> & keyof T]-?: Exclude<T[K], undefined>;
};
export type MeshParams = AsRun<MeshBody, typeof meshDefaults>;

export const MODELS = {
  "hunyuan-image": {
    id: "hunyuan-image",
    label: "Hunyuan Image v3",
    kind: "image",
    path: "/hunyuan-image/v1/hunyuan-image/generateRequest",
    params: imageV3Params,
    defaults: imageV3Defaults,
  },
  "hunyuan-image-3-0-instruct": {
    id: "hunyuan-image-3-0-instruct",
    label: "Hunyuan Image 3.0 Instruct",
    kind: "image",
    path: "/hunyuan-image-3-0-instruct/v1/hunyuan-image-3-0-instruct-request",
    params: instructParams,
    defaults: instructDefaults,
  },
  "hunyuan3d-3-0-api-294": {
    id: "hunyuan3d-3-0-api-294",
    label: "Hunyuan3D 3.0",
    kind: "mesh",
    path: "/hunyuan3d-3-0-api-294/v1/hunyuan3d-3-0-api-request",
    params: meshParams,
    defaults: meshDefaults,
  },
} as const;

export type ModelId = keyof typeof MODELS;

/** `body` with the documented default for each field it leaves out, as the gateway runs it. */
export function withDocumentedDefaults(
  model: ModelId,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(MODELS[model].defaults)) {
    if (value !== null) out[key] = value;
  }
  for (const [key, value] of Object.entries(body)) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export function modelByPath(pathname: string) {
  return Object.values(MODELS).find((m) => m.path === pathname);
}

/** Pixel size of an image job's outputs, as the sandbox makes them and the gallery lays them out. */
export function imageDimensions(model: ModelId, size: string | undefined) {
  if (model === "hunyuan-image") {
    const fallback = IMAGE_V3_SIZES[imageV3Defaults.image_size];
    return IMAGE_V3_SIZES[(size ?? imageV3Defaults.image_size) as ImageV3Size] ?? fallback;
  }
  const fallback = INSTRUCT_SIZES[instructDefaults.image_size];
  return INSTRUCT_SIZES[(size ?? instructDefaults.image_size) as InstructSize] ?? fallback;
}

// ---- Gateway answers ----

export const GATEWAY_STATES = ["QUEUED", "PROCESSING", "COMPLETED", "FAILED", "ERROR"] as const;
export type GatewayState = (typeof GATEWAY_STATES)[number];

export const submitResponse = z.object({
  request_id: z.string().min(1).max(300),
  status: z.string().optional(),
  polling_url: z.string().optional(),
});

// The reference is loose about status answers, so they are read leniently where it is: the
// status in any letter case, and an output without media (`{}`, a null or missing media_url)
// as "no outputs yet", an empty list. Anything else out of shape is still an unreadable answer.
const gatewayState = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
  z.enum(GATEWAY_STATES),
);

const mediaUrls = z.preprocess(
  (v) => v ?? [],
  z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])),
);

export const statusResponse = z.object({
  request_id: z.string().min(1).max(300),
  status: gatewayState,
  model_id: z.string().nullish(),
  error: z.string().nullish(),
  output: z
    .object({
      media_url: mediaUrls,
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
