"use client";
// The gallery's cards in rows as wide as the column allows (one to four cards), virtualised
// against the window's scroll: only the rows near the screen are in the page, however many jobs
// the view holds. Nearing the end of what is loaded asks for the next page.
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { BrowserJob } from "@/lib/jobs/browser-job";
import { JobCard, type JobCardActions } from "./job-card";

const GAP = 16;
/** Narrowest a card gets before a row holds one card fewer. */
const CARD_MIN = 260;
const MAX_COLUMNS = 4;
const ROW_ESTIMATE = 420;
/** Rows kept in the page above and below the screen. */
const OVERSCAN = 4;
/** Ask for the next page this many rows before the end of what is loaded. */
const PREFETCH_ROWS = 6;

function columnsFor(width: number) {
  return Math.max(1, Math.min(MAX_COLUMNS, Math.floor((width + GAP) / (CARD_MIN + GAP))));
}

export function GalleryGrid({
  jobs,
  actions,
  selecting,
  selected,
  onSelect,
  hasMore,
  loadingMore,
  onLoadMore,
}: {
  jobs: BrowserJob[];
  actions: JobCardActions;
  selecting: boolean;
  selected: ReadonlySet<string>;
  onSelect: (job: BrowserJob, range: boolean) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  // The server renders three columns (the common desktop width); the first layout corrects it.
  const [columns, setColumns] = useState(3);
  const [offset, setOffset] = useState(0);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const measure = () => {
      setColumns(columnsFor(list.clientWidth));
      setOffset(Math.round(list.getBoundingClientRect().top + window.scrollY));
    };
    measure();
    // Anything above the grid (alerts, the toolbar wrapping) moves it: watch the whole page.
    const ro = new ResizeObserver(measure);
    ro.observe(list);
    ro.observe(document.body);
    return () => ro.disconnect();
  }, []);

  const rows = useMemo(() => {
    const out: BrowserJob[][] = [];
    for (let i = 0; i < jobs.length; i += columns) out.push(jobs.slice(i, i + columns));
    return out;
  }, [jobs, columns]);

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => ROW_ESTIMATE,
    overscan: OVERSCAN,
    scrollMargin: offset,
    gap: GAP,
    getItemKey: useCallback((i: number) => rows[i]?.[0]?.id ?? i, [rows]),
    // The same first rows on the server and in the first render in the browser.
    initialRect: { width: 1200, height: 1000 },
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  const nearEnd = lastIndex >= 0 && lastIndex >= rows.length - PREFETCH_ROWS;

  useEffect(() => {
    if (nearEnd && hasMore && !loadingMore) onLoadMore();
  }, [nearEnd, hasMore, loadingMore, onLoadMore]);

  return (
    <div>
      <div ref={listRef} className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => (
          <div
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className="absolute left-0 top-0 grid w-full items-start"
            style={{
              transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)`,
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
              gap: GAP,
            }}
          >
            {rows[item.index]?.map((job) => (
              <JobCard
                key={job.id}
                job={job}
                actions={actions}
                selecting={selecting}
                selected={selected.has(job.id)}
                onSelect={onSelect}
              />
            ))}
          </div>
        ))}
      </div>
      {hasMore ? (
        <p role="status" className="py-6 text-center text-xs text-neutral-400">
          {loadingMore ? "Loading older jobs…" : "Scroll for more"}
        </p>
      ) : null}
    </div>
  );
}
