"use client";
// The gallery: the view the URL describes, loaded a page at a time from the server and kept
// current by polling for changes; cards in a virtualised grid; selection for bulk actions; the
// large image view (stepping through the view) and the 3D viewer; news of jobs that end while
// the tab is hidden.
import { useCallback, useMemo } from "react";
import type { RecallMode } from "@/components/composer/recall";
import { NotifyButton } from "@/components/ui/notify-button";
import { useJobNotifications } from "@/components/ui/use-job-notifications";
import { isBusy, type BrowserJob, type BrowserOutput } from "@/lib/jobs/browser-job";
import { GalleryEmpty } from "./gallery-empty";
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
import { useOpenView } from "./use-open-view";
import { useSelection } from "./use-selection";

const notice = "rounded-lg border px-3 py-2 text-xs";

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
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const shown = useOpenView(jobs, { has: !!hasNextPage, load: loadMore });
  const notify = useJobNotifications(jobs, { onOpenJob: (id) => void shown.openJob(id) });

  const order = useMemo(() => jobs.map((j) => j.id), [jobs]);
  const { toggle } = selection;
  const onSelect = useCallback(
    (job: BrowserJob, range: boolean) => toggle(job.id, range, order),
    [toggle, order],
  );

  const { retry, favorite, remove, fetchOutput } = act;
  const { show, close } = shown;
  const actions = useMemo<JobCardActions>(
    () => ({
      onOpenImage: show,
      onOpenMesh: show,
      onMake3d: (job, o) => {
        close();
        onMake3d(job, o);
      },
      onRetry: (job) => void retry(job),
      onReuse,
      onFavorite: (job, value) => void favorite(job, value),
      onRemove: (job) => void remove(job),
      onFetchAgain: (job, o) => void fetchOutput(job, o),
    }),
    [show, close, onMake3d, onReuse, retry, favorite, remove, fetchOutput],
  );

  const open = shown.open;
  const recallOpen = (mode: RecallMode) => {
    if (!open) return;
    close();
    onRecall(open.job, mode);
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
          extra={
            <NotifyButton permission={notify.permission} onRequest={notify.requestPermission} />
          }
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
          <GalleryEmpty query={view.query} onClear={clearAll} />
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
      {open ? (
        open.kind === "image" ? (
          <ImageView
            job={open.job}
            output={open.output}
            steps={shown.steps}
            onClose={close}
            onMake3d={actions.onMake3d}
            onFavorite={actions.onFavorite}
            onRecall={recallOpen}
            onOpenJob={(id) => void shown.openJob(id)}
          />
        ) : (
          <MeshView
            job={open.job}
            output={open.output}
            onClose={close}
            onRecall={recallOpen}
            onOpenJob={(id) => void shown.openJob(id)}
          />
        )
      ) : null}
    </>
  );
}
