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
import type { InputImage } from "./input-image-picker";

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
