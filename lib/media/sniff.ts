// Tells a file's real type from its bytes: gateways answer application/octet-stream and URLs
// ending in ".ext", and uploads can be named anything.
import { fileTypeFromBuffer } from "file-type";

export type MediaKind = "image" | "mesh";

export interface Sniffed {
  mime: "image/png" | "image/jpeg" | "image/webp" | "model/gltf-binary";
  ext: "png" | "jpg" | "webp" | "glb";
  kind: MediaKind;
}

const IMAGE: Record<string, Sniffed> = {
  "image/png": { mime: "image/png", ext: "png", kind: "image" },
  "image/jpeg": { mime: "image/jpeg", ext: "jpg", kind: "image" },
  "image/webp": { mime: "image/webp", ext: "webp", kind: "image" },
};

function isGlb(bytes: Uint8Array) {
  // "glTF" magic, then version 2.
  return (
    bytes.length >= 20 &&
    bytes[0] === 0x67 &&
    bytes[1] === 0x6c &&
    bytes[2] === 0x54 &&
    bytes[3] === 0x46 &&
    bytes[4] === 2
  );
}

export async function sniff(bytes: Uint8Array): Promise<Sniffed | null> {
  if (isGlb(bytes)) return { mime: "model/gltf-binary", ext: "glb", kind: "mesh" };
  const t = await fileTypeFromBuffer(bytes);
  return (t && IMAGE[t.mime]) || null;
}

export function describeType(bytes: Uint8Array): Promise<string> {
  return fileTypeFromBuffer(bytes).then((t) => t?.mime ?? "unknown or text");
}
