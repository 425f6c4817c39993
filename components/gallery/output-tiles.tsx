"use client";
// The outputs on a job's card: an image tile (opens large, Make 3D, Download) or a 3D tile
// (opens the viewer), and why an output is not saved, with "Fetch again".
import type { BrowserJob, BrowserOutput } from "@/lib/jobs/browser-job";
import { Button, LinkButton } from "@/components/ui/button";
import { imageDownloadHref } from "./download-href";
import type { JobCardActions } from "./job-card";

/**
 * Why an output is not saved: still being tried (its last error, while the studio keeps trying
 * with fresh links), or given up, with "Fetch again", which does not send the job again.
 */
function OutputProblem({
  job,
  output,
  actions,
}: {
  job: BrowserJob;
  output: BrowserOutput;
  actions: JobCardActions;
}) {
  if (output.state !== "FAILED") {
    return <p>Not saved yet: {output.error} The studio keeps trying.</p>;
  }
  return (
    <>
      <p>Not saved: {output.error ?? "download failed"}</p>
      <Button
        size="sm"
        onClick={() => actions.onFetchAgain(job, output)}
        title="Download this output from the gateway again, with fresh links; the job is not sent again"
      >
        Fetch again
      </Button>
    </>
  );
}

export function ImageTile({
  job,
  output,
  actions,
}: {
  job: BrowserJob;
  output: BrowserOutput;
  actions: JobCardActions;
}) {
  const ratio = output.width && output.height ? `${output.width} / ${output.height}` : "1 / 1";
  if (output.state !== "STORED" || !output.thumbUrl) {
    const problem = output.state === "FAILED" || (output.state === "PENDING" && output.error);
    return (
      <div
        role={problem ? "alert" : undefined}
        style={{ aspectRatio: ratio }}
        className={`flex flex-col items-center justify-center gap-2 rounded-lg p-3 text-center text-xs ${
          output.state === "FAILED"
            ? "border border-red-500/30 bg-red-500/10 text-red-200"
            : problem
              ? "border border-amber-500/30 bg-amber-500/10 text-amber-200"
              : "animate-pulse bg-neutral-800 text-neutral-500"
        }`}
      >
        {problem ? <OutputProblem job={job} output={output} actions={actions} /> : "Saving…"}
      </div>
    );
  }
  // On a tile too small for them (several images in a narrow card) the actions would cover the
  // picture; the large view offers both.
  return (
    <div className="group @container relative overflow-hidden rounded-lg bg-neutral-800">
      <button
        type="button"
        onClick={() => actions.onOpenImage(job, output)}
        className="block w-full"
        aria-label={`Open image ${output.index + 1} large`}
      >
        <img
          src={output.thumbUrl}
          alt={job.prompt}
          loading="lazy"
          style={{ aspectRatio: ratio }}
          className="w-full object-cover transition-transform duration-300 group-hover:scale-[1.02]"
        />
      </button>
      <div className="pointer-events-none absolute inset-x-0 bottom-0 hidden justify-end gap-1.5 @min-[12rem]:flex bg-gradient-to-t from-black/70 to-transparent p-2 opacity-100 transition-opacity sm:opacity-0 sm:group-hover:opacity-100 sm:group-focus-within:opacity-100">
        <Button
          size="sm"
          className="pointer-events-auto"
          onClick={() => actions.onMake3d(job, output)}
        >
          Make 3D
        </Button>
        <LinkButton
          size="sm"
          className="pointer-events-auto"
          href={imageDownloadHref(job, output)}
          download
        >
          Download
        </LinkButton>
      </div>
    </div>
  );
}

export function MeshTile({
  job,
  output,
  actions,
}: {
  job: BrowserJob;
  output: BrowserOutput;
  actions: JobCardActions;
}) {
  const picture =
    output.state === "STORED" && output.thumbUrl && output.thumbUrl !== output.url
      ? output.thumbUrl
      : job.inputImageUrl;
  return (
    <div className="group relative overflow-hidden rounded-lg bg-neutral-800">
      <button
        type="button"
        disabled={output.state !== "STORED"}
        onClick={() => actions.onOpenMesh(job, output)}
        className="checker block aspect-square w-full disabled:cursor-wait"
        aria-label="Open 3D viewer"
      >
        {picture ? (
          <img
            src={picture}
            alt={job.prompt || "3D model"}
            className="h-full w-full object-contain"
          />
        ) : null}
        <span className="absolute left-2 top-2 rounded-md bg-black/60 px-1.5 py-0.5 text-[10px] font-semibold tracking-wider text-violet-200">
          3D
        </span>
      </button>
      {output.state === "FAILED" || (output.state === "PENDING" && output.error) ? (
        <div
          role="alert"
          className={`flex flex-col items-start gap-2 p-2 text-xs ${
            output.state === "FAILED" ? "text-red-200" : "text-amber-200"
          }`}
        >
          <OutputProblem job={job} output={output} actions={actions} />
        </div>
      ) : output.state === "PENDING" ? (
        <p className="p-2 text-xs text-neutral-400">Saving the mesh…</p>
      ) : null}
    </div>
  );
}
