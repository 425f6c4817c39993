// Controls the composer's forms share: same label, range and hint in every form, and the same
// way of showing a field the designer has not set ("Model default", with what that default is).
import { useId } from "react";
import { TextField } from "@/components/ui/field";

const FORMAT_LABELS = { png: "PNG", jpeg: "JPEG", webp: "WebP" } as const;
type Format = keyof typeof FORMAT_LABELS;

/** The option that leaves a select unset, so the model's own default applies. */
function defaultOption(label: string) {
  return { value: "", label: `Model default (${label})` };
}

export function formatOptions(formats: readonly Format[], modelDefault: Format) {
  return [
    defaultOption(FORMAT_LABELS[modelDefault]),
    ...formats.map((value) => ({ value, label: FORMAT_LABELS[value] })),
  ];
}

export function sizeOptions<S extends Record<string, { label: string }>>(
  sizes: S,
  modelDefault: keyof S & string,
) {
  return [
    defaultOption(sizes[modelDefault].label),
    ...Object.entries(sizes).map(([value, s]) => ({ value, label: s.label })),
  ];
}

export function numericHint(min: number, max: number, modelDefault: number) {
  return `${min}–${max}; model default ${modelDefault.toLocaleString("en-US")}`;
}

/** Placeholder of a number field left empty. */
export const MODEL_DEFAULT = "Model default";

export function NumImagesField({
  value,
  onChange,
  error,
  modelDefault,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string;
  modelDefault: number;
}) {
  return (
    <TextField
      label="Number of images"
      inputMode="numeric"
      value={value}
      onChange={onChange}
      error={error}
      placeholder={MODEL_DEFAULT}
      hint={numericHint(1, 4, modelDefault)}
    />
  );
}

function onOff(v: boolean) {
  return v ? "on" : "off";
}

/**
 * A switch that is on, off, or not set (null): then the model decides, and the switch shows the
 * model's default where the reference gives one. "Use model default" unsets it again.
 */
export function OptionalToggle({
  label,
  value,
  modelDefault,
  onChange,
  hint,
}: {
  label: string;
  value: boolean | null;
  /** The reference's default; null where it gives none and the gateway decides. */
  modelDefault: boolean | null;
  onChange: (v: boolean | null) => void;
  hint?: string;
}) {
  const id = useId();
  const unset = value === null;
  const said =
    modelDefault === null
      ? "Model default (the gateway decides)"
      : `Model default (${onOff(modelDefault)})`;
  return (
    <div className="flex items-start justify-between gap-3 rounded-lg border border-neutral-800 bg-neutral-900/60 px-3 py-2">
      <div>
        <label htmlFor={id} className="text-xs font-medium text-neutral-200">
          {label}
        </label>
        {hint ? <p className="text-[11px] text-neutral-500">{hint}</p> : null}
        <p id={`${id}-setting`} className="text-[11px] text-neutral-400">
          {unset ? (
            said
          ) : (
            <>
              Set {onOff(value)} ·{" "}
              <button
                type="button"
                onClick={() => onChange(null)}
                className="text-violet-300 underline-offset-2 hover:underline"
              >
                Use model default<span className="sr-only"> for {label}</span>
              </button>
            </>
          )}
        </p>
      </div>
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={value ?? modelDefault ?? false}
        aria-describedby={`${id}-setting`}
        onChange={(e) => onChange(e.target.checked)}
        className={`mt-0.5 h-4 w-7 shrink-0 cursor-pointer appearance-none rounded-full bg-neutral-700 transition-colors before:block before:h-3 before:w-3 before:translate-x-0.5 before:translate-y-0.5 before:rounded-full before:bg-white before:transition-transform checked:bg-violet-500 checked:before:translate-x-3.5 ${unset ? "opacity-60" : ""}`}
      />
    </div>
  );
}

export function SafetyToggle({
  value,
  onChange,
  modelDefault,
}: {
  value: boolean | null;
  onChange: (v: boolean | null) => void;
  modelDefault: boolean;
}) {
  return (
    <OptionalToggle
      label="Safety checker"
      value={value}
      modelDefault={modelDefault}
      onChange={onChange}
      hint="Filter unsafe content"
    />
  );
}
