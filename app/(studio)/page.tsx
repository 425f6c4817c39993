import { redirect } from "next/navigation";
import { hasSession } from "@/lib/auth/access";
import { loadGalleryPage } from "@/lib/gallery/load";
import { galleryQueryParams, readGalleryQuery } from "@/lib/gallery/query";
import { Studio } from "./_components/studio";

export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

function toUrlParams(raw: SearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) {
    for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) out.append(k, one);
  }
  return out;
}

export default async function StudioPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  // The layout checks too; the page does not rely on it alone.
  if (!(await hasSession())) redirect("/sign-in");
  // The view the URL asks for, read as the gallery's route reads it; what cannot be read is
  // left out here and explained by the gallery in the browser.
  const { query } = readGalleryQuery(toUrlParams(await searchParams));
  const page = await loadGalleryPage(query);
  return <Studio initial={{ params: galleryQueryParams(query).toString(), page }} />;
}
