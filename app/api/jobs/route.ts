// The gallery's state for React Query. Database reads only; answers 304 while nothing changed.
import { requestHasSession } from "@/lib/auth/access";
import { galleryFingerprint } from "@/lib/db/jobs";
import { apiError } from "@/lib/http/api-error";
import { z } from "zod";
import { GALLERY_MAX, GALLERY_PAGE, loadGallery } from "@/lib/jobs/gallery";

const query = z.object({
  limit: z.coerce.number().int().min(1).max(GALLERY_MAX).catch(GALLERY_PAGE),
});

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  if (!(await requestHasSession(req))) {
    return apiError(401, "unauthorized", "Sign in to see the gallery.");
  }
  const { limit } = query.parse({ limit: new URL(req.url).searchParams.get("limit") ?? undefined });
  const etag = `"${await galleryFingerprint()}-${limit}"`;
  if (req.headers.get("if-none-match") === etag) {
    return new Response(null, {
      status: 304,
      headers: { etag, "cache-control": "private, no-cache" },
    });
  }
  const gallery = await loadGallery(limit);
  return Response.json(
    { jobs: gallery.jobs, total: gallery.total },
    {
      headers: { etag: `"${gallery.fingerprint}-${limit}"`, "cache-control": "private, no-cache" },
    },
  );
}
