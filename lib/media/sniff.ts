// Tells a file's real type from its bytes: gateways answer application/octet-stream and URLs
// ending in ".ext", and uploads can be named anything.
import { fileTypeFromBuffer } from "file-type";
import { FORMATS, formatOfMime } from "./formats";

export type MediaKind = "image" | "mesh";

/** A format the studio keeps as an original: an image or a GLB mesh. */
export type Sniffed = Extract<(typeof FORMATS)[keyof typeof FORMATS], { kind: MediaKind }>;

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
  if (isGlb(bytes)) return FORMATS.glb;
  const t = await fileTypeFromBuffer(bytes);
  const format = t ? formatOfMime(t.mime) : undefined;
  return format?.kind === "image" ? format : null;
}

export function describeType(bytes: Uint8Array): Promise<string> {
  return fileTypeFromBuffer(bytes).then((t) => t?.mime ?? "unknown or text");
}
