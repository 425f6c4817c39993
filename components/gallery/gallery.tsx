"use client";
import type { JobView } from "@/lib/jobs/view";
import { JobCard, type JobCardActions } from "./job-card";

export function Gallery({ jobs, actions }: { jobs: JobView[]; actions: JobCardActions }) {
  return (
    <section aria-label="Gallery" className="flex flex-col gap-4">
      <div className="flex items-baseline justify-between">
        <h2 className="text-sm font-semibold tracking-wide text-neutral-300">Gallery</h2>
        <p className="text-xs text-neutral-500">
          {jobs.length} {jobs.length === 1 ? "job" : "jobs"}
        </p>
      </div>
      {jobs.length === 0 ? (
        <div className="flex flex-col items-center justify-center gap-2 rounded-2xl border border-dashed border-neutral-800 px-6 py-24 text-center">
          <p className="text-sm text-neutral-300">Nothing here yet.</p>
          <p className="max-w-sm text-xs text-neutral-500">
            Write a prompt and press Generate. Your images and 3D models stay here, across reloads and restarts.
          </p>
        </div>
      ) : (
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 2xl:grid-cols-3">
          {jobs.map((job) => (
            <li key={job.id}>
              <JobCard job={job} actions={actions} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
