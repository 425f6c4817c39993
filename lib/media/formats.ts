// The one table of file formats the studio reads, keeps and serves: extension, MIME type and
// kind. Client-safe.

export const FORMATS = {
  png: { ext: "png", mime: "image/png", kind: "image" },
  jpeg: { ext: "jpg", mime: "image/jpeg", kind: "image" },
  webp: { ext: "webp", mime: "image/webp", kind: "image" },
  glb: { ext: "glb", mime: "model/gltf-binary", kind: "mesh" },
  stl: { ext: "stl", mime: "model/stl", kind: "export" },
  zip: { ext: "zip", mime: "application/zip", kind: "export" },
  json: { ext: "json", mime: "application/json", kind: "export" },
} as const;

export type FormatName = keyof typeof FORMATS;
export type Format = (typeof FORMATS)[FormatName];

const BY_EXT = new Map<string, Format>(Object.values(FORMATS).map((f) => [f.ext, f]));
const BY_MIME = new Map<string, Format>(Object.values(FORMATS).map((f) => [f.mime, f]));

/** The format a stored key or file name ends in, if the studio knows it. */
export function formatOfName(name: string): Format | undefined {
  const ext = name.split(".").pop()?.toLowerCase() ?? "";
  return BY_EXT.get(ext === "jpeg" ? "jpg" : ext);
}

export function formatOfMime(mime: string): Format | undefined {
  return BY_MIME.get(mime);
}

/** The MIME type to serve a stored key with. */
export function mimeOfName(name: string): string {
  return formatOfName(name)?.mime ?? "application/octet-stream";
}
