import "server-only";
// Mesh downloads in the formats other tools need, made once from the stored original and
// kept in the media store.
import { FACE_COUNT_MAX } from "@/lib/gateway/models";
import { simplifyGlb, toObjZip, toStl } from "./mesh";
import { readMedia, statMedia, writeMedia } from "./store";

export type ExportFormat = "obj" | "stl" | "simplified";

export async function meshExport(args: {
  outputId: string;
  mediaKey: string;
  format: ExportFormat;
  faces?: number;
}): Promise<{ key: string; ext: string } | null> {
  const { outputId, mediaKey, format } = args;
  const ext = format === "obj" ? "zip" : format === "stl" ? "stl" : "glb";
  const key =
    format === "simplified"
      ? `exports/${outputId}/simplified-${Math.min(args.faces ?? 50_000, FACE_COUNT_MAX)}.glb`
      : `exports/${outputId}/model.${ext}`;
  if (await statMedia(key)) return { key, ext };
  const original = await readMedia(mediaKey);
  if (!original) return null;
  const glb = new Uint8Array(original);
  let bytes: Uint8Array;
  if (format === "obj") bytes = await toObjZip(glb, "model");
  else if (format === "stl") bytes = await toStl(glb);
  else bytes = (await simplifyGlb(glb, args.faces ?? 50_000)).glb;
  await writeMedia(key, bytes);
  return { key, ext };
}

export async function writeThumbnail(outputId: string, png: Buffer): Promise<string> {
  const key = `thumbs/${outputId}-model.webp`;
  const { default: sharp } = await import("sharp");
  const webp = await sharp(png)
    .resize(512, 512, { fit: "inside" })
    .webp({ quality: 85 })
    .toBuffer();
  await writeMedia(key, webp);
  return key;
}
