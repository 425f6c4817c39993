import "server-only";
// Mesh downloads in the formats other tools need, made once from the stored original and
// kept in the media store.
import { FACE_COUNT_MAX } from "@/lib/gateway/models";
import { FORMATS, type Format } from "./formats";
import { simplifyGlb, toObjZip, toStl } from "./mesh";
import { readMedia, statMedia, writeMedia } from "./store";

export type ExportFormat = "obj" | "stl" | "simplified";

/** The file each export is stored and served as; OBJ comes zipped with its MTL and textures. */
export const EXPORT_FILE: Record<ExportFormat, Format> = {
  obj: FORMATS.zip,
  stl: FORMATS.stl,
  simplified: FORMATS.glb,
};

export async function meshExport(args: {
  outputId: string;
  mediaKey: string;
  format: ExportFormat;
  faces?: number;
}): Promise<{ key: string; file: Format } | null> {
  const { outputId, mediaKey, format } = args;
  const file = EXPORT_FILE[format];
  const key =
    format === "simplified"
      ? `exports/${outputId}/simplified-${Math.min(args.faces ?? 50_000, FACE_COUNT_MAX)}.${file.ext}`
      : `exports/${outputId}/model.${file.ext}`;
  if (await statMedia(key)) return { key, file };
  const original = await readMedia(mediaKey);
  if (!original) return null;
  const glb = new Uint8Array(original);
  let bytes: Uint8Array;
  if (format === "obj") bytes = await toObjZip(glb, "model");
  else if (format === "stl") bytes = await toStl(glb);
  else bytes = (await simplifyGlb(glb, args.faces ?? 50_000)).glb;
  await writeMedia(key, bytes);
  return { key, file };
}
