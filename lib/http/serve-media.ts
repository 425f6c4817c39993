import "server-only";
// Sends one file of the media store as an HTTP answer: its type, length and caching, and for a
// download its name and the job's generation data inside. The media route and share links use it.
import { apiError } from "@/lib/http/api-error";
import { attachment } from "@/lib/media/download-name";
import { mimeOfName } from "@/lib/media/formats";
import { carriesGenerationData, withGenerationData } from "@/lib/media/generation-data/download";
import { MediaKeyError, MediaStoreError, openMedia } from "@/lib/media/store";

export const notFound = () => apiError(404, "not_found", "Not found");

/** `download`: the file name to save as, or null to show it inline. */
export async function serveMedia(key: string, download: string | null, cache: string) {
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
