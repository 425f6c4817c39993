"use client";
// The gallery's one query: polls the studio's job endpoint while something is in flight and
// stops once every job has ended.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { readApiError } from "@/lib/http/api-error";
import { isBusy, type BrowserJob } from "@/lib/jobs/browser-job";

export const JOBS_KEY = ["jobs"] as const;

export interface GalleryData {
  jobs: BrowserJob[];
  total: number;
}

async function fetchJobs(limit: number): Promise<GalleryData> {
  const res = await fetch(`/api/jobs?limit=${limit}`, { cache: "no-cache" });
  if (res.status === 401) {
    // A full page load on purpose: the session ended, so no client state should survive it.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/sign-in");
    return { jobs: [], total: 0 };
  }
  if (!res.ok) throw new Error((await readApiError(res)).message);
  return (await res.json()) as GalleryData;
}

export function useJobs(initial: GalleryData, limit: number) {
  return useQuery({
    queryKey: [...JOBS_KEY, limit],
    queryFn: () => fetchJobs(limit),
    initialData: limit === initial.jobs.length || initial.jobs.length < limit ? initial : undefined,
    initialDataUpdatedAt: 0,
    placeholderData: (previous) => previous,
    refetchInterval: (query) => ((query.state.data?.jobs ?? []).some(isBusy) ? 1000 : false),
  });
}

/** Puts a job the server just answered with at the top, then refetches. */
export function useAddJob() {
  const client = useQueryClient();
  return (job: BrowserJob) => {
    client.setQueriesData<GalleryData>({ queryKey: JOBS_KEY }, (old) =>
      old ? { jobs: [job, ...old.jobs.filter((j) => j.id !== job.id)], total: old.total + 1 } : old,
    );
    void client.invalidateQueries({ queryKey: JOBS_KEY });
  };
}

/**
 * Changes the cached gallery right away (favorite, removal), runs the server action, then
 * refetches, so the server's answer, not the guess, is what stays on screen.
 */
export function useGalleryChange() {
  const client = useQueryClient();
  return async <T>(
    change: (jobs: BrowserJob[]) => BrowserJob[],
    work: () => Promise<T>,
  ): Promise<T> => {
    await client.cancelQueries({ queryKey: JOBS_KEY });
    client.setQueriesData<GalleryData>({ queryKey: JOBS_KEY }, (old) =>
      old ? { ...old, jobs: change(old.jobs) } : old,
    );
    try {
      return await work();
    } finally {
      void client.invalidateQueries({ queryKey: JOBS_KEY });
    }
  };
}
