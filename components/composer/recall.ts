// Loading an earlier job into the composer on request ("Use all parameters", "Use prompt",
// "Use seed", "Remix"). The composer changes its forms (recallForms in form-values.ts); the
// studio, which owns the chosen model and input image, changes those with recallTarget.
import { MODELS, type ModelId } from "@/lib/gateway/models";
import type { BrowserJob } from "@/lib/jobs/browser-job";
import type { InputImage } from "./input-image-picker";

/**
 * - `all`: the job's model and every parameter it was sent with (what it left unset stays unset);
 *   for a 3D job also its input image.
 * - `prompt`: only the prompt (and negative prompt), into the model chosen now.
 * - `seed`: only the seed, into the model chosen now.
 * - `remix`: as `all`, with the seed left empty so the studio picks a new one.
 */
export type RecallMode = "all" | "prompt" | "seed" | "remix";

/** A request to load a job into the composer; each new `key` is applied once. */
export interface Recall {
  key: number;
  job: BrowserJob;
  mode: RecallMode;
}

export const RECALL_LABELS: Record<RecallMode, string> = {
  all: "Use all parameters",
  prompt: "Use prompt",
  seed: "Use seed",
  remix: "Remix",
};

/** What the composer is pointed at outside its forms: the chosen model and 3D input image. */
export interface RecallTarget {
  model: ModelId;
  input: InputImage | null;
}

function isModelId(model: string): model is ModelId {
  return Object.hasOwn(MODELS, model);
}

/**
 * The model and input image the composer should show after recalling `job`: `all` and `remix`
 * switch to the job's model, and a 3D job brings its input image; `prompt` and `seed` change
 * neither. A 3D job whose input image is gone keeps the current one.
 */
export function recallTarget(
  job: Pick<BrowserJob, "model" | "kind" | "input" | "inputImageUrl" | "prompt">,
  mode: RecallMode,
  current: RecallTarget,
): RecallTarget {
  if (mode === "prompt" || mode === "seed" || !isModelId(job.model)) return current;
  const input =
    job.kind === "mesh" && job.input
      ? { ...job.input, url: job.inputImageUrl ?? "", label: job.prompt || "Input image" }
      : current.input;
  return { model: job.model, input };
}

/** The seed a job ran with: the one it was sent with, or the one the studio picked for it. */
export function jobSeed(job: Pick<BrowserJob, "params" | "seed">): number | null {
  const sent = job.params.seed;
  if (typeof sent === "number" && Number.isFinite(sent)) return sent;
  return job.seed;
}
