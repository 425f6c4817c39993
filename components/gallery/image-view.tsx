"use client";
// The large view of one image: the picture, every parameter, the seed, timings, size, a download
// of the original, the ways to bring the job back into the form, and its related jobs. ← and →
// step through the images of the gallery's view, f favourites, Esc closes (the dialog's own).
import { useEffect, useEffectEvent, useRef } from "react";
import { preload } from "react-dom";
import type { BrowserJob, BrowserOutput } from "@/lib/jobs/browser-job";
import type { RecallMode } from "@/components/composer/recall";
import { Button, LinkButton } from "@/components/ui/button";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { ShareButton } from "@/components/share/share-button";
import { formatSize } from "@/components/ui/format";
import { imageDownloadHref } from "./download-href";
import { DetailSection, ParamsSection, Row, TimingsSection } from "./job-details";
import { LineageLinks } from "./lineage-links";
import { RecallActions } from "./recall-actions";
import { viewerShortcut } from "./shortcuts";

/** Where the image sits among the view's images, and how to move. */
export interface ImageSteps {
  position: number;
  count: number;
  /** More images may follow once the next page is loaded. */
  more: boolean;
  previous: { url: string | null; go: () => void } | null;
  next: { url: string | null; go: () => void } | null;
}

function StepButton({
  direction,
  arrow,
  step,
}: {
  direction: "Previous" | "Next";
  arrow: string;
  step: ImageSteps["next"];
}) {
  return (
    <Button
      variant="secondary"
      aria-label={`${direction} image`}
      title={`${direction} image (${arrow})`}
      disabled={!step}
      onClick={step?.go}
      className={`absolute top-1/2 -translate-y-1/2 shadow-lg disabled:opacity-30 ${
        direction === "Previous" ? "left-3" : "right-3"
      }`}
    >
      {arrow}
    </Button>
  );
}

export function ImageView({
  job,
  output,
  steps,
  onClose,
  onMake3d,
  onFavorite,
  onRecall,
  onOpenJob,
}: {
  job: BrowserJob;
  output: BrowserOutput;
  steps?: ImageSteps;
  onClose: () => void;
  onMake3d: (job: BrowserJob, output: BrowserOutput) => void;
  onFavorite?: (job: BrowserJob, favorite: boolean) => void;
  /** Shows "Use all parameters", "Use prompt", "Use seed" and "Remix". */
  onRecall?: (mode: RecallMode) => void;
  /** Opens a related job (its 3D models, the job it retried). */
  onOpenJob?: (jobId: string) => void;
}) {
  const bodyRef = useRef<HTMLDivElement>(null);
  // The neighbours load while this one is looked at, so a step shows them at once.
  for (const near of [steps?.previous?.url, steps?.next?.url]) {
    if (near) preload(near, { as: "image" });
  }

  const onKey = useEffectEvent((e: KeyboardEvent) => {
    // Only keys meant for this view: not those of a dialog opened over it (Share).
    const target = e.target as Element | null;
    const own = bodyRef.current?.closest("dialog");
    if (target !== document.body && (!own || target?.closest?.("dialog") !== own)) return;
    const action = viewerShortcut(e);
    if (!action) return;
    e.preventDefault();
    if (action === "previous") steps?.previous?.go();
    if (action === "next") steps?.next?.go();
    if (action === "favorite") onFavorite?.(job, !job.favorite);
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  return (
    <Dialog label="Image details" onClose={onClose}>
      <div
        ref={bodyRef}
        className="grid max-h-[92vh] grid-cols-1 lg:h-[88vh] lg:grid-cols-[1fr_22rem] lg:grid-rows-[minmax(0,1fr)]"
      >
        <div className="checker relative flex min-h-[50vh] items-center justify-center p-4">
          <img
            key={output.id}
            src={output.url ?? ""}
            alt={job.prompt}
            className="max-h-[84vh] max-w-full rounded-lg object-contain shadow-2xl"
          />
          {steps ? (
            <>
              <StepButton direction="Previous" arrow="←" step={steps.previous} />
              <StepButton direction="Next" arrow="→" step={steps.next} />
              <p
                aria-live="polite"
                className="absolute left-1/2 top-3 -translate-x-1/2 rounded-full bg-black/60 px-2.5 py-0.5 text-xs tabular-nums text-white"
              >
                {steps.position} of {steps.count.toLocaleString("en-US")}
                {steps.more ? "+" : ""}
              </p>
            </>
          ) : null}
        </div>
        <aside className="flex flex-col gap-4 overflow-y-auto border-l border-neutral-800 p-5">
          <div className="flex items-start justify-between gap-2">
            <h2 className="text-sm font-semibold">{job.modelLabel}</h2>
            <div className="flex items-center gap-1">
              {onFavorite ? (
                <Button
                  size="sm"
                  variant="ghost"
                  aria-pressed={job.favorite}
                  title="Favourite (f)"
                  onClick={() => onFavorite(job, !job.favorite)}
                  className="aria-pressed:text-amber-300"
                >
                  <span aria-hidden>{job.favorite ? "★" : "☆"}</span>
                  Favourite
                </Button>
              ) : null}
              <DialogClose onClose={onClose} />
            </div>
          </div>
          <p className="text-sm leading-relaxed text-neutral-200">{job.prompt}</p>
          <div className="flex gap-2">
            <LinkButton href={imageDownloadHref(job, output)} download>
              Download
            </LinkButton>
            <Button variant="primary" onClick={() => onMake3d(job, output)}>
              Make 3D
            </Button>
            <ShareButton jobId={job.id} />
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
