// The composer's state: one form per model, under the schema's own field names. A field the
// designer has not set is blank ("" for text, number and select controls, null for toggles), and
// stays out of the request so the model's own default applies. The schemas parse the strings.
import type { z } from "zod";
import {
  MODELS,
  imageV3Params,
  instructParams,
  meshParams,
  type ModelId,
} from "@/lib/gateway/models";
import type { BrowserJob } from "@/lib/jobs/browser-job";
import type { InputImage } from "./input-image-picker";
import { jobSeed, type RecallMode } from "./recall";

/** What each model's form edits: its request body, less what the studio fills in. */
const FORM_SCHEMAS = {
  "hunyuan-image": imageV3Params,
  "hunyuan-image-3-0-instruct": instructParams,
  "hunyuan3d-3-0-api-294": meshParams.omit({ input_image_url: true }),
} satisfies Record<ModelId, z.ZodObject>;

/** Toggles are on, off or null (the model's default); every other control holds a string. */
type FormOf<T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends boolean ? boolean | null : string;
};

export type FormValues<M extends ModelId> = FormOf<z.output<(typeof FORM_SCHEMAS)[M]>>;
export type Forms = { [M in ModelId]: FormValues<M> };

/** Props of a model's fields component. */
export interface FieldsProps<M extends ModelId> {
  values: FormValues<M>;
  errors: Record<string, string>;
  onChange: (patch: Partial<FormValues<M>>) => void;
}

/** Settings of an earlier job to load into the composer ("Reuse settings"). */
export interface ReusedSettings {
  model: ModelId;
  params: Record<string, unknown>;
}

type LooseForm = Record<string, string | boolean | null>;

const MODEL_IDS = Object.keys(MODELS) as ModelId[];

// These carry across as the designer switches model. The two image models keep their own
// size, format and guidance, since their ranges differ.
const SHARED_FIELDS = ["prompt", "num_images", "enable_safety_checker"] as const;

/** A toggle's field takes a boolean; no other field does (numbers and enums refuse `true`). */
function isToggle(field: z.ZodType): boolean {
  const probe = field.safeParse(true);
  return probe.success && probe.data === true;
}

/** A form with every field unset. */
function blankForm(schema: z.ZodObject): LooseForm {
  const out: LooseForm = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    out[key] = isToggle(field as z.ZodType) ? null : "";
  }
  return out;
}

/** Every model's form as it first appears: nothing set, so every model default applies. */
export const DEFAULT_FORMS = Object.fromEntries(
  MODEL_IDS.map((id) => [id, blankForm(FORM_SCHEMAS[id])]),
) as unknown as Forms;

/** A form filled from a job's stored parameters; what the job left unset stays unset. */
function formFromParams(blank: LooseForm, params: Record<string, unknown>): LooseForm {
  const out = { ...blank };
  for (const [key, unset] of Object.entries(blank)) {
    const value = params[key];
    if (value == null) continue;
    if (unset === null) out[key] = typeof value === "boolean" ? value : null;
    else out[key] = String(value);
  }
  return out;
}

/** `forms` with `patch` applied to one model's form; shared fields follow in the others. */
export function withChange<M extends ModelId>(
  forms: Forms,
  model: M,
  patch: Partial<FormValues<M>>,
): Forms {
  const changes = patch as Partial<LooseForm>;
  const next = { ...forms, [model]: { ...forms[model], ...changes } } as Record<ModelId, LooseForm>;
  for (const key of SHARED_FIELDS) {
    const value = changes[key];
    if (value === undefined) continue;
    for (const other of MODEL_IDS) {
      if (other !== model && key in next[other]) next[other] = { ...next[other], [key]: value };
    }
  }
  return next as unknown as Forms;
}

/** The composer's first state: nothing set, or an earlier job's settings. */
export function initialForms(reused?: ReusedSettings | null): Forms {
  if (!reused) return DEFAULT_FORMS;
  const filled = formFromParams(DEFAULT_FORMS[reused.model], reused.params);
  return withChange(DEFAULT_FORMS, reused.model, filled as Partial<FormValues<ModelId>>);
}

/**
 * What the composer sends to the `generate` action for the chosen model: the prompt, and only
 * the fields the designer set.
 */
export function toRequest(
  model: ModelId,
  forms: Forms,
  input: InputImage | null,
): Record<string, unknown> {
  const request: Record<string, unknown> = { model };
  for (const [key, value] of Object.entries(forms[model] as LooseForm)) {
    if (key === "prompt" || (value !== null && value !== "")) request[key] = value;
  }
  if (MODELS[model].kind === "mesh") {
    if (input?.source === "output") request.inputOutputId = input.id;
    if (input?.source === "upload") request.inputUploadId = input.id;
  }
  return request;
}

/** What a recall reads of a job. */
export type RecallSource = Pick<
  BrowserJob,
  "model" | "kind" | "prompt" | "params" | "seed" | "input"
>;

export interface RecallResult {
  forms: Forms;
  /** Why part of the job could not be used; null when all of it was. */
  message: string | null;
}

const SEED_MODELS = MODEL_IDS.filter((id) => "seed" in DEFAULT_FORMS[id]);

/**
 * `forms` with `job` recalled into them (see RecallMode). `current` is the model chosen when the
 * designer asked: `prompt` and `seed` go into its form; `all` and `remix` into the job's model's.
 * Shared fields follow into the other models as they do when typed.
 */
export function recallForms(
  forms: Forms,
  current: ModelId,
  job: RecallSource,
  mode: RecallMode,
): RecallResult {
  const seed = jobSeed(job);
  if (mode === "seed") {
    if (seed == null) return { forms, message: "This job has no seed to use." };
    if (!("seed" in forms[current])) {
      const models = SEED_MODELS.map((id) => MODELS[id].label).join(" or ");
      return {
        forms,
        message: `${MODELS[current].label} takes no seed. Choose ${models} to use seed ${seed}.`,
      };
    }
    return { forms: withChange(forms, current, { seed: String(seed) }), message: null };
  }

  if (mode === "prompt") {
    if (!job.prompt.trim()) return { forms, message: "This job has no prompt to use." };
    const patch: LooseForm = { prompt: job.prompt };
    // A job whose model takes no negative prompt says nothing about it: keep the one typed.
    const jobTakesNegative = Object.hasOwn(MODELS, job.model) && "negative_prompt" in blankOf(job);
    if ("negative_prompt" in forms[current] && jobTakesNegative) {
      const negative = job.params.negative_prompt;
      patch.negative_prompt = typeof negative === "string" ? negative : "";
    }
    return {
      forms: withChange(forms, current, patch as Partial<FormValues<ModelId>>),
      message: null,
    };
  }

  if (!Object.hasOwn(MODELS, job.model)) {
    return {
      forms,
      message: "This job's model is no longer offered; its settings were not loaded.",
    };
  }
  const model = job.model;
  const params: Record<string, unknown> = { ...job.params, prompt: job.prompt };
  if (mode === "all" && seed != null) params.seed = seed;
  if (mode === "remix") delete params.seed;
  const filled = formFromParams(blankOf(job), params);
  const message =
    job.kind === "mesh" && !job.input
      ? "This job's input image is no longer available: choose one before generating."
      : null;
  return { forms: withChange(forms, model, filled as Partial<FormValues<ModelId>>), message };
}

function blankOf(job: RecallSource): LooseForm {
  return DEFAULT_FORMS[job.model] as unknown as LooseForm;
}
