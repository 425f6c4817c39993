// Serves the media store. Everything needs a session, except input images for the gateway,
// which live under /media/public/<unguessable token>.
import { requestHasSession } from "@/lib/auth/access";
import { findOutputByToken, findUploadByToken } from "@/lib/db/outputs";
import { apiError } from "@/lib/http/api-error";
import { notFound, serveMedia as serve } from "@/lib/http/serve-media";
import { downloadName } from "@/lib/media/download-name";

export const dynamic = "force-dynamic";

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
