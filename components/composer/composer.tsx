"use client";
// The prompt form: one model picker, the documented parameters of the chosen model, checked
// with the same zod schema the server action uses before anything is sent.
import { useId, useState, useTransition } from "react";
import { MODELS, fieldErrors, generateInput, type ModelId } from "@/lib/gateway/models";
import type { BrowserJob } from "@/lib/jobs/browser-job";
import type { ActionResult } from "@/lib/auth/access";
import { Button } from "@/components/ui/button";
import { TextField, inputClass } from "@/components/ui/field";
import {
  initialForms,
  recallForms,
  toRequest,
  withChange,
  type FormValues,
  type ReusedSettings,
} from "./form-values";
import { ImageV3Fields } from "./image-v3-fields";
import { InputImagePicker, type InputImage } from "./input-image-picker";
import { InstructFields } from "./instruct-fields";
import { MeshFields } from "./mesh-fields";
import type { Recall } from "./recall";

export interface ComposerProps {
  /** Read once, when the composer mounts: give it a new `key` to load other settings. */
  reused?: ReusedSettings | null;
  /**
   * An earlier job to load into the form as it is now, without remounting: applied once per new
   * `recall.key`. One present when the composer mounts counts as already applied. The studio
   * switches `model` and `input` itself (see recallTarget in ./recall).
   */
  recall?: Recall | null;
  generate: (raw: unknown) => Promise<ActionResult<BrowserJob>>;
  onCreated: (job: BrowserJob) => void;
  input: InputImage | null;
  onInputChange: (input: InputImage | null) => void;
  model: ModelId;
  onModelChange: (model: ModelId) => void;
}

/** What the last attempt said about the form of `model`; shown only while it is chosen. */
interface Feedback {
  model: ModelId;
  fields: Record<string, string>;
  message: string | null;
}

export function Composer({
  reused,
  recall,
  generate,
  onCreated,
  input,
  onInputChange,
  model,
  onModelChange,
}: ComposerProps) {
  const [forms, setForms] = useState(() => initialForms(reused));
  const [feedback, setFeedback] = useState<Feedback>({ model, fields: {}, message: null });
  const [pending, startTransition] = useTransition();
  const modelSelectId = useId();
  // What a recall could not use ("this model takes no seed"); gone at the next edit.
  const [notice, setNotice] = useState<string | null>(null);
  const [recalledKey, setRecalledKey] = useState(recall?.key ?? null);
  if (recall && recall.key !== recalledKey) {
    // Adjusting state to a new prop while rendering: React re-renders at once, before painting.
    const result = recallForms(forms, model, recall.job, recall.mode);
    setRecalledKey(recall.key);
    setForms(result.forms);
    setNotice(result.message);
    setFeedback({ model, fields: {}, message: null });
  }
  const kind = MODELS[model].kind;
  const shown = feedback.model === model ? feedback : null;
  const errors = shown?.fields ?? {};

  function change<M extends ModelId>(target: M, patch: Partial<FormValues<M>>) {
    setForms((old) => withChange(old, target, patch));
    setNotice(null);
    setFeedback((old) => {
      const stale = Object.keys(patch).filter((key) => old.fields[key]);
      if (stale.length === 0) return old;
      const fields = { ...old.fields };
      for (const key of stale) delete fields[key];
      return { ...old, fields };
    });
  }

  function chooseModel(next: ModelId) {
    setFeedback({ model: next, fields: {}, message: null });
    setNotice(null);
    onModelChange(next);
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const sent = model;
    setNotice(null);
    if (kind === "mesh" && !input) {
      setFeedback({
        model: sent,
        fields: { input: "Choose an input image: upload one, or use Make 3D on a gallery image." },
        message: "Choose an input image first.",
      });
      return;
    }
    const request = toRequest(sent, forms, input);
    const parsed = generateInput.safeParse(request);
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      setFeedback({ model: sent, fields, message: Object.values(fields)[0] ?? "Check the form." });
      return;
    }
    setFeedback({ model: sent, fields: errors, message: null });
    startTransition(async () => {
      try {
        const result = await generate(request);
        if (!result.ok) {
          setFeedback({ model: sent, fields: result.fieldErrors ?? {}, message: result.message });
          return;
        }
        setFeedback({ model: sent, fields: {}, message: null });
        onCreated(result.data);
      } catch {
        setFeedback((old) => ({
          model: sent,
          fields: old.model === sent ? old.fields : {},
          message: "The studio could not take this job. Check your connection and try again.",
        }));
      }
    });
  }

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
          onChange={(e) => chooseModel(e.target.value as ModelId)}
          className={inputClass}
        >
          {Object.values(MODELS).map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </div>

      <div role="status" className="empty:hidden">
        {notice ? (
          <p className="rounded-lg border border-amber-500/30 bg-amber-500/10 px-3 py-2 text-sm text-amber-200">
            {notice}
          </p>
        ) : null}
      </div>

      {kind === "mesh" ? (
        <InputImagePicker value={input} onChange={onInputChange} error={errors.input} />
      ) : null}

      <TextField
        label="Prompt"
        multiline
        rows={kind === "mesh" ? 2 : 4}
        value={forms[model].prompt}
        onChange={(prompt) => change(model, { prompt })}
        error={errors.prompt}
        placeholder={
          kind === "mesh"
            ? "Optional: what the object is, e.g. “orange cat”"
            : "A vibrant sunflower field at golden hour, bees hovering, ultra-detailed…"
        }
      />

      {model === "hunyuan-image" ? (
        <ImageV3Fields
          values={forms[model]}
          errors={errors}
          onChange={(patch) => change("hunyuan-image", patch)}
        />
      ) : model === "hunyuan-image-3-0-instruct" ? (
        <InstructFields
          values={forms[model]}
          errors={errors}
          onChange={(patch) => change("hunyuan-image-3-0-instruct", patch)}
        />
      ) : (
        <MeshFields
          values={forms[model]}
          errors={errors}
          onChange={(patch) => change("hunyuan3d-3-0-api-294", patch)}
        />
      )}

      {shown?.message ? (
        <div
          role="alert"
          className="rounded-lg border border-red-500/30 bg-red-500/10 px-3 py-2 text-sm text-red-200"
        >
          {shown.message}
        </div>
      ) : null}

      <Button type="submit" variant="primary" disabled={pending} className="h-11">
        {pending ? "Sending…" : "Generate"}
      </Button>
      <p className="-mt-2 text-center text-[11px] text-neutral-500">Ctrl + Enter to generate</p>
    </form>
  );
}
