import "server-only";
// Generation data in a GLB's `asset.extras`. glTF-Transform writes GLBs only from a whole
// Document, which would re-pack every buffer of a mesh of many megabytes on each download; here
// the JSON chunk alone is swapped and the binary chunk passes through byte for byte. Reading
// goes through glTF-Transform.
import { getIO } from "@/lib/media/mesh/io";
import { GENERATION_KEY, type GenerationData } from "./schema";

const GLB_MAGIC = 0x46546c67; // "glTF"
const CHUNK_JSON = 0x4e4f534a; // "JSON"

/** The GLB with the data in `asset.extras`; bytes that are not a GLB come back unchanged. */
export function embedInGlb(glb: Uint8Array, data: GenerationData): Uint8Array {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  if (glb.length < 20 || view.getUint32(0, true) !== GLB_MAGIC) return glb;
  if (view.getUint32(16, true) !== CHUNK_JSON) return glb;
  const jsonLength = view.getUint32(12, true);
  const rest = glb.subarray(20 + jsonLength);
  let json: { asset?: { extras?: Record<string, unknown> } };
  try {
    json = JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + jsonLength))) as typeof json;
  } catch {
    return glb;
  }
  json.asset ??= {};
  json.asset.extras = { ...(json.asset.extras ?? {}), [GENERATION_KEY]: data };
  const text = new TextEncoder().encode(JSON.stringify(json));
  // Chunks are 4-byte aligned; JSON is padded with spaces.
  const padded = (text.length + 3) & ~3;
  const out = new Uint8Array(20 + padded + rest.length);
  const outView = new DataView(out.buffer);
  outView.setUint32(0, GLB_MAGIC, true);
  outView.setUint32(4, 2, true);
  outView.setUint32(8, out.length, true);
  outView.setUint32(12, padded, true);
  outView.setUint32(16, CHUNK_JSON, true);
  out.set(text, 20);
  out.fill(0x20, 20 + text.length, 20 + padded);
  out.set(rest, 20 + padded);
  return out;
}

/** What the GLB carries under our key, or null (no data, or not a readable GLB). */
export async function generationFromGlb(glb: Uint8Array): Promise<unknown> {
  try {
    const doc = await (await getIO()).binaryToJSON(glb);
    const extras = (doc.json.asset as { extras?: Record<string, unknown> }).extras;
    return extras?.[GENERATION_KEY] ?? null;
  } catch {
    return null;
  }
}
