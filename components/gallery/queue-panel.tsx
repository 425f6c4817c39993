"use client";
// The queue: each job in flight with its state, place in line, time so far and what is likely
// left; "Stop tracking" (the gateway may still finish and charge it); "Retry" on jobs that ended
// while the panel was open.
import { useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { formatDuration } from "@/components/ui/format";
import { StateBadge } from "@/components/ui/state-badge";
import { isEnded, type JobState } from "@/lib/jobs/states";
import { ConfirmDialog } from "./confirm-dialog";
import { Elapsed } from "./elapsed";
import { useGalleryServer } from "./gallery-server";
import { QUEUE_KEY, useGalleryEdit } from "./use-jobs";
import type { QueueJob, QueueView } from "./use-queue";

interface Ended {
  id: string;
  prompt: string;
  state: JobState | null;
}

/** "about 40 s left", counting down between reads of the queue. */
function Remaining({ job, readAt }: { job: QueueJob; readAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  if (job.estimateMs == null) return <span>no estimate yet</span>;
  if (job.state === "WAITING") {
    return <span>about {formatDuration(job.estimateMs)} once sent</span>;
  }
  const left = job.estimateMs - (job.elapsedMs + (now - readAt));
  if (left <= 0) return <span>taking longer than usual</span>;
  return left < 60_000 ? (
    <span>about {Math.max(1, Math.round(left / 1000))} s left</span>
  ) : (
    <span>about {Math.round(left / 60_000)} min left</span>
  );
}

function QueueRow({ job, readAt, onStop }: { job: QueueJob; readAt: number; onStop: () => void }) {
  return (
    <li className="flex flex-col gap-1.5 border-b border-neutral-800 py-2.5 last:border-0">
      <div className="flex items-start justify-between gap-2">
        <p className="line-clamp-2 text-xs font-medium text-neutral-100" title={job.prompt}>
          {job.prompt || "Untitled 3D model"}
        </p>
        <StateBadge state={job.state} />
      </div>
      <p className="flex flex-wrap gap-x-2 text-[11px] text-neutral-400">
        <span>{job.modelLabel}</span>
        {job.place ? <span>place {job.place} in line</span> : null}
        <span>
          <Elapsed from={new Date(readAt - job.elapsedMs).toISOString()} to={null} /> so far
        </span>
        <Remaining job={job} readAt={readAt} />
      </p>
      <div>
        <Button size="sm" variant="ghost" onClick={onStop}>
          Stop tracking
        </Button>
      </div>
    </li>
  );
}

export function QueuePanel({
  id,
  queue,
  onClose,
}: {
  id: string;
  queue: QueueView | undefined;
  onClose: () => void;
}) {
  const server = useGalleryServer();
  const edit = useGalleryEdit();
  const client = useQueryClient();
  const [stopping, setStopping] = useState<QueueJob | null>(null);
  const [ended, setEnded] = useState<Ended[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  // Jobs that leave the queue while the panel is open are listed as ended, for Retry.
  const [seen, setSeen] = useState(queue?.jobs);
  if (queue?.jobs !== seen) {
    const now = new Set(queue?.jobs.map((j) => j.id));
    const gone = (seen ?? []).filter((j) => !now.has(j.id) && !ended.some((e) => e.id === j.id));
    setSeen(queue?.jobs);
    if (gone.length) {
      const found = gone.map((j) => ({ id: j.id, prompt: j.prompt, state: null }));
      setEnded((old) => [...found, ...old].slice(0, 10));
    }
  }

  async function stop(): Promise<string | null> {
    if (!stopping) return null;
    const r = await server.stopTracking({ jobId: stopping.id });
    if (!r.ok) return r.message;
    const job = stopping;
    setEnded((old) => [
      { id: job.id, prompt: job.prompt, state: r.data.state },
      ...old.filter((e) => e.id !== job.id),
    ]);
    await Promise.all([client.invalidateQueries({ queryKey: QUEUE_KEY }), edit.sync()]);
    return null;
  }

  async function retry(job: Ended) {
    setProblem(null);
    const r = await server.retryJob({ jobId: job.id });
    if (!r.ok) {
      setProblem(r.message);
      return;
    }
    edit.add(r.data);
    setEnded((old) => old.filter((e) => e.id !== job.id));
  }

  return (
    <section
      id={id}
      aria-label="Queue"
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
      className="absolute right-0 top-10 z-40 flex max-h-[70vh] w-[min(24rem,92vw)] flex-col overflow-hidden rounded-2xl border border-neutral-800 bg-neutral-950 shadow-2xl shadow-black/40"
    >
      <header className="flex items-center justify-between border-b border-neutral-800 px-4 py-2.5">
        <h2 className="text-sm font-semibold text-neutral-200">Queue</h2>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close queue">
          ×
        </Button>
      </header>
      <div className="overflow-y-auto px-4 py-1">
        {!queue ? (
          <p className="py-4 text-xs text-neutral-400">Reading the queue…</p>
        ) : queue.jobs.length === 0 ? (
          <p className="py-4 text-xs text-neutral-400">
            Nothing in flight. New jobs show here until they end.
          </p>
        ) : (
          <ul aria-label="Jobs in flight">
            {queue.jobs.map((job) => (
              <QueueRow
                key={job.id}
                job={job}
                readAt={queue.readAt}
                onStop={() => setStopping(job)}
              />
            ))}
          </ul>
        )}
        {ended.length ? (
          <div className="border-t border-neutral-800 py-2">
            <h3 className="text-[11px] font-semibold uppercase tracking-wider text-neutral-400">
              Ended just now
            </h3>
            <ul aria-label="Ended just now">
              {ended.map((job) => {
                const state = job.state ?? edit.find(job.id)?.state;
                return (
                  <li key={job.id} className="flex items-center justify-between gap-2 py-1.5">
                    <span className="truncate text-xs text-neutral-300">
                      {job.prompt || "Untitled 3D model"}
                    </span>
                    <span className="flex shrink-0 items-center gap-1">
                      {state && isEnded(state) ? <StateBadge state={state} /> : null}
                      <Button size="sm" variant="ghost" onClick={() => void retry(job)}>
                        Retry
                      </Button>
                    </span>
                  </li>
                );
              })}
            </ul>
          </div>
        ) : null}
        {problem ? (
          <p role="alert" className="pb-2 text-xs text-red-300">
            {problem}
          </p>
        ) : null}
      </div>
      {stopping ? (
        <ConfirmDialog
          title="Stop tracking this job?"
          confirmLabel="Stop tracking"
          cancelLabel="Keep tracking"
          onConfirm={stop}
          onClose={() => setStopping(null)}
        >
          {stopping.state === "WAITING" ? (
            <>“{stopping.prompt}” has not been sent yet: it simply ends, and nothing is charged.</>
          ) : (
            <>
              The gateway already has “{stopping.prompt}”. It may still finish the job and charge
              for it: there is no way to cancel it there. The studio stops following it and will not
              fetch its result.
            </>
          )}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
