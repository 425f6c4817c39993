// Generation data: what made a file (model, prompt, negative prompt, seed and every parameter as
// sent), carried inside each downloaded PNG, JPEG, WebP and GLB so the file alone can bring its
// settings back into the composer. One shape, one name for it, read and written here.
import { z } from "zod";
import { MODELS, type ModelId } from "@/lib/gateway/models";
import { sentParams } from "@/lib/jobs/browser-job";

/** The key under which the data sits: PNG text keyword, XMP property, GLB `asset.extras` key. */
export const GENERATION_KEY = "hunyuan-studio";
export const GENERATION_FORMAT = "hunyuan-studio/generation@1";

export const generationData = z.object({
  format: z.literal(GENERATION_FORMAT),
  model: z.string().max(200),
  prompt: z.string().max(20_000),
  negativePrompt: z.string().max(20_000).nullable(),
  seed: z.number().int().nullable(),
  /** The request's fields as sent, without the input image's link (a credential). */
  params: z.record(z.string(), z.unknown()),
  jobId: z.string().max(100),
  createdAt: z.string().max(40),
});
export type GenerationData = z.infer<typeof generationData>;

export interface GeneratingJob {
  id: string;
  model: string;
  prompt: string;
  negativePrompt: string | null;
  seed: number | null;
  params: string;
  createdAt: Date;
}

export function generationDataOf(job: GeneratingJob): GenerationData {
  return {
    format: GENERATION_FORMAT,
    model: job.model,
    prompt: job.prompt,
    negativePrompt: job.negativePrompt,
    seed: job.seed,
    params: sentParams(job.params),
    jobId: job.id,
    createdAt: job.createdAt.toISOString(),
  };
}

/** One line of settings as other image tools print them ("parameters" text in a PNG). */
export function parametersText(data: GenerationData): string {
  const label = MODELS[data.model as ModelId]?.label ?? data.model;
  const settings = Object.entries(data.params)
    .filter(([k]) => k !== "prompt" && k !== "negative_prompt")
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`);
  return [
    data.prompt,
    data.negativePrompt ? `Negative prompt: ${data.negativePrompt}` : null,
    [`Model: ${label}`, data.seed != null ? `Seed: ${data.seed}` : null, ...settings]
      .filter(Boolean)
      .join(", "),
  ]
    .filter((line) => line !== null)
    .join("\n");
}

export type ReadResult =
  { ok: true; data: GenerationData & { model: ModelId } } | { ok: false; message: string };

/** Checks what a file carried: ours, readable, and made by a model the studio knows. */
export function checkGenerationData(raw: unknown): ReadResult {
  const parsed = generationData.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, message: "This file's generation data is damaged or from another tool." };
  }
  const data = parsed.data;
  if (!Object.hasOwn(MODELS, data.model)) {
    return {
      ok: false,
      message: `This file was made by a model the studio does not know (“${data.model.slice(0, 80)}”).`,
    };
  }
  return { ok: true, data: data as GenerationData & { model: ModelId } };
}
