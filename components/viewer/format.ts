// Sizes, savings and file names for the viewer (counts and durations: components/ui/format).

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

/** Binary units (1 KB = 1024 B), like most design tools; "–" when the size is unknown. */
export function formatBytes(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n) || n < 0) return "–";
  if (n < 1024) return `${Math.round(n)} B`;
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  let digits = value < 100 ? 1 : 0;
  // 1023.97 KB would print as "1024.0 KB"; show the next unit instead.
  if (Number(value.toFixed(digits)) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
    digits = 1;
  }
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** How much smaller the preview is than the original, e.g. "−82%"; null when unknown. */
export function formatSaving(original: number | null, preview: number | null): string | null {
  if (!original || preview == null || original <= 0 || preview < 0) return null;
  const saved = Math.round((1 - preview / original) * 100);
  return saved >= 0 ? `−${saved}%` : `+${-saved}%`;
}

/** A safe download name from a free-text title, e.g. "A red chair!" → "a-red-chair.png". */
export function fileNameFromTitle(title: string, extension: string): string {
  const stem = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${stem || "mesh"}.${extension}`;
}
