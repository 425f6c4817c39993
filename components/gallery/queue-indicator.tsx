"use client";
// How many jobs are in flight, always in view at the top of the studio; opens the queue panel.
import { useEffect, useId, useRef, useState } from "react";
import { QueuePanel } from "./queue-panel";
import { useGalleryEdit } from "./use-jobs";
import { useQueue } from "./use-queue";

export function QueueIndicator() {
  const [open, setOpen] = useState(false);
  const { data } = useQueue(open);
  const panelId = useId();
  const count = data?.inFlight ?? 0;
  // A job sent from another tab or by a teammate shows up here first: the gallery then asks
  // what changed, so the new job appears without a reload.
  const edit = useGalleryEdit();
  const known = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!data) return;
    const ids = new Set(data.jobs.map((j) => j.id));
    const before = known.current;
    known.current = ids;
    if (before && [...ids].some((id) => !before.has(id))) void edit.sync();
  }, [data, edit]);
  return (
    <div className="pointer-events-auto relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
        className="flex h-8 items-center gap-2 rounded-full border border-neutral-800 bg-neutral-900/90 px-3 text-xs text-neutral-300 shadow-lg shadow-black/20 backdrop-blur hover:border-violet-400/50 hover:text-neutral-100 focus-visible:outline-2 focus-visible:outline-violet-400"
      >
        <span
          aria-hidden
          className={`h-2 w-2 rounded-full ${count ? "animate-pulse bg-violet-400" : "bg-neutral-600"}`}
        />
        <span className="font-medium">Queue</span>
        <span className="tabular-nums">{data ? `${count} in flight` : "…"}</span>
      </button>
      {open ? <QueuePanel id={panelId} queue={data} onClose={() => setOpen(false)} /> : null}
    </div>
  );
}
