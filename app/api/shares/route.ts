// The studio's share links that still open, for the list where they are revoked.
import { requestHasSession } from "@/lib/auth/access";
import { apiError } from "@/lib/http/api-error";
import { liveShareLinks } from "@/lib/shares/links";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  if (!(await requestHasSession(req))) {
    return apiError(401, "unauthorized", "Sign in to see the studio's share links.");
  }
  return Response.json(
    { links: await liveShareLinks() },
    { headers: { "cache-control": "private, no-store" } },
  );
}
