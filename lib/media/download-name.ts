// The one rule for the names of downloaded files: a readable stem from the prompt (letters,
// digits, spaces, dashes and underscores; at most 60 characters) and the format's extension.
// Client-safe.

export function fileStem(text: string | null | undefined, fallback = "hunyuan"): string {
  const stem = (text ?? "")
    // "Café" keeps its letters as "Cafe" rather than losing the accented one.
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9 _-]/gi, "")
    .trim()
    .slice(0, 60)
    .trim()
    .replace(/\s+/g, "-");
  return stem || fallback;
}

/** `a cat, on a mat` + "png" → `a-cat-on-a-mat.png`; a suffix goes before the extension. */
export function downloadName(
  text: string | null | undefined,
  ext: string,
  opts: { suffix?: string; fallback?: string } = {},
): string {
  return `${fileStem(text, opts.fallback)}${opts.suffix ?? ""}.${ext}`;
}

/** The header that makes a browser save a response as `name` (already made by downloadName). */
export function attachment(name: string): string {
  return `attachment; filename="${name}"`;
}
