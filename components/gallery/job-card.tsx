"use client";
// One job in the gallery: its prompt, model, state and outputs, with what can be done next. In
// selection mode a click anywhere on the card selects it instead.
import { memo } from "react";
import { isEnded } from "@/lib/jobs/states";
import type { BrowserJob, BrowserOutput } from "@/lib/jobs/browser-job";
import { Button } from "@/components/ui/button";
import { StateBadge } from "@/components/ui/state-badge";
import { Elapsed } from "./elapsed";
import { ImageTile, MeshTile } from "./output-tiles";

export interface JobCardActions {
  onOpenImage: (job: BrowserJob, output: BrowserOutput) => void;
  onOpenMesh: (job: BrowserJob, output: BrowserOutput) => void;
  onMake3d: (job: BrowserJob, output: BrowserOutput) => void;
  onRetry: (job: BrowserJob) => void;
  onReuse: (job: BrowserJob) => void;
  onFavorite: (job: BrowserJob, favorite: boolean) => void;
  onRemove: (job: BrowserJob) => void;
  onFetchAgain: (job: BrowserJob, output: BrowserOutput) => void;
}

/** Covers the card in selection mode: one target to click, shift-click or press Space on. */
function SelectOverlay({
  job,
  selected,
  onSelect,
}: {
  job: BrowserJob;
  selected: boolean;
  onSelect: (job: BrowserJob, range: boolean) => void;
}) {
  return (
    <button
      type="button"
      role="checkbox"
      aria-checked={selected}
      aria-label={`Select ${job.prompt || job.modelLabel}`}
      onClick={(e) => onSelect(job, e.shiftKey)}
      className={`absolute inset-0 z-10 flex items-start justify-start rounded-2xl p-3 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-400 ${
        selected ? "bg-violet-500/15 ring-2 ring-violet-400" : "hover:bg-neutral-50/5"
      }`}
    >
      <span
        aria-hidden
        className={`grid size-6 place-items-center rounded-md border text-sm font-bold ${
          selected
            ? "border-violet-300 bg-violet-500 text-white"
            : "border-neutral-500 bg-neutral-900/80 text-transparent"
        }`}
      >
        ✓
      </span>
    </button>
  );
}

export const JobCard = memo(function JobCard({
  job,
  actions,
  selecting = false,
  selected = false,
  onSelect,
}: {
  job: BrowserJob;
  actions: JobCardActions;
  selecting?: boolean;
  selected?: boolean;
  onSelect?: (job: BrowserJob, range: boolean) => void;
}) {
  const ended = isEnded(job.state);
  const cols = job.outputs.length > 1 ? "grid-cols-2" : "grid-cols-1";
  return (
    <article
      aria-label={job.prompt || job.modelLabel}
      className="relative flex flex-col gap-3 rounded-2xl border border-neutral-800 bg-neutral-900/70 p-4 shadow-lg shadow-black/20"
    >
      {selecting && onSelect ? (
        <SelectOverlay job={job} selected={selected} onSelect={onSelect} />
      ) : null}
      <header className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="line-clamp-2 text-sm font-medium text-neutral-100" title={job.prompt}>
            {job.prompt || <span className="text-neutral-400">Untitled 3D model</span>}
          </p>
          <p className="mt-0.5 text-xs text-neutral-500">
            {job.modelLabel}
            {job.seed != null ? ` · seed ${job.seed}` : ""}
            {" · "}
            <Elapsed from={job.createdAt} to={job.finishedAt} />
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-1">
          <StateBadge state={job.state} />
          <button
            type="button"
            aria-pressed={job.favorite}
            aria-label="Favourite"
            title={job.favorite ? "Remove from favorites" : "Add to favorites"}
            onClick={() => actions.onFavorite(job, !job.favorite)}
            className="rounded-md p-1 text-neutral-500 hover:bg-neutral-800 hover:text-amber-300 aria-pressed:text-amber-300"
          >
            <svg
              aria-hidden
              viewBox="0 0 20 20"
              className="h-4 w-4"
              fill={job.favorite ? "currentColor" : "none"}
              stroke="currentColor"
              strokeWidth="1.5"
            >
              <path
                d="M10 2.5l2.3 4.7 5.2.8-3.8 3.6.9 5.1L10 14.3l-4.6 2.4.9-5.1L2.5 8l5.2-.8L10 2.5z"
                strokeLinejoin="round"
              />
            </svg>
          </button>
        </div>
      </header>

      {job.state === "WAITING" ? (
        <p className="text-xs text-neutral-400">
          Waiting for a slot{job.waitingPlace ? ` · place ${job.waitingPlace} in line` : ""}
        </p>
      ) : null}
      {!ended && job.note ? <p className="text-xs text-amber-300/80">{job.note}</p> : null}

      {job.outputs.length > 0 ? (
        <div className={`grid gap-2 ${cols}`}>
          {job.outputs.map((o) =>
            job.kind === "mesh" ? (
              <MeshTile key={o.id} job={job} output={o} actions={actions} />
            ) : (
              <ImageTile key={o.id} job={job} output={o} actions={actions} />
            ),
          )}
        </div>
      ) : !ended ? (
        <div className="flex aspect-[4/3] items-center justify-center overflow-hidden rounded-lg bg-neutral-800/70">
          {job.kind === "mesh" && job.inputImageUrl ? (
            <img
              src={job.inputImageUrl}
              alt=""
              className="h-full w-full object-contain opacity-40 blur-[1px]"
            />
          ) : (
            <div className="h-full w-full animate-pulse bg-gradient-to-br from-neutral-800 via-neutral-700/40 to-neutral-800" />
          )}
        </div>
      ) : null}

      {job.error ? (
        <div
          role="alert"
          className="rounded-lg border border-red-500/30 bg-red-500/10 px-3 py-2 text-xs leading-relaxed text-red-200"
        >
          {job.error}
        </div>
      ) : null}

      {ended ? (
        <footer className="flex flex-wrap items-center gap-1.5">
          {job.kind === "mesh" && job.outputs[0]?.state === "STORED" ? (
            <Button
              size="sm"
              variant="primary"
              onClick={() => actions.onOpenMesh(job, job.outputs[0])}
            >
              View 3D
            </Button>
          ) : null}
          <Button
            size="sm"
            variant="ghost"
            onClick={() => actions.onRetry(job)}
            title="Send a new job with exactly these parameters"
          >
            Retry
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => actions.onReuse(job)}
            title="Put these parameters in the form to change and send"
          >
            Reuse settings
          </Button>
          <Button
            size="sm"
            variant="ghost"
            className="ml-auto"
            onClick={() => actions.onRemove(job)}
            title="Take this job out of the gallery (its files are kept)"
          >
            Remove
          </Button>
        </footer>
      ) : null}
    </article>
  );
});
