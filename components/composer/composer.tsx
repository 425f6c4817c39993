"use client";
// The prompt form: one model picker, the documented parameters of the chosen model, checked
// with the same zod schema the server action uses before anything is sent.
import { useEffect, useId, useState, useTransition } from "react";
import {
  FACE_COUNT_DEFAULT,
  IMAGE_V3_SIZES,
  INSTRUCT_SIZES,
  MODELS,
  fieldErrors,
  generateInput,
  type ModelId,
} from "@/lib/gateway/models";
import type { BrowserJob } from "@/lib/jobs/browser-job";
import type { ActionResult } from "@/lib/auth/access";
import { Button } from "@/components/ui/button";
import { SelectField, TextField, Toggle, inputClass } from "@/components/ui/field";
import { InputImagePicker, type InputImage } from "./input-image-picker";

/** Parameters to load into the form ("Reuse settings"); a new nonce loads them again. */
export interface ComposerPreset {
  nonce: number;
  params: Record<string, unknown>;
}

export interface ComposerProps {
  preset?: ComposerPreset | null;
  generate: (raw: unknown) => Promise<ActionResult<BrowserJob>>;
  onCreated: (job: BrowserJob) => void;
  input: InputImage | null;
  onInputChange: (input: InputImage | null) => void;
  model: ModelId;
  onModelChange: (model: ModelId) => void;
}

const FORMATS = [
  { value: "png", label: "PNG" },
  { value: "jpeg", label: "JPEG" },
  { value: "webp", label: "WebP" },
];

const FACE_PRESETS = [
  { label: "50k", value: 50_000 },
  { label: "150k", value: 150_000 },
  { label: "500k", value: 500_000 },
  { label: "1M", value: 1_000_000 },
];

interface Values {
  prompt: string;
  negative_prompt: string;
  image_size_v3: string;
  image_size_instruct: string;
  num_images: string;
  num_inference_steps: string;
  guidance_v3: string;
  guidance_instruct: string;
  seed: string;
  output_v3: string;
  output_instruct: string;
  enable_safety_checker: boolean;
  enable_prompt_expansion: boolean;
  sync_mode: boolean;
  face_count: string;
}

const INITIAL: Values = {
  prompt: "",
  negative_prompt: "",
  image_size_v3: "square_hd",
  image_size_instruct: "auto",
  num_images: "1",
  num_inference_steps: "28",
  guidance_v3: "7.5",
  guidance_instruct: "3.5",
  seed: "",
  output_v3: "png",
  output_instruct: "png",
  enable_safety_checker: true,
  enable_prompt_expansion: false,
  sync_mode: false,
  face_count: String(FACE_COUNT_DEFAULT),
};

function toRequest(model: ModelId, v: Values, input: InputImage | null): Record<string, unknown> {
  if (model === "hunyuan-image") {
    return {
      model,
      prompt: v.prompt,
      negative_prompt: v.negative_prompt,
      image_size: v.image_size_v3,
      num_images: v.num_images,
      num_inference_steps: v.num_inference_steps,
      guidance_scale: v.guidance_v3,
      seed: v.seed,
      enable_safety_checker: v.enable_safety_checker,
      sync_mode: v.sync_mode,
      output_format: v.output_v3,
      enable_prompt_expansion: v.enable_prompt_expansion,
    };
  }
  if (model === "hunyuan-image-3-0-instruct") {
    return {
      model,
      prompt: v.prompt,
      image_size: v.image_size_instruct,
      num_images: v.num_images,
      guidance_scale: v.guidance_instruct,
      enable_safety_checker: v.enable_safety_checker,
      output_format: v.output_instruct,
    };
  }
  return {
    model,
    prompt: v.prompt,
    face_count: v.face_count,
    ...(input?.source === "output" ? { inputOutputId: input.id } : {}),
    ...(input?.source === "upload" ? { inputUploadId: input.id } : {}),
  };
}

function str(v: unknown, fallback: string) {
  return v === undefined || v === null ? fallback : String(v);
}

function fromParams(model: ModelId, p: Record<string, unknown>, old: Values): Values {
  const v: Values = { ...old, prompt: str(p.prompt, "") };
  if (model === "hunyuan-image") {
    Object.assign(v, {
      negative_prompt: str(p.negative_prompt, ""),
      image_size_v3: str(p.image_size, INITIAL.image_size_v3),
      num_images: str(p.num_images, "1"),
      num_inference_steps: str(p.num_inference_steps, INITIAL.num_inference_steps),
      guidance_v3: str(p.guidance_scale, INITIAL.guidance_v3),
      seed: str(p.seed, ""),
      output_v3: str(p.output_format, "png"),
      enable_safety_checker: p.enable_safety_checker !== false,
      enable_prompt_expansion: p.enable_prompt_expansion === true,
      sync_mode: p.sync_mode === true,
    });
  } else if (model === "hunyuan-image-3-0-instruct") {
    Object.assign(v, {
      image_size_instruct: str(p.image_size, INITIAL.image_size_instruct),
      num_images: str(p.num_images, "1"),
      guidance_instruct: str(p.guidance_scale, INITIAL.guidance_instruct),
      output_instruct: str(p.output_format, "png"),
      enable_safety_checker: p.enable_safety_checker !== false,
    });
  } else {
    v.face_count = str(p.face_count, INITIAL.face_count);
  }
  return v;
}

/** Maps schema field names to the composer's control names for error display. */
function remap(model: ModelId, errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { ...errors };
  if (errors.guidance_scale)
    out[model === "hunyuan-image" ? "guidance_v3" : "guidance_instruct"] = errors.guidance_scale;
  if (errors.image_size)
    out[model === "hunyuan-image" ? "image_size_v3" : "image_size_instruct"] = errors.image_size;
  if (errors.output_format)
    out[model === "hunyuan-image" ? "output_v3" : "output_instruct"] = errors.output_format;
  return out;
}

export function Composer({
  preset,
  generate,
  onCreated,
  input,
  onInputChange,
  model,
  onModelChange,
}: ComposerProps) {
  const [values, setValues] = useState<Values>(INITIAL);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const modelSelectId = useId();
  const kind = MODELS[model].kind;
  const isV3 = model === "hunyuan-image";
  // The two image models keep their own size, format and guidance, since ranges differ.
  const keys = isV3
    ? ({ size: "image_size_v3", output: "output_v3", guidance: "guidance_v3" } as const)
    : ({
        size: "image_size_instruct",
        output: "output_instruct",
        guidance: "guidance_instruct",
      } as const);

  useEffect(() => {
    setErrors({});
    setFormError(null);
  }, [model]);

  useEffect(() => {
    if (preset) setValues((old) => fromParams(model, preset.params, old));
    // Only a new preset loads values; the model arrives with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preset?.nonce]);

  const set =
    <K extends keyof Values>(key: K) =>
    (v: Values[K]) => {
      setValues((old) => ({ ...old, [key]: v }));
      setErrors((old) => {
        if (!old[key as string]) return old;
        const { [key as string]: _, ...rest } = old;
        return rest;
      });
    };

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setFormError(null);
    const request = toRequest(model, values, input);
    if (kind === "mesh" && !input) {
      setErrors({ input: "Choose an input image: upload one, or use Make 3D on a gallery image." });
      setFormError("Choose an input image first.");
      return;
    }
    const parsed = generateInput.safeParse(request);
    if (!parsed.success) {
      const fe = remap(model, fieldErrors(parsed.error));
      setErrors(fe);
      setFormError(Object.values(fe)[0] ?? "Check the form.");
      return;
    }
    startTransition(async () => {
      try {
        const result = await generate(request);
        if (!result.ok) {
          setErrors(remap(model, result.fieldErrors ?? {}));
          setFormError(result.message);
          return;
        }
        setErrors({});
        onCreated(result.data);
      } catch {
        setFormError("The studio could not take this job. Check your connection and try again.");
      }
    });
  }

  const numericHint = (min: number, max: number, d: string) => `${min}–${max}, default ${d}`;

  return (
    <form
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }
      }}
      noValidate
      className="flex flex-col gap-4"
      aria-label="New job"
    >
      <div className="flex flex-col gap-1.5">
        <label
          htmlFor={modelSelectId}
          className="text-xs font-medium tracking-wide text-neutral-300"
        >
          Model
        </label>
        <select
          id={modelSelectId}
          value={model}
          onChange={(e) => onModelChange(e.target.value as ModelId)}
          className={inputClass}
        >
          {Object.values(MODELS).map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </div>

      {kind === "mesh" ? (
        <InputImagePicker value={input} onChange={onInputChange} error={errors.input} />
      ) : null}

      <TextField
        label="Prompt"
        multiline
        rows={kind === "mesh" ? 2 : 4}
        value={values.prompt}
        onChange={set("prompt")}
        error={errors.prompt}
        placeholder={
          kind === "mesh"
            ? "Optional: what the object is, e.g. “orange cat”"
            : "A vibrant sunflower field at golden hour, bees hovering, ultra-detailed…"
        }
      />

      {kind === "image" ? (
        <>
          {isV3 ? (
            <TextField
              label="Negative prompt"
              multiline
              rows={2}
              value={values.negative_prompt}
              onChange={set("negative_prompt")}
              error={errors.negative_prompt}
              placeholder="blurry, low quality, watermark"
            />
          ) : null}
          <div className="grid grid-cols-2 gap-3">
            <div className="col-span-2">
              <SelectField
                label="Image size"
                value={values[keys.size]}
                onChange={set(keys.size)}
                error={errors[keys.size]}
                options={Object.entries(isV3 ? IMAGE_V3_SIZES : INSTRUCT_SIZES).map(
                  ([value, s]) => ({
                    value,
                    label: s.label,
                  }),
                )}
              />
            </div>
            <SelectField
              label="Output format"
              value={values[keys.output]}
              onChange={set(keys.output)}
              error={errors[keys.output]}
              options={isV3 ? FORMATS.slice(0, 2) : FORMATS}
            />
            <TextField
              label="Number of images"
              inputMode="numeric"
              value={values.num_images}
              onChange={set("num_images")}
              error={errors.num_images}
              hint="1–4"
            />
            {isV3 ? (
              <TextField
                label="Inference steps"
                inputMode="numeric"
                value={values.num_inference_steps}
                onChange={set("num_inference_steps")}
                error={errors.num_inference_steps}
                hint={numericHint(1, 50, "28")}
              />
            ) : null}
            <TextField
              label="Guidance scale"
              inputMode="decimal"
              value={values[keys.guidance]}
              onChange={set(keys.guidance)}
              error={errors[keys.guidance]}
              hint={isV3 ? numericHint(1, 20, "7.5") : numericHint(1, 10, "3.5")}
            />
            {isV3 ? (
              <TextField
                label="Seed"
                inputMode="numeric"
                value={values.seed}
                onChange={set("seed")}
                error={errors.seed}
                placeholder="Random"
                hint="Empty: the studio picks one"
              />
            ) : null}
          </div>
          <div className="flex flex-col gap-2">
            <Toggle
              label="Safety checker"
              checked={values.enable_safety_checker}
              onChange={set("enable_safety_checker")}
              hint="Filter unsafe content"
            />
            {isV3 ? (
              <>
                <Toggle
                  label="Prompt expansion"
                  checked={values.enable_prompt_expansion}
                  onChange={set("enable_prompt_expansion")}
                  hint="Let a language model add detail"
                />
                <Toggle
                  label="Sync mode"
                  checked={values.sync_mode}
                  onChange={set("sync_mode")}
                  hint="Return images inline; not kept in the gateway's history"
                />
              </>
            ) : null}
          </div>
        </>
      ) : null}

      {kind === "mesh" ? (
        <div className="flex flex-col gap-2">
          <TextField
            label="Face count"
            inputMode="numeric"
            value={values.face_count}
            onChange={set("face_count")}
            error={errors.face_count}
            hint="40,000–1,500,000 triangles; more detail takes longer"
          />
          <div className="flex gap-1.5" role="group" aria-label="Mesh detail presets">
            {FACE_PRESETS.map((p) => (
              <button
                key={p.value}
                type="button"
                onClick={() => set("face_count")(String(p.value))}
                aria-pressed={values.face_count === String(p.value)}
                className="rounded-md border border-neutral-700 px-2.5 py-1 text-xs text-neutral-300 hover:border-neutral-500 aria-pressed:border-violet-400 aria-pressed:bg-violet-500/15 aria-pressed:text-violet-200"
              >
                {p.label}
              </button>
            ))}
          </div>
        </div>
      ) : null}

      {formError ? (
        <div
          role="alert"
          className="rounded-lg border border-red-500/30 bg-red-500/10 px-3 py-2 text-sm text-red-200"
        >
          {formError}
        </div>
      ) : null}

      <Button type="submit" variant="primary" disabled={pending} className="h-11">
        {pending ? "Sending…" : "Generate"}
      </Button>
      <p className="-mt-2 text-center text-[11px] text-neutral-500">Ctrl + Enter to generate</p>
    </form>
  );
}
