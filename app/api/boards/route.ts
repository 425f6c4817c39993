// The boards, for the gallery's board list and "add to board" menu: `{ boards: { id, name,
// count }[] }`, sorted by name. Writes go through the actions in app/(studio)/gallery-actions.ts.
import { requestHasSession } from "@/lib/auth/access";
import { listBoards } from "@/lib/db/boards";
import { apiError } from "@/lib/http/api-error";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  if (!(await requestHasSession(req))) {
    return apiError(401, "unauthorized", "Sign in to see the boards.");
  }
  const boards = await listBoards();
  return Response.json({ boards }, { headers: { "cache-control": "private, no-store" } });
}
