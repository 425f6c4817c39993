// The viewer sends a capture of a mesh the first time it renders it; the gallery then shows
// the model instead of its input image.
import { z } from "zod";
import { requestHasSession } from "@/lib/auth/access";
import { findOutput, updateOutput } from "@/lib/db/outputs";
import { env } from "@/lib/env";
import { apiError } from "@/lib/http/api-error";
import { sameOrigin } from "@/lib/http/same-origin";
import { sniff } from "@/lib/media/sniff";
import { writeModelThumbnail } from "@/lib/media/thumbnail";

export const dynamic = "force-dynamic";

const MAX = 4 * 1024 * 1024;

export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  if (!(await requestHasSession(req))) return apiError(401, "unauthorized", "Sign in first.");
  if (!sameOrigin(req, env().allowedHosts))
    return apiError(403, "forbidden", "Thumbnails are accepted only from the studio's own page.");
  const id = z
    .string()
    .uuid()
    .safeParse((await ctx.params).id);
  if (!id.success) return apiError(400, "invalid_input", "Unknown output.");
  const out = await findOutput(id.data);
  if (!out || out.job.kind !== "mesh" || out.state !== "STORED") {
    return apiError(404, "not_found", "Unknown mesh output.");
  }
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (!Number.isFinite(declared) || declared > MAX) {
    return apiError(413, "too_large", "Bad size.");
  }
  const bytes = Buffer.from(await req.arrayBuffer());
  if (bytes.length === 0 || bytes.length > MAX) return apiError(413, "too_large", "Bad size.");
  const type = await sniff(bytes);
  if (type?.kind !== "image") return apiError(415, "invalid_input", "Not an image.");
  try {
    const thumbKey = await writeModelThumbnail(out.id, bytes);
    await updateOutput(out.id, { thumbKey });
  } catch {
    return apiError(422, "unprocessable", "The capture could not be decoded.");
  }
  return Response.json({ ok: true });
}
