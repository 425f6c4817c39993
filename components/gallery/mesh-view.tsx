"use client";
// The 3D view of a mesh job, with its details: input image, prompt, face count, mesh size and
// timings. three.js is loaded only here, when a mesh is opened.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { BrowserJob, BrowserOutput } from "@/lib/jobs/browser-job";
import type { RecallMode } from "@/components/composer/recall";
import { Dialog } from "@/components/ui/dialog";
import { LazyMeshViewer } from "@/components/viewer/lazy-mesh-viewer";
import { formatCount, formatSize } from "@/components/ui/format";
import { readApiError } from "@/lib/http/api-error";
import { SIMPLIFY_CHOICES, SIMPLIFY_DEFAULT } from "@/lib/media/export-targets";
import { FORMATS } from "@/lib/media/formats";
import { promptStem } from "./download-href";
import { DetailSection, ParamsSection, Row, TimingsSection } from "./job-details";
import { LineageLinks } from "./lineage-links";
import { ShareButton } from "@/components/share/share-button";
import { RecallActions } from "./recall-actions";
import { JOBS_KEY } from "./use-jobs";

export function MeshView({
  job,
  output,
  onClose,
  onRecall,
  onOpenJob,
}: {
  job: BrowserJob;
  output: BrowserOutput;
  onClose: () => void;
  /** Shows "Use all parameters", "Use prompt", "Use seed" and "Remix". */
  onRecall?: (mode: RecallMode) => void;
  /** Opens a related job (the source image, the job it retried). */
  onOpenJob?: (jobId: string) => void;
}) {
  const [target, setTarget] = useState<number>(SIMPLIFY_DEFAULT);
  const queryClient = useQueryClient();
  const name = encodeURIComponent(promptStem(job, "model"));
  const exportHref = (format: string, extra = "") =>
    `/api/outputs/${output.id}/export/${format}?name=${name}${extra}`;
  const downloads = [
    { label: "Download GLB", href: `${output.downloadUrl}&name=${name}` },
    { label: "Download OBJ", href: exportHref("obj") },
    { label: "Download STL", href: exportHref("stl") },
  ];
  return (
    <Dialog label="3D model" onClose={onClose} wide>
      <div className="flex max-h-[92vh] flex-col gap-3 overflow-y-auto p-4">
        <LazyMeshViewer
          previewUrl={output.previewUrl ?? output.url ?? ""}
          title={job.prompt || "3D model"}
          originalBytes={output.bytes}
          previewBytes={output.previewBytes}
          downloads={downloads}
          onClose={onClose}
          onThumbnail={
            output.thumbUrl && output.thumbUrl !== output.url
              ? undefined
              : (png) => {
                  // The gallery then shows the model itself instead of its input image.
                  void fetch(`/api/outputs/${output.id}/thumbnail`, {
                    method: "POST",
                    body: png,
                    headers: { "content-type": FORMATS.png.mime },
                  }).then(async (res) => {
                    if (res.ok) return queryClient.invalidateQueries({ queryKey: JOBS_KEY });
                    const { message } = await readApiError(res);
                    console.warn("The model's thumbnail was not saved:", message);
                  });
                }
          }
        />
        <div className="flex flex-wrap items-center gap-2 rounded-xl border border-neutral-800 bg-neutral-900/60 px-3 py-2 text-xs text-neutral-300">
          <label htmlFor="simplify-target">Simplified GLB</label>
          <select
            id="simplify-target"
            value={target}
            onChange={(e) => setTarget(Number(e.target.value))}
            className="rounded-md border border-neutral-700 bg-neutral-900 px-2 py-1"
          >
            {SIMPLIFY_CHOICES.filter((n) => n < (output.triangles ?? Infinity)).map((n) => (
              <option key={n} value={n}>
                {n.toLocaleString("en-US")} faces
              </option>
            ))}
          </select>
          <a
            href={exportHref("simplified", `&faces=${target}`)}
            download
            className="rounded-md border border-neutral-700 bg-neutral-800 px-2.5 py-1 font-medium hover:bg-neutral-700"
          >
            Download simplified GLB
          </a>
        </div>
        <MeshDetails job={job} output={output} onRecall={onRecall} onOpenJob={onOpenJob} />
      </div>
    </Dialog>
  );
}

function MeshDetails({
  job,
  output,
  onRecall,
  onOpenJob,
}: {
  job: BrowserJob;
  output: BrowserOutput;
  onRecall?: (mode: RecallMode) => void;
  onOpenJob?: (jobId: string) => void;
}) {
  return (
    <section
      aria-label="3D job details"
      className="grid grid-cols-1 gap-5 rounded-xl border border-neutral-800 bg-neutral-900/60 p-4 md:grid-cols-[10rem_1fr_1fr]"
    >
      <figure className="flex flex-col gap-1.5">
        <div className="checker flex aspect-square items-center justify-center overflow-hidden rounded-lg">
          {job.inputImageUrl ? (
            <img
              src={job.inputImageUrl}
              alt="The image this model was made from"
              className="h-full w-full object-contain"
            />
          ) : (
            <span className="px-2 text-center text-[11px] text-neutral-500">Not available</span>
          )}
        </div>
        <figcaption className="text-[11px] text-neutral-500">
          Input image{job.input?.source === "upload" ? " (uploaded)" : ""}
        </figcaption>
      </figure>
      <div className="flex min-w-0 flex-col gap-4">
        <div className="self-start">
          <ShareButton jobId={job.id} />
        </div>
        {onRecall ? <RecallActions job={job} onRecall={onRecall} /> : null}
        <LineageLinks lineage={job.lineage} onOpenJob={onOpenJob} />
        <ParamsSection job={job} withPrompt />
      </div>
      <div className="flex min-w-0 flex-col gap-4">
        <DetailSection title="Mesh">
          <Row label="Triangles" value={formatCount(output.triangles)} />
          <Row label="Vertices" value={formatCount(output.vertices)} />
          <Row label="Original size" value={formatSize(output.bytes)} />
          <Row label="Preview size" value={formatSize(output.previewBytes)} />
        </DetailSection>
        <TimingsSection job={job} />
      </div>
    </section>
  );
}
