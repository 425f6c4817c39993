import { loadGallery } from "@/lib/jobs/gallery";
import { Studio } from "./_components/studio";

export const dynamic = "force-dynamic";

export default async function StudioPage() {
  const { jobs } = await loadGallery();
  return <Studio initialJobs={jobs} />;
}
