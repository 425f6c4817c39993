"use client";
// The gallery: the view the URL describes, loaded a page at a time from the server and kept
// current by polling for changes; cards in a virtualised grid; selection for bulk actions; the
// image and 3D dialogs.
import { useCallback, useMemo, useState } from "react";
import type { RecallMode } from "@/components/composer/recall";
import { isFiltered, type GalleryQuery } from "@/lib/gallery/query";
import { isBusy, type BrowserJob, type BrowserOutput } from "@/lib/jobs/browser-job";
import { Button } from "@/components/ui/button";
import { loadedJobs } from "./gallery-cache";
import { GalleryGrid } from "./gallery-grid";
import { GalleryToolbar } from "./gallery-toolbar";
import { ImageView } from "./image-view";
import type { JobCardActions } from "./job-card";
import { MeshView } from "./mesh-view";
import { useDebouncedSearch } from "./search-box";
import { SelectionBar } from "./selection-bar";
import { useGalleryQuery } from "./use-gallery-query";
import { useJobActions } from "./use-job-actions";
import { useGalleryJobs, useGallerySync, type InitialView } from "./use-jobs";
import { useSelection } from "./use-selection";

type Open = { kind: "image" | "mesh"; jobId: string; outputId: string } | null;

const notice = "rounded-lg border px-3 py-2 text-xs";

function Empty({ query, onClear }: { query: GalleryQuery; onClear: () => void }) {
  if (!isFiltered(query)) {
    return (
      <div className="flex flex-col items-center justify-center gap-2 rounded-2xl border border-dashed border-neutral-800 px-6 py-24 text-center">
        <p className="text-sm text-neutral-300">Nothing here yet.</p>
        <p className="max-w-sm text-xs text-neutral-500">
          Write a prompt and press Generate. Your images and 3D models stay here, across reloads and
          restarts.
        </p>
      </div>
    );
  }
  const onlyBoard = query.board && !isFiltered({ ...query, board: undefined });
  return (
    <div className="flex flex-col items-center gap-3 rounded-2xl border border-dashed border-neutral-800 px-6 py-16 text-center">
      <p className="text-sm text-neutral-300">
        {onlyBoard
          ? "No jobs on this board yet."
          : `No job matches${query.q ? ` “${query.q}”` : " these filters"}.`}
      </p>
      <p className="max-w-sm text-xs text-neutral-500">
        {onlyBoard
          ? "Press Select, choose jobs in the gallery, then Add to board."
          : query.q
            ? "Search looks for these exact characters in prompts. Try fewer words, or clear the filters."
            : "Widen the dates or choose other filters, or clear them to see every job."}
      </p>
      <Button size="sm" variant="ghost" onClick={onClear}>
        Show every job
      </Button>
    </div>
  );
}

export function Gallery({
  initial,
  onMake3d,
  onReuse,
  onRecall,
}: {
  initial: InitialView | null;
  onMake3d: (job: BrowserJob, output: BrowserOutput) => void;
  onReuse: (job: BrowserJob) => void;
  onRecall: (job: BrowserJob, mode: RecallMode) => void;
}) {
  const view = useGalleryQuery();
  const { update, clear } = view;
  const search = useDebouncedSearch(view.raw.q ?? "", (q) => update({ q }));
  const { reset } = search;
  const clearAll = useCallback(() => {
    reset("");
    clear();
  }, [reset, clear]);
  const pages = useGalleryJobs(view.params, initial);
  const { data, isPlaceholderData, hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const jobs = useMemo(() => loadedJobs(data), [data]);
  const busy = !isPlaceholderData && jobs.some(isBusy);
  const sync = useGallerySync(view.params, view.query.sort, !!data && !isPlaceholderData, busy);
  const total = data?.pages.at(-1)?.total ?? null;
  const selection = useSelection();
  const act = useJobActions();
  const [open, setOpen] = useState<Open>(null);

  const order = useMemo(() => jobs.map((j) => j.id), [jobs]);
  const { toggle } = selection;
  const onSelect = useCallback(
    (job: BrowserJob, range: boolean) => toggle(job.id, range, order),
    [toggle, order],
  );
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const { retry, favorite, remove, fetchOutput } = act;
  const actions = useMemo<JobCardActions>(
    () => ({
      onOpenImage: (job, o) => setOpen({ kind: "image", jobId: job.id, outputId: o.id }),
      onOpenMesh: (job, o) => setOpen({ kind: "mesh", jobId: job.id, outputId: o.id }),
      onMake3d: (job, o) => {
        setOpen(null);
        onMake3d(job, o);
      },
      onRetry: (job) => void retry(job),
      onReuse,
      onFavorite: (job, value) => void favorite(job, value),
      onRemove: (job) => void remove(job),
      onFetchAgain: (job, o) => void fetchOutput(job, o),
    }),
    [onMake3d, onReuse, retry, favorite, remove, fetchOutput],
  );

  const openJob = open ? jobs.find((j) => j.id === open.jobId) : undefined;
  const openOutput = openJob?.outputs.find((o) => o.id === open?.outputId);
  const recallOpen = (mode: RecallMode) => {
    if (!openJob) return;
    setOpen(null);
    onRecall(openJob, mode);
  };
  /** A related job, when the view has it loaded (there is no route for one job by id). */
  const openRelated = (jobId: string) => {
    const job = jobs.find((j) => j.id === jobId);
    const output = job?.outputs.find((o) => o.state === "STORED");
    if (job && output) setOpen({ kind: job.kind, jobId, outputId: output.id });
  };

  return (
    <>
      <section aria-label="Gallery" className="flex flex-col gap-4">
        <GalleryToolbar
          view={view}
          search={search}
          onClear={clearAll}
          total={isPlaceholderData ? null : total}
          selecting={selection.on}
          onSelecting={selection.setOn}
        />
        {selection.on ? (
          <SelectionBar selection={selection} loaded={order} board={view.query.board} />
        ) : null}
        {pages.error && !data ? (
          <div role="alert" className={`${notice} border-red-500/30 bg-red-500/10 text-red-200`}>
            The gallery could not be loaded ({pages.error.message}).{" "}
            <button type="button" className="underline" onClick={() => void pages.refetch()}>
              Try again
            </button>
          </div>
        ) : sync.error ? (
          <p
            role="alert"
            className={`${notice} border-amber-500/30 bg-amber-500/10 text-amber-200`}
          >
            The gallery could not be refreshed ({sync.error.message}). It will try again.
          </p>
        ) : null}
        {act.problem ? (
          <p role="alert" className={`${notice} border-red-500/30 bg-red-500/10 text-red-200`}>
            {act.problem}
          </p>
        ) : null}

        {!data ? (
          pages.error ? null : (
            <p role="status" className="py-16 text-center text-xs text-neutral-400">
              Loading the gallery…
            </p>
          )
        ) : jobs.length === 0 && !hasNextPage ? (
          <Empty query={view.query} onClear={clearAll} />
        ) : (
          <div className={isPlaceholderData ? "opacity-60 transition-opacity" : undefined}>
            <GalleryGrid
              jobs={jobs}
              actions={actions}
              selecting={selection.on}
              selected={selection.ids}
              onSelect={onSelect}
              hasMore={!!hasNextPage}
              loadingMore={isFetchingNextPage}
              onLoadMore={loadMore}
            />
          </div>
        )}
      </section>
      {act.removed ? (
        <div
          role="status"
          className="fixed bottom-6 left-1/2 z-50 flex -translate-x-1/2 items-center gap-3 rounded-xl border border-neutral-700 bg-neutral-900 px-4 py-2.5 text-sm shadow-2xl"
        >
          <span className="max-w-xs truncate text-neutral-300">
            Removed “{act.removed.prompt || act.removed.modelLabel}” from the gallery.
          </span>
          <button
            type="button"
            onClick={() => void act.undoRemove()}
            className="font-medium text-violet-300 hover:text-violet-200"
          >
            Undo
          </button>
          <button
            type="button"
            aria-label="Dismiss"
            onClick={act.dismissRemoved}
            className="text-neutral-500 hover:text-neutral-300"
          >
            ×
          </button>
        </div>
      ) : null}
      {open && openJob && openOutput ? (
        open.kind === "image" ? (
          <ImageView
            job={openJob}
            output={openOutput}
            onClose={() => setOpen(null)}
            onMake3d={actions.onMake3d}
            onRecall={recallOpen}
            onOpenJob={openRelated}
          />
        ) : (
          <MeshView
            job={openJob}
            output={openOutput}
            onClose={() => setOpen(null)}
            onRecall={recallOpen}
            onOpenJob={openRelated}
          />
        )
      ) : null}
    </>
  );
}
