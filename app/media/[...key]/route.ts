// Serves the media store. Everything needs a session, except input images for the gateway,
// which live under /media/public/<unguessable token>.
import { requestHasSession } from "@/lib/auth/access";
import { findOutputByToken, findUploadByToken } from "@/lib/db/outputs";
import { apiError } from "@/lib/http/api-error";
import { attachment, downloadName } from "@/lib/media/download-name";
import { mimeOfName } from "@/lib/media/formats";
import { carriesGenerationData, withGenerationData } from "@/lib/media/generation-data/download";
import { MediaKeyError, MediaStoreError, openMedia } from "@/lib/media/store";

export const dynamic = "force-dynamic";

const notFound = () => apiError(404, "not_found", "Not found");

async function serve(key: string, download: string | null, cache: string) {
  let file;
  try {
    file = await openMedia(key);
  } catch (err) {
    if (err instanceof MediaKeyError) return notFound();
    // Already logged once with what to fix; the page shows a plain message.
    if (err instanceof MediaStoreError) {
      return apiError(503, "upstream", "The studio's media store is not reachable right now.");
    }
    throw err;
  }
  if (!file) return notFound();
  const headers: Record<string, string> = {
    "content-type": mimeOfName(key),
    "content-length": String(file.size),
    "cache-control": cache,
  };
  if (!download) return new Response(file.body, { status: 200, headers });
  headers["content-disposition"] = attachment(download);
  if (!carriesGenerationData(key)) return new Response(file.body, { status: 200, headers });
  // A download carries the job's generation data: read whole (images and meshes fit), filled in.
  let bytes: Uint8Array = new Uint8Array(await new Response(file.body).arrayBuffer());
  try {
    bytes = await withGenerationData(key, bytes);
  } catch (err) {
    // The file still downloads, only without the data.
    console.warn(`[media] no generation data added to ${key}:`, err);
  }
  headers["content-length"] = String(bytes.length);
  return new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200, headers });
}

/** The name asked for, or else one made from the key (`outputs/<job>/0.png` → `<job>-0.png`). */
function nameFor(key: string, requested: string | null): string {
  const ext = key.split(".").pop() ?? "bin";
  const fromKey = key
    .split("/")
    .slice(1)
    .join("-")
    .replace(/\.[^.]+$/, "");
  return downloadName(requested, ext, { fallback: fromKey });
}

export async function GET(req: Request, ctx: { params: Promise<{ key: string[] }> }) {
  const { key } = await ctx.params;
  if (key[0] === "public" && key.length === 2) {
    const token = key[1];
    const item = (await findOutputByToken(token)) ?? (await findUploadByToken(token));
    if (!item?.mediaKey) return notFound();
    return serve(item.mediaKey, null, "private, max-age=300");
  }
  if (!(await requestHasSession(req)))
    return apiError(401, "unauthorized", "Sign in to see this file.");
  const url = new URL(req.url);
  const joined = key.join("/");
  const wantsDownload = url.searchParams.has("download");
  const immutable =
    joined.startsWith("outputs/") ||
    joined.startsWith("previews/") ||
    joined.startsWith("uploads/");
  return serve(
    joined,
    wantsDownload ? nameFor(joined, url.searchParams.get("name")) : null,
    // Short even for files that never change, so a shared machine forgets them soon after
    // sign-out; only Next's content-addressed assets are cached for long.
    immutable ? "private, max-age=600" : "private, no-cache",
  );
}
