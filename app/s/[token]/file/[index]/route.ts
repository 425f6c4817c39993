// The files of a shared job, for anyone holding the link while it is live: an image, or a
// mesh's web preview and original GLB. Nothing else in the studio can be reached from here.
import { z } from "zod";
import { findJob } from "@/lib/db/jobs";
import { apiError } from "@/lib/http/api-error";
import { notFound, serveMedia } from "@/lib/http/serve-media";
import { downloadName, fileStem } from "@/lib/media/download-name";
import { openShare } from "@/lib/shares/links";

export const dynamic = "force-dynamic";

const kind = z.enum(["image", "preview", "glb"]);

export async function GET(
  req: Request,
  ctx: { params: Promise<{ token: string; index: string }> },
) {
  const { token, index } = await ctx.params;
  const opened = await openShare(token);
  if (!opened.ok) {
    return apiError(410, "not_found", "This share link is not valid any more.");
  }
  const url = new URL(req.url);
  const wants = kind.safeParse(url.searchParams.get("kind") ?? "image");
  const at = Number(index);
  if (!wants.success || !Number.isInteger(at) || at < 0) return notFound();
  const job = await findJob(opened.jobId);
  const output = job?.outputs.find((o) => o.index === at && o.state === "STORED");
  if (!job || !output?.mediaKey) return notFound();
  const isMesh = job.kind === "mesh";
  if ((wants.data === "image") === isMesh) return notFound();
  const key = wants.data === "preview" ? (output.previewKey ?? output.mediaKey) : output.mediaKey;
  const ext = key.split(".").pop() ?? "bin";
  const name = url.searchParams.has("download")
    ? downloadName(`${fileStem(job.prompt.slice(0, 40), job.model)}-${at + 1}`, ext, {
        fallback: "shared",
      })
    : null;
  // Never longer than the link lives.
  const seconds = Math.max(0, Math.min(300, (opened.expiresAt.getTime() - Date.now()) / 1000));
  return serveMedia(key, name, `private, max-age=${Math.floor(seconds)}`);
}
