// What changed in a gallery view since the last answer: jobs to add or update, ids to drop.
// The browser asks this while something is in flight, instead of for the whole list. With
// `wait` (ms, at most 20 s) the answer is held until something changed or the time is up, so a
// finished job reaches the page within a quarter of a second, with one request per change.
import { requestHasSession } from "@/lib/auth/access";
import { loadGalleryChanges } from "@/lib/gallery/load";
import { readGalleryQuery } from "@/lib/gallery/query";
import { apiError } from "@/lib/http/api-error";

export const dynamic = "force-dynamic";

const WEEK_MS = 7 * 86_400_000;
const WAIT_MAX_MS = 20_000;
/** How often a held request looks again. */
const LOOK_EVERY_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  const wait = Math.min(Math.max(Number(params.get("wait")) || 0, 0), WAIT_MAX_MS);
  const until = Date.now() + wait;
  let changes = await loadGalleryChanges(query, since);
  while (
    changes.jobs.length === 0 &&
    changes.removed.length === 0 &&
    Date.now() + LOOK_EVERY_MS < until &&
    !req.signal.aborted
  ) {
    await sleep(LOOK_EVERY_MS);
    changes = await loadGalleryChanges(query, since);
  }
  return Response.json(changes, { headers: { "cache-control": "private, no-store" } });
}
