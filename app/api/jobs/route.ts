// A page of the gallery for a query held in the URL (search, filters, sort, board), with a
// keyset cursor for the next page. Database reads only; answers 304 while nothing changed.
import { z } from "zod";
import { requestHasSession } from "@/lib/auth/access";
import { galleryFingerprint } from "@/lib/db/jobs";
import { GALLERY_PAGE, GALLERY_PAGE_MAX, loadGalleryPage } from "@/lib/gallery/load";
import { readGalleryQuery } from "@/lib/gallery/query";
import { apiError } from "@/lib/http/api-error";

const paging = z.object({
  limit: z.coerce.number().int().min(1).max(GALLERY_PAGE_MAX).catch(GALLERY_PAGE),
  cursor: z.string().max(200).nullable().catch(null),
});

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  if (!(await requestHasSession(req))) {
    return apiError(401, "unauthorized", "Sign in to see the gallery.");
  }
  const params = new URL(req.url).searchParams;
  const { query, problems } = readGalleryQuery(params);
  if (problems.length) return apiError(400, "invalid_input", problems[0]);
  const { limit, cursor } = paging.parse({
    limit: params.get("limit") ?? undefined,
    cursor: params.get("cursor"),
  });
  const tag = async () => `"${await galleryFingerprint()}-${params.toString()}"`;
  const etag = await tag();
  if (req.headers.get("if-none-match") === etag) {
    return new Response(null, {
      status: 304,
      headers: { etag, "cache-control": "private, no-cache" },
    });
  }
  const page = await loadGalleryPage(query, cursor, limit);
  return Response.json(page, { headers: { etag, "cache-control": "private, no-cache" } });
}
