// One job as the gallery shows it: a lineage link opens a job that the view has not loaded.
import { z } from "zod";
import { requestHasSession } from "@/lib/auth/access";
import { loadGalleryJob } from "@/lib/gallery/load";
import { apiError } from "@/lib/http/api-error";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  if (!(await requestHasSession(req))) {
    return apiError(401, "unauthorized", "Sign in to see the gallery.");
  }
  const id = z
    .string()
    .uuid()
    .safeParse((await ctx.params).id);
  if (!id.success) return apiError(400, "invalid_input", "That is not a job id.");
  const job = await loadGalleryJob(id.data);
  if (!job) return apiError(404, "not_found", "That job was deleted or removed from the gallery.");
  return Response.json(job, { headers: { "cache-control": "private, no-cache" } });
}
