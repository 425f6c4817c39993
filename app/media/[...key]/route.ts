// Serves the media store. Everything needs a session, except input images for the gateway,
// which live under /media/public/<unguessable token>.
import { Readable } from "node:stream";
import { requestHasSession } from "@/lib/auth/access";
import { findOutputByToken, findUploadByToken } from "@/lib/db/outputs";
import { MediaKeyError, mediaStream, statMedia } from "@/lib/media/store";

export const dynamic = "force-dynamic";

const TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  webp: "image/webp",
  glb: "model/gltf-binary",
  zip: "application/zip",
  stl: "model/stl",
};

async function serve(key: string, download: string | null, cache: string) {
  let stat;
  try {
    stat = await statMedia(key);
  } catch (err) {
    if (err instanceof MediaKeyError) return new Response("Not found", { status: 404 });
    throw err;
  }
  if (!stat) return new Response("Not found", { status: 404 });
  const ext = key.split(".").pop() ?? "";
  const headers: Record<string, string> = {
    "content-type": TYPES[ext] ?? "application/octet-stream",
    "content-length": String(stat.size),
    "cache-control": cache,
  };
  if (download) headers["content-disposition"] = `attachment; filename="${download}"`;
  const body = Readable.toWeb(mediaStream(key)) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers });
}

function downloadName(key: string, requested: string | null): string {
  const ext = key.split(".").pop() ?? "bin";
  const base = (requested ?? "")
    .replace(/[^a-z0-9 _-]/gi, "")
    .trim()
    .slice(0, 60)
    .replace(/\s+/g, "-");
  return `${
    base ||
    key
      .split("/")
      .slice(1)
      .join("-")
      .replace(/\.[^.]+$/, "")
  }.${ext}`;
}

export async function GET(req: Request, ctx: { params: Promise<{ key: string[] }> }) {
  const { key } = await ctx.params;
  if (key[0] === "public" && key.length === 2) {
    const token = key[1];
    const item = (await findOutputByToken(token)) ?? (await findUploadByToken(token));
    if (!item?.mediaKey) return new Response("Not found", { status: 404 });
    return serve(item.mediaKey, null, "public, max-age=3600");
  }
  if (!requestHasSession(req)) return new Response("Sign in to see this file.", { status: 401 });
  const url = new URL(req.url);
  const joined = key.join("/");
  const wantsDownload = url.searchParams.has("download");
  const immutable =
    joined.startsWith("outputs/") ||
    joined.startsWith("previews/") ||
    joined.startsWith("uploads/");
  return serve(
    joined,
    wantsDownload ? downloadName(joined, url.searchParams.get("name")) : null,
    immutable ? "private, max-age=31536000, immutable" : "private, no-cache",
  );
}
