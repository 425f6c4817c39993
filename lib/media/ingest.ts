import "server-only";
// Brings one gateway output into the media store: fetch (through the SSRF guard) or decode a
// data URI, check the real type and size, write the original atomically, then derive what the
// gallery shows (an image thumbnail, or a mesh's web preview and counts).
import type { Metadata } from "sharp";
import { openImage } from "@/lib/media/decode";
import { BlockedUrlError, FetchLimitError, guardedFetch } from "@/lib/net/guarded-fetch";
import { FORMATS } from "./formats";
import { makePreview, MeshParseError } from "./mesh";
import { sniff, type MediaKind } from "./sniff";
import { writeMedia } from "./store";
import { makeThumbnail, thumbnailKey } from "./thumbnail";

export const MAX_IMAGE_BYTES = 60 * 1024 * 1024;
export const MAX_MESH_BYTES = 512 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 120_000;

export class IngestError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The link answered that the file is not there (403/404/410). */
    readonly gone = false,
  ) {
    super(message);
  }
}

export interface IngestResult {
  mediaKey: string;
  mimeType: string;
  bytes: number;
  width: number | null;
  height: number | null;
  thumbKey: string | null;
  previewKey: string | null;
  previewBytes: number | null;
  triangles: number | null;
  vertices: number | null;
}

function decodeDataUri(uri: string, maxBytes: number): Buffer {
  const m = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(uri);
  if (!m) throw new IngestError("The gateway returned a malformed data URI.", false);
  const body = m[3];
  if ((body.length * 3) / 4 > maxBytes)
    throw new IngestError("The output is larger than allowed.", false);
  return m[2] ? Buffer.from(body, "base64") : Buffer.from(decodeURIComponent(body), "utf8");
}

async function fetchBytes(url: string, maxBytes: number, allowHosts: string[]): Promise<Buffer> {
  if (url.startsWith("data:")) return decodeDataUri(url, maxBytes);
  try {
    const res = await guardedFetch(url, {
      timeoutMs: DOWNLOAD_TIMEOUT_MS,
      maxBytes,
      allowHosts,
      httpsOnlyForPublic: true,
    });
    if (res.status === 404 || res.status === 410 || res.status === 403) {
      throw new IngestError(
        `The output link answered ${res.status}: the file is gone or expired.`,
        true,
        true,
      );
    }
    if (res.status !== 200)
      throw new IngestError(`The output link answered HTTP ${res.status}.`, true);
    const declared = Number(res.headers["content-length"] ?? NaN);
    if (Number.isFinite(declared) && declared !== res.body.length) {
      throw new IngestError("The output download was cut short.", true);
    }
    return res.body;
  } catch (err) {
    if (err instanceof IngestError) throw err;
    if (err instanceof BlockedUrlError) {
      throw new IngestError(`The output link was refused for safety: ${err.reason}.`, false);
    }
    if (err instanceof FetchLimitError) {
      throw new IngestError(
        err.kind === "size"
          ? "The output is larger than the studio accepts."
          : "The output download timed out.",
        err.kind === "timeout",
      );
    }
    throw new IngestError(`The output could not be downloaded: ${(err as Error).message}`, true);
  }
}

export async function ingestOutput(args: {
  jobId: string;
  index: number;
  sourceUrl: string;
  expect: MediaKind;
  allowHosts: string[];
}): Promise<IngestResult> {
  const max = args.expect === "mesh" ? MAX_MESH_BYTES : MAX_IMAGE_BYTES;
  const bytes = await fetchBytes(args.sourceUrl, max, args.allowHosts);
  const type = await sniff(bytes);
  if (!type || type.kind !== args.expect) {
    throw new IngestError(
      `The gateway's output is not ${args.expect === "mesh" ? "a GLB mesh" : "a PNG, JPEG or WebP image"}.`,
      false,
    );
  }
  const mediaKey = `outputs/${args.jobId}/${args.index}.${type.ext}`;
  const stored: IngestResult = {
    mediaKey,
    mimeType: type.mime,
    bytes: bytes.length,
    width: null,
    height: null,
    thumbKey: null,
    previewKey: null,
    previewBytes: null,
    triangles: null,
    vertices: null,
  };
  if (type.kind === "image") {
    let meta: Metadata;
    let thumb: Buffer;
    try {
      meta = await openImage(bytes).metadata();
      thumb = await makeThumbnail(bytes);
    } catch {
      throw new IngestError("The gateway's image could not be decoded.", false);
    }
    await writeMedia(mediaKey, bytes);
    const thumbKey = thumbnailKey.output(args.jobId, args.index);
    await writeMedia(thumbKey, thumb);
    return { ...stored, width: meta.width ?? null, height: meta.height ?? null, thumbKey };
  }
  // Keep the original even if the preview cannot be made: nothing that was made is lost.
  await writeMedia(mediaKey, bytes);
  try {
    const preview = await makePreview(new Uint8Array(bytes));
    const previewKey = `previews/${args.jobId}/${args.index}.${FORMATS.glb.ext}`;
    await writeMedia(previewKey, preview.glb);
    return {
      ...stored,
      previewKey,
      previewBytes: preview.glb.byteLength,
      triangles: preview.stats.triangles,
      vertices: preview.stats.vertices,
    };
  } catch (err) {
    // Whatever broke the preview, the original is stored and stays downloadable; the viewer
    // then tries the original and says so if it cannot show it either.
    console.warn(
      "[media] mesh preview failed",
      args.jobId,
      err instanceof MeshParseError ? err.message : err,
    );
    return stored;
  }
}
