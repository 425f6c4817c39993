// Controls the two image models share: same label, range and hint in both forms.
import { TextField, Toggle } from "@/components/ui/field";

const FORMAT_LABELS = { png: "PNG", jpeg: "JPEG", webp: "WebP" } as const;

export function formatOptions(formats: readonly (keyof typeof FORMAT_LABELS)[]) {
  return formats.map((value) => ({ value, label: FORMAT_LABELS[value] }));
}

export function sizeOptions(sizes: Record<string, { label: string }>) {
  return Object.entries(sizes).map(([value, s]) => ({ value, label: s.label }));
}

export function numericHint(min: number, max: number, fallback: string) {
  return `${min}–${max}, default ${fallback}`;
}

export function NumImagesField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  return (
    <TextField
      label="Number of images"
      inputMode="numeric"
      value={value}
      onChange={onChange}
      error={error}
      hint="1–4"
    />
  );
}

export function SafetyToggle({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <Toggle
      label="Safety checker"
      checked={checked}
      onChange={onChange}
      hint="Filter unsafe content"
    />
  );
}
