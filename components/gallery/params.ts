// A job's parameters as the gallery shows them: labelled, with the model's documented default
// for those not sent, and which of them differ between jobs being compared.
import { MODELS, withDocumentedDefaults } from "@/lib/gateway/models";
import type { BrowserJob } from "@/lib/jobs/browser-job";

export const PARAM_LABELS: Record<string, string> = {
  model: "Model",
  prompt: "Prompt",
  negative_prompt: "Negative prompt",
  image_size: "Image size",
  num_images: "Number of images",
  num_inference_steps: "Inference steps",
  guidance_scale: "Guidance scale",
  seed: "Seed",
  enable_safety_checker: "Safety checker",
  sync_mode: "Sync mode",
  output_format: "Output format",
  enable_prompt_expansion: "Prompt expansion",
  face_count: "Face count",
};

export function paramLabel(key: string): string {
  return PARAM_LABELS[key] ?? key;
}

/** One value as text: booleans as On/Off, nothing as "–". */
export function showValue(v: unknown): string {
  if (typeof v === "boolean") return v ? "On" : "Off";
  if (v === "" || v == null) return "–";
  return String(v);
}

type ParamJob = Pick<BrowserJob, "model" | "params">;

function defaultsOf(job: ParamJob): Record<string, unknown> {
  return MODELS[job.model]?.defaults ?? {};
}

/** What was sent, or "Model default (…)": the words the gallery uses for a field left unset. */
function sentOrDefault(job: ParamJob, key: string): string {
  if (key in job.params) return showValue(job.params[key]);
  const d = defaultsOf(job)[key];
  return `Model default${d == null ? "" : ` (${showValue(d)})`}`;
}

/**
 * Every parameter the job's model takes, prompt aside (shown on its own): what was sent, or the
 * model's default for what was not.
 */
export function paramRows(job: ParamJob): { key: string; label: string; value: string }[] {
  const keys = [...new Set([...Object.keys(job.params), ...Object.keys(defaultsOf(job))])];
  return keys
    .filter((k) => k !== "prompt")
    .map((key) => ({ key, label: paramLabel(key), value: sentOrDefault(job, key) }));
}

type CompareJob = Pick<BrowserJob, "model" | "modelLabel" | "prompt" | "params" | "seed">;

/** The job as its model ran it: sent values, documented defaults for the rest, and its seed. */
function asRun(job: CompareJob): Record<string, unknown> {
  const run: Record<string, unknown> = MODELS[job.model]
    ? withDocumentedDefaults(job.model, job.params)
    : { ...job.params };
  if (run.seed == null && job.seed != null) run.seed = job.seed;
  run.model = job.model;
  run.prompt = job.prompt;
  return run;
}

function keysOf(jobs: CompareJob[]): string[] {
  const keys = new Set<string>(["model", "prompt"]);
  for (const job of jobs) for (const key of Object.keys(asRun(job))) keys.add(key);
  return [...keys];
}

/**
 * The parameters whose values, as run, are not the same in every job: `model`, `prompt` and the
 * request's field names. A field left unset counts as its model's default, so an unset guidance
 * scale and an explicit 7.5 on Hunyuan Image v3 do not differ.
 */
export function differingParams(jobs: CompareJob[]): string[] {
  if (jobs.length < 2) return [];
  const runs = jobs.map(asRun);
  return keysOf(jobs).filter((key) => {
    const first = JSON.stringify(runs[0][key] ?? null);
    return runs.some((run) => JSON.stringify(run[key] ?? null) !== first);
  });
}

export interface CompareRow {
  key: string;
  label: string;
  /** One per job, in order: the value as sent, or "Model default (…)". */
  values: string[];
  differs: boolean;
}

/** The table a comparison shows: prompt aside, every parameter any of the jobs takes. */
export function compareRows(jobs: CompareJob[]): CompareRow[] {
  const differing = new Set(differingParams(jobs));
  return keysOf(jobs)
    .filter((key) => key !== "prompt")
    .map((key) => ({
      key,
      label: paramLabel(key),
      values: jobs.map((job) =>
        key === "model"
          ? job.modelLabel
          : key === "seed" && !("seed" in job.params) && job.seed != null
            ? String(job.seed)
            : key in defaultsOf(job) || key in job.params
              ? sentOrDefault(job, key)
              : "–",
      ),
      differs: differing.has(key),
    }));
}
