import { loadGallery } from "@/lib/jobs/gallery";
import { Studio } from "./_components/studio";

export const dynamic = "force-dynamic";

export default async function StudioPage() {
  const { jobs, total } = await loadGallery();
  return <Studio initial={{ jobs, total }} />;
}
