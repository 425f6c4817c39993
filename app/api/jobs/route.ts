// The gallery's state for React Query. Database reads only; answers 304 while nothing changed.
import { requestHasSession } from "@/lib/auth/access";
import { galleryFingerprint } from "@/lib/db/jobs";
import { loadGallery } from "@/lib/jobs/gallery";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  if (!requestHasSession(req)) {
    return Response.json({ error: "Sign in to see the gallery." }, { status: 401 });
  }
  const etag = `"${await galleryFingerprint()}"`;
  if (req.headers.get("if-none-match") === etag) {
    return new Response(null, { status: 304, headers: { etag, "cache-control": "private, no-cache" } });
  }
  const gallery = await loadGallery();
  return Response.json(
    { jobs: gallery.jobs },
    { headers: { etag: `"${gallery.fingerprint}"`, "cache-control": "private, no-cache" } },
  );
}
