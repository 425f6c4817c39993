import "server-only";
// Generation data written into image files without touching a pixel: PNG gets two UTF-8 text
// chunks (iTXt: our JSON, and a "parameters" line other tools show), JPEG an XMP segment (APP1),
// WebP an XMP chunk (with the extended header that announces it). sharp can write XMP too, but
// only by encoding the picture again, which for JPEG and lossy WebP would lose quality in every
// download; so the bytes are inserted here, and sharp reads them back in the tests.
import { GENERATION_KEY, parametersText, type GenerationData } from "./schema";

const utf8 = new TextEncoder();

// ---- PNG ----
// Our JSON goes in a tEXt chunk (ASCII, which every reader, sharp included, returns); the line for
// people in an iTXt chunk, since prompts are often not Latin-1.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(utf8.encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** An uncompressed iTXt chunk: keyword, no language, UTF-8 text. */
function itxt(keyword: string, text: string): Uint8Array {
  const head = utf8.encode(keyword);
  const body = utf8.encode(text);
  const data = new Uint8Array(head.length + 5 + body.length);
  data.set(head, 0);
  // keyword NUL, compression flag 0, method 0, empty language NUL, empty translation NUL
  data.set(body, head.length + 5);
  return pngChunk("iTXt", data);
}

/** A tEXt chunk: Latin-1 by the PNG standard, so the text given must be ASCII. */
function text(keyword: string, ascii: string): Uint8Array {
  const data = utf8.encode(`${keyword}\0${ascii}`);
  return pngChunk("tEXt", data);
}

/** JSON with every character past ASCII written as \uXXXX: the same value, in plain ASCII. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function embedPng(png: Uint8Array, data: GenerationData): Uint8Array {
  // Right after IHDR (signature 8 bytes, IHDR 25): readers that stop at the pixels (libvips,
  // and so sharp) still see them.
  const afterHeader = 33;
  if (png.length < afterHeader + 12 || String.fromCharCode(...png.subarray(12, 16)) !== "IHDR") {
    return png;
  }
  const chunks = [text(GENERATION_KEY, asciiJson(data)), itxt("parameters", parametersText(data))];
  return concat([png.subarray(0, afterHeader), ...chunks, png.subarray(afterHeader)]);
}

// ---- XMP (JPEG and WebP) ----

function xmlText(s: string): string {
  return s.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!,
  );
}

export function xmpPacket(data: GenerationData): string {
  return (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:hs="https://hunyuan-studio.local/ns/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
    `<hs:generation>${xmlText(JSON.stringify(data))}</hs:generation>` +
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(parametersText(data))}</rdf:li></rdf:Alt></dc:description>` +
    "</rdf:Description></rdf:RDF></x:xmpmeta>" +
    '<?xpacket end="w"?>'
  );
}

/** The generation JSON inside an XMP packet, or null. */
export function generationFromXmp(xmp: string): unknown {
  const m = /<hs:generation>([\s\S]*?)<\/hs:generation>/.exec(xmp);
  if (!m) return null;
  const text = m[1].replace(
    /&(amp|lt|gt|quot|apos);/g,
    (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[e]!,
  );
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const XMP_NS = utf8.encode("http://ns.adobe.com/xap/1.0/\0");
/** A JPEG segment holds at most 65,535 bytes, its length field included. */
const JPEG_SEGMENT_MAX = 65_533;

function embedJpeg(jpeg: Uint8Array, data: GenerationData): Uint8Array {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return jpeg;
  const packet = utf8.encode(xmpPacket(data));
  if (XMP_NS.length + packet.length > JPEG_SEGMENT_MAX) return jpeg;
  const segment = new Uint8Array(4 + XMP_NS.length + packet.length);
  segment.set([0xff, 0xe1], 0);
  new DataView(segment.buffer).setUint16(2, 2 + XMP_NS.length + packet.length);
  segment.set(XMP_NS, 4);
  segment.set(packet, 4 + XMP_NS.length);
  // After SOI and a JFIF header, which readers expect first.
  let at = 2;
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) at = 4 + ((jpeg[4] << 8) | jpeg[5]);
  return concat([jpeg.subarray(0, at), segment, jpeg.subarray(at)]);
}

function riffChunk(type: string, data: Uint8Array): Uint8Array {
  const padded = data.length + (data.length & 1);
  const out = new Uint8Array(8 + padded);
  out.set(utf8.encode(type), 0);
  new DataView(out.buffer).setUint32(4, data.length, true);
  out.set(data, 8);
  return out;
}

const VP8X_XMP = 0x04;
const VP8X_ALPHA = 0x10;

/** `size` is the picture's, for the extended header a simple WebP does not have. */
function embedWebp(
  webp: Uint8Array,
  data: GenerationData,
  size: { width: number; height: number; alpha: boolean },
): Uint8Array {
  const tag = (at: number) => String.fromCharCode(...webp.subarray(at, at + 4));
  if (webp.length < 20 || tag(0) !== "RIFF" || tag(8) !== "WEBP") return webp;
  let body = webp.subarray(12);
  if (tag(12) === "VP8X") {
    body = body.slice();
    body[8] |= VP8X_XMP;
  } else {
    const header = new Uint8Array(10);
    header[0] = VP8X_XMP | (size.alpha ? VP8X_ALPHA : 0);
    const view = new DataView(header.buffer);
    const w = size.width - 1;
    const h = size.height - 1;
    view.setUint16(4, w & 0xffff, true);
    header[6] = (w >> 16) & 0xff;
    view.setUint16(7, h & 0xffff, true);
    header[9] = (h >> 16) & 0xff;
    body = concat([riffChunk("VP8X", header), body]);
  }
  const all = concat([utf8.encode("WEBP"), body, riffChunk("XMP ", utf8.encode(xmpPacket(data)))]);
  const riff = new Uint8Array(8 + all.length);
  riff.set(utf8.encode("RIFF"), 0);
  new DataView(riff.buffer).setUint32(4, all.length, true);
  riff.set(all, 8);
  return riff;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The image with its generation data inside; an image in a format not listed, or whose container
 * is not as expected, comes back unchanged (the download still works, only without the data).
 */
export function embedInImage(
  bytes: Uint8Array,
  mime: string,
  data: GenerationData,
  size: { width: number; height: number; alpha: boolean },
): Uint8Array {
  if (mime === "image/png") return embedPng(bytes, data);
  if (mime === "image/jpeg") return embedJpeg(bytes, data);
  if (mime === "image/webp") return embedWebp(bytes, data, size);
  return bytes;
}
