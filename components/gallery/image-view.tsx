"use client";
// The large view of one image: the picture, every parameter, the seed, timings, size, a download
// of the original, the ways to bring the job back into the form, and its related jobs.
import type { BrowserJob, BrowserOutput } from "@/lib/jobs/browser-job";
import type { RecallMode } from "@/components/composer/recall";
import { Button, LinkButton } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formatSize } from "@/components/ui/format";
import { imageDownloadHref } from "./download-href";
import { DetailSection, ParamsSection, Row, TimingsSection } from "./job-details";
import { LineageLinks } from "./lineage-links";
import { RecallActions } from "./recall-actions";

export function ImageView({
  job,
  output,
  onClose,
  onMake3d,
  onRecall,
  onOpenJob,
}: {
  job: BrowserJob;
  output: BrowserOutput;
  onClose: () => void;
  onMake3d: (job: BrowserJob, output: BrowserOutput) => void;
  /** Shows "Use all parameters", "Use prompt", "Use seed" and "Remix". */
  onRecall?: (mode: RecallMode) => void;
  /** Opens a related job (its 3D models, the job it retried). */
  onOpenJob?: (jobId: string) => void;
}) {
  return (
    <Dialog label="Image details" onClose={onClose}>
      <div className="grid max-h-[92vh] grid-cols-1 lg:grid-cols-[1fr_22rem]">
        <div className="checker flex min-h-[50vh] items-center justify-center p-4">
          <img
            src={output.url ?? ""}
            alt={job.prompt}
            className="max-h-[84vh] max-w-full rounded-lg object-contain shadow-2xl"
          />
        </div>
        <aside className="flex flex-col gap-4 overflow-y-auto border-l border-neutral-800 p-5">
          <div className="flex items-start justify-between gap-2">
            <h2 className="text-sm font-semibold">{job.modelLabel}</h2>
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="rounded-md px-2 text-lg leading-none text-neutral-400 hover:bg-neutral-800 hover:text-white"
            >
              ×
            </button>
          </div>
          <p className="text-sm leading-relaxed text-neutral-200">{job.prompt}</p>
          <div className="flex gap-2">
            <LinkButton href={imageDownloadHref(job, output)} download>
              Download
            </LinkButton>
            <Button variant="primary" onClick={() => onMake3d(job, output)}>
              Make 3D
            </Button>
          </div>
          {onRecall ? <RecallActions job={job} onRecall={onRecall} /> : null}
          <LineageLinks lineage={job.lineage} onOpenJob={onOpenJob} />
          <DetailSection title="File">
            <Row
              label="Dimensions"
              value={output.width ? `${output.width} × ${output.height} px` : "–"}
            />
            <Row label="File size" value={formatSize(output.bytes)} />
            <Row label="Format" value={output.mimeType ?? "–"} />
            <Row label="Image" value={`${output.index + 1} of ${job.outputs.length}`} />
          </DetailSection>
          <ParamsSection job={job} />
          <TimingsSection job={job} />
        </aside>
      </div>
    </Dialog>
  );
}
