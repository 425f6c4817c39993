// What the gallery seeder makes up, before anything is written: a job's model, prompt, params,
// state and timeline, from a seeded random source so a run can be repeated. Pure.
import {
  FACE_COUNT_DEFAULT,
  IMAGE_V3_SIZES,
  INSTRUCT_SIZES,
  SEED_MAX,
  imageDimensions,
  type ModelId,
} from "@/lib/gateway/models";

export type Rng = () => number;

/** mulberry32: small, fast and good enough for made-up data. */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

export function weighted<T>(r: Rng, table: readonly (readonly [T, number])[]): T {
  let x = r() * table.reduce((n, [, w]) => n + w, 0);
  for (const [value, w] of table) if ((x -= w) < 0) return value;
  return table[table.length - 1][0];
}

const between = (r: Rng, lo: number, hi: number) => lo + r() * (hi - lo);

const SUBJECTS = [
  "a weathered copper teapot",
  "a red fox curled in the snow",
  "an art deco wristwatch",
  "a ceramic vase with a blue glaze",
  "a lighthouse on a basalt cliff",
  "a vintage film camera",
  "a koi pond under maple trees",
  "a robot gardener watering tomatoes",
  "a stack of old books",
  "a glass terrarium with moss",
  "a hot air balloon over a canyon",
  "a samurai helmet",
  "a bowl of ramen with a soft egg",
  "a treehouse lit with lanterns",
  "a leather armchair",
  "an origami crane",
  "a snow leopard on a ridge",
  "a futuristic sneaker",
  "a brass telescope",
  "a cozy reading nook",
  "a desert caravan at dusk",
  "a low-poly mountain village",
  "a jellyfish in deep water",
  "a wooden toy train",
  "a cyberpunk street food stall",
  "a porcelain tea cup",
  "a moss-covered stone statue",
  "an espresso machine",
  "a greenhouse full of orchids",
  "a knight's chess piece",
  "a sailboat in a storm",
  "a barn owl on a fence post",
  "a mid-century desk lamp",
  "a crystal geode",
];
const SETTINGS = [
  "on a marble countertop",
  "in a misty forest",
  "at golden hour",
  "on a seamless white backdrop",
  "in a rainy neon city",
  "under a starry sky",
  "on a sunlit windowsill",
  "in an abandoned station",
  "by a frozen lake",
  "in a Scandinavian living room",
  "on a workbench full of tools",
  "",
];
const STYLES = [
  "studio product shot",
  "watercolor illustration",
  "isometric 3D render",
  "35mm film photo",
  "oil painting",
  "Studio Ghibli inspired",
  "ultra-detailed concept art",
  "flat vector poster",
  "claymation style",
  "cinematic still",
  "ink and wash",
  "photorealistic",
  "pixel art",
];
const LIGHTING = [
  "soft morning light",
  "dramatic rim lighting",
  "volumetric fog",
  "high contrast",
  "pastel palette",
  "warm tungsten glow",
  "overcast diffuse light",
  "",
];
const NEGATIVES = [
  "blurry, low quality",
  "text, watermark",
  "extra fingers, deformed hands",
  "oversaturated",
  "jpeg artifacts, noise",
  "cropped, out of frame",
];
const INSTRUCT_VERBS = ["Make", "Turn", "Render", "Show", "Paint"];

export function composePrompt(r: Rng, instruct = false): string {
  const parts = [pick(r, SUBJECTS), pick(r, SETTINGS), pick(r, STYLES), pick(r, LIGHTING)];
  const text = parts.filter(Boolean).join(", ");
  return instruct ? `${pick(r, INSTRUCT_VERBS)} ${text}` : text;
}

const FAILURES = [
  ["FAILED", "content_policy", "The gateway refused the prompt under its content policy."],
  ["FAILED", "insufficient_balance", "The Pixazo account is out of credit. Top it up and retry."],
  ["FAILED", "invalid_request", "The gateway rejected the request: image_size is not supported."],
  ["ERROR", "server_error", "The gateway failed while running the job (HTTP 500). Retry it."],
  ["ERROR", "gateway_error", "The gateway reported an error and no output."],
] as const;

export interface SeedImage {
  width: number;
  height: number;
  format: "png" | "jpeg" | "webp";
}

export interface SeedJobPlan {
  model: ModelId;
  kind: "image" | "mesh";
  prompt: string;
  negativePrompt: string | null;
  params: Record<string, unknown>;
  seed: number | null;
  state: "COMPLETED" | "FAILED" | "ERROR";
  errorCode: string | null;
  errorMessage: string | null;
  favorite: boolean;
  createdAt: Date;
  submittedAt: Date;
  startedAt: Date | null;
  finishedAt: Date;
  /** The image outputs to make (none for meshes and failed jobs). */
  images: SeedImage[];
  mesh: boolean;
}

const DAY = 86_400_000;

/** One made-up finished job created within `spanDays` before `now` (recent days busier). */
export function planJob(r: Rng, now: Date, spanDays = 120): SeedJobPlan {
  const model = weighted<ModelId>(r, [
    ["hunyuan-image", 55],
    ["hunyuan-image-3-0-instruct", 33],
    ["hunyuan3d-3-0-api-294", 12],
  ]);
  const kind = model === "hunyuan3d-3-0-api-294" ? "mesh" : "image";
  const prompt = composePrompt(r, model === "hunyuan-image-3-0-instruct");
  const state = weighted(r, [
    ["COMPLETED", 90],
    ["FAILED", 6],
    ["ERROR", 4],
  ] as const);
  const failure =
    state === "COMPLETED"
      ? null
      : pick(
          r,
          FAILURES.filter((f) => f[0] === state),
        );
  let params: Record<string, unknown>;
  let seed: number | null = null;
  let negativePrompt: string | null = null;
  let format: SeedImage["format"] = "png";
  let count = 1;
  if (model === "hunyuan-image") {
    seed = Math.floor(r() * SEED_MAX);
    const size = pick(r, Object.keys(IMAGE_V3_SIZES));
    count = weighted(r, [
      [1, 70],
      [2, 15],
      [4, 15],
    ] as const);
    format = r() < 0.8 ? "png" : "jpeg";
    negativePrompt = r() < 0.35 ? pick(r, NEGATIVES) : null;
    params = {
      prompt,
      ...(negativePrompt && { negative_prompt: negativePrompt }),
      image_size: size,
      num_images: count,
      ...(r() < 0.4 && { num_inference_steps: pick(r, [20, 28, 36, 50]) }),
      ...(r() < 0.4 && { guidance_scale: pick(r, [5, 6.5, 7.5, 9]) }),
      seed,
      output_format: format,
    };
  } else if (model === "hunyuan-image-3-0-instruct") {
    const size = pick(r, Object.keys(INSTRUCT_SIZES));
    count = weighted(r, [
      [1, 80],
      [2, 20],
    ] as const);
    format = pick(r, ["png", "jpeg", "webp"] as const);
    params = { prompt, image_size: size, num_images: count, output_format: format };
  } else {
    params = { prompt, face_count: pick(r, [100_000, 250_000, FACE_COUNT_DEFAULT]) };
  }
  const { width, height } =
    kind === "image"
      ? imageDimensions(model, params.image_size as string)
      : { width: 0, height: 0 };
  // Squaring the draw puts more jobs in recent days, as a team's gallery has.
  const ago = Math.pow(r(), 1.6) * spanDays * DAY;
  const createdAt = new Date(now.getTime() - ago - 60_000);
  const submittedAt = new Date(createdAt.getTime() + between(r, 50, 3000));
  const run = kind === "mesh" ? between(r, 60_000, 240_000) : between(r, 6000, 45_000);
  const startedAt =
    failure?.[0] === "FAILED" ? null : new Date(submittedAt.getTime() + between(r, 500, 15_000));
  const finishedAt = new Date((startedAt ?? submittedAt).getTime() + (failure ? run / 3 : run));
  return {
    model,
    kind,
    prompt,
    negativePrompt,
    params,
    seed,
    state,
    errorCode: failure?.[1] ?? null,
    errorMessage: failure?.[2] ?? null,
    favorite: state === "COMPLETED" && r() < 0.08,
    createdAt,
    submittedAt,
    startedAt,
    finishedAt,
    images:
      state === "COMPLETED" && kind === "image"
        ? Array.from({ length: count }, () => ({ width, height, format }))
        : [],
    mesh: state === "COMPLETED" && kind === "mesh",
  };
}
