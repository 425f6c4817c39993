// What changed in a gallery view since the last answer: jobs to add or update, ids to drop.
// The browser polls this while something is in flight, instead of the whole list.
import { requestHasSession } from "@/lib/auth/access";
import { loadGalleryChanges } from "@/lib/gallery/load";
import { readGalleryQuery } from "@/lib/gallery/query";
import { apiError } from "@/lib/http/api-error";

export const dynamic = "force-dynamic";

const WEEK_MS = 7 * 86_400_000;

export async function GET(req: Request) {
  if (!(await requestHasSession(req))) {
    return apiError(401, "unauthorized", "Sign in to see the gallery.");
  }
  const params = new URL(req.url).searchParams;
  const { query, problems } = readGalleryQuery(params);
  if (problems.length) return apiError(400, "invalid_input", problems[0]);
  const since = new Date(params.get("since") ?? "");
  if (Number.isNaN(since.getTime()) || Date.now() - since.getTime() > WEEK_MS) {
    return apiError(400, "invalid_input", "Reload the gallery: this view is too old to update.");
  }
  const changes = await loadGalleryChanges(query, since);
  return Response.json(changes, { headers: { "cache-control": "private, no-store" } });
}
