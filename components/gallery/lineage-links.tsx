// Links from a job to the jobs it comes from or led to: a 3D job's source image, a retry's
// original, an image's 3D models. Each opens that job.
import type { JobLineage } from "@/lib/jobs/browser-job";

/** The links a lineage gives, in the order shown; pure, so the words are tested. */
export function lineageLinks(lineage: JobLineage): { jobId: string; label: string }[] {
  const links: { jobId: string; label: string }[] = [];
  if (lineage.sourceJobId) links.push({ jobId: lineage.sourceJobId, label: "Source image" });
  if (lineage.retryOfId) links.push({ jobId: lineage.retryOfId, label: "Original job" });
  lineage.meshJobIds.forEach((jobId, i) => links.push({ jobId, label: `3D model ${i + 1}` }));
  return links;
}

export function LineageLinks({
  lineage,
  onOpenJob,
}: {
  lineage: JobLineage;
  onOpenJob?: (jobId: string) => void;
}) {
  const links = lineageLinks(lineage);
  if (!onOpenJob || links.length === 0) return null;
  return (
    <nav aria-label="Related jobs">
      <h3 className="mb-1 text-[11px] font-semibold uppercase tracking-wider text-neutral-500">
        Related
      </h3>
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs">
        {links.map((link) => (
          <li key={`${link.label}-${link.jobId}`}>
            <button
              type="button"
              onClick={() => onOpenJob(link.jobId)}
              className="rounded text-violet-300 underline-offset-2 hover:text-violet-200 hover:underline focus-visible:outline-2 focus-visible:outline-violet-400"
            >
              {link.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
