// Hunyuan3D 3.0's parameters, below the input image and the prompt.
import { FACE_COUNT_MAX, FACE_COUNT_MIN, MODELS } from "@/lib/gateway/models";
import { TextField } from "@/components/ui/field";
import type { FieldsProps } from "./form-values";
import { MODEL_DEFAULT } from "./image-controls";

const range = `${FACE_COUNT_MIN.toLocaleString("en-US")}–${FACE_COUNT_MAX.toLocaleString("en-US")}`;
const modelDefault = MODELS["hunyuan3d-3-0-api-294"].defaults.face_count.toLocaleString("en-US");

const FACE_PRESETS = [
  { label: "50k", value: "50000" },
  { label: "150k", value: "150000" },
  { label: "500k", value: "500000" },
  { label: "1M", value: "1000000" },
];

export function MeshFields({ values, errors, onChange }: FieldsProps<"hunyuan3d-3-0-api-294">) {
  return (
    <div className="flex flex-col gap-2">
      <TextField
        label="Face count"
        inputMode="numeric"
        value={values.face_count}
        onChange={(face_count) => onChange({ face_count })}
        error={errors.face_count}
        placeholder={MODEL_DEFAULT}
        hint={`${range} triangles, model default ${modelDefault}; more detail takes longer`}
      />
      <div className="flex gap-1.5" role="group" aria-label="Mesh detail presets">
        {FACE_PRESETS.map((p) => (
          <button
            key={p.value}
            type="button"
            onClick={() => onChange({ face_count: p.value })}
            aria-pressed={values.face_count === p.value}
            className="rounded-md border border-neutral-700 px-2.5 py-1 text-xs text-neutral-300 hover:border-neutral-500 aria-pressed:border-violet-400 aria-pressed:bg-violet-500/15 aria-pressed:text-violet-200"
          >
            {p.label}
          </button>
        ))}
      </div>
    </div>
  );
}
