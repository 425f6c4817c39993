import { redirect } from "next/navigation";
import { hasSession } from "@/lib/auth/access";
import { loadGallery } from "@/lib/jobs/gallery";
import { Studio } from "./_components/studio";

export const dynamic = "force-dynamic";

export default async function StudioPage() {
  // The layout checks too; the page does not rely on it alone.
  if (!(await hasSession())) redirect("/sign-in");
  const { jobs, total } = await loadGallery();
  return <Studio initial={{ jobs, total }} />;
}
