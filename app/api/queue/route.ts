// The queue panel's data: every job still in flight, oldest first, with its place, elapsed time
// and an estimate from the same model's recent jobs (lib/gallery/queue.ts).
import { requestHasSession } from "@/lib/auth/access";
import { loadQueue } from "@/lib/gallery/queue";
import { apiError } from "@/lib/http/api-error";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  if (!(await requestHasSession(req))) {
    return apiError(401, "unauthorized", "Sign in to see the queue.");
  }
  const queue = await loadQueue();
  return Response.json(queue, { headers: { "cache-control": "private, no-store" } });
}
