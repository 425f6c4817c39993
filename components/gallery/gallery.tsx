"use client";
// The gallery: newest first, with search, a filter, and older jobs on demand.
import { isFailed } from "@/lib/jobs/states";
import { useMemo, useState } from "react";
import type { BrowserJob } from "@/lib/jobs/browser-job";
import { JobCard, type JobCardActions } from "./job-card";

type Filter = "all" | "image" | "mesh" | "favorites" | "failed";

const FILTERS: { value: Filter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "image", label: "Images" },
  { value: "mesh", label: "3D" },
  { value: "favorites", label: "Favorites" },
  { value: "failed", label: "Failed" },
];

function matches(job: BrowserJob, filter: Filter, query: string) {
  if (filter === "image" && job.kind !== "image") return false;
  if (filter === "mesh" && job.kind !== "mesh") return false;
  if (filter === "favorites" && !job.favorite) return false;
  if (filter === "failed" && !isFailed(job.state)) return false;
  return query === "" || job.prompt.toLowerCase().includes(query);
}

export function Gallery({
  jobs,
  total,
  actions,
  onShowOlder,
  loadingOlder,
}: {
  jobs: BrowserJob[];
  total: number;
  actions: JobCardActions;
  onShowOlder: () => void;
  loadingOlder: boolean;
}) {
  const [filter, setFilter] = useState<Filter>("all");
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const shown = useMemo(() => jobs.filter((j) => matches(j, filter, q)), [jobs, filter, q]);

  return (
    <section aria-label="Gallery" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-baseline gap-3">
          <h2 className="text-sm font-semibold tracking-wide text-neutral-300">Gallery</h2>
          <p className="text-xs text-neutral-500">
            {total} {total === 1 ? "job" : "jobs"}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <input
            type="search"
            aria-label="Search prompts"
            placeholder="Search prompts"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="h-8 w-48 rounded-lg border border-neutral-800 bg-neutral-900 px-3 text-xs placeholder:text-neutral-500 focus:border-violet-400 focus:outline-none"
          />
          <div
            role="group"
            aria-label="Show"
            className="flex rounded-lg border border-neutral-800 bg-neutral-900 p-0.5"
          >
            {FILTERS.map((f) => (
              <button
                key={f.value}
                type="button"
                aria-pressed={filter === f.value}
                onClick={() => setFilter(f.value)}
                className="rounded-md px-2.5 py-1 text-xs text-neutral-400 hover:text-neutral-200 aria-pressed:bg-neutral-700 aria-pressed:text-white"
              >
                {f.label}
              </button>
            ))}
          </div>
        </div>
      </div>
      {jobs.length === 0 ? (
        <div className="flex flex-col items-center justify-center gap-2 rounded-2xl border border-dashed border-neutral-800 px-6 py-24 text-center">
          <p className="text-sm text-neutral-300">Nothing here yet.</p>
          <p className="max-w-sm text-xs text-neutral-500">
            Write a prompt and press Generate. Your images and 3D models stay here, across reloads
            and restarts.
          </p>
        </div>
      ) : shown.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-neutral-800 px-6 py-16 text-center text-sm text-neutral-400">
          No job matches{q ? ` “${query.trim()}”` : ""} in{" "}
          {FILTERS.find((f) => f.value === filter)!.label.toLowerCase()}.
        </p>
      ) : (
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 2xl:grid-cols-3">
          {shown.map((job) => (
            <li key={job.id}>
              <JobCard job={job} actions={actions} />
            </li>
          ))}
        </ul>
      )}
      {jobs.length < total ? (
        <button
          type="button"
          onClick={onShowOlder}
          disabled={loadingOlder}
          className="mx-auto rounded-lg border border-neutral-800 px-4 py-2 text-xs text-neutral-300 hover:bg-neutral-900 disabled:opacity-50"
        >
          {loadingOlder ? "Loading…" : `Show older jobs (${total - jobs.length} more)`}
        </button>
      ) : null}
    </section>
  );
}
