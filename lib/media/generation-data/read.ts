import "server-only";
// Reads the generation data out of a file dropped on the composer: PNG text chunks, XMP in JPEG
// and WebP (through sharp's metadata), `asset.extras` in a GLB.
import sharp from "sharp";
import { sniff } from "@/lib/media/sniff";
import { generationFromGlb } from "./glb";
import { generationFromXmp } from "./image";
import { checkGenerationData, GENERATION_KEY, type ReadResult } from "./schema";

const NONE = "This file carries no generation data: only files downloaded from the studio do.";

async function rawFromImage(bytes: Uint8Array): Promise<unknown> {
  const meta = await sharp(bytes).metadata();
  const comment = meta.comments?.find((c) => c.keyword === GENERATION_KEY);
  if (comment) {
    try {
      return JSON.parse(comment.text);
    } catch {
      return undefined;
    }
  }
  return meta.xmp ? generationFromXmp(meta.xmp.toString("utf8")) : null;
}

export async function readGenerationData(bytes: Uint8Array): Promise<ReadResult> {
  const format = await sniff(bytes);
  if (!format) {
    return { ok: false, message: "That is not a PNG, JPEG, WebP or GLB file." };
  }
  let raw: unknown;
  try {
    raw = format.kind === "mesh" ? await generationFromGlb(bytes) : await rawFromImage(bytes);
  } catch {
    return { ok: false, message: `This ${format.ext.toUpperCase()} file could not be read.` };
  }
  if (raw === null) return { ok: false, message: NONE };
  return checkGenerationData(raw);
}
