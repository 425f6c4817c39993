"use client";
// The gallery's one query: polls the studio's job endpoint while something is in flight and
// stops once every job has ended.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { isBusy, type JobView } from "@/lib/jobs/view";

export const JOBS_KEY = ["jobs"] as const;

async function fetchJobs(): Promise<JobView[]> {
  const res = await fetch("/api/jobs", { cache: "no-cache" });
  if (res.status === 401) {
    window.location.assign("/sign-in");
    return [];
  }
  if (!res.ok) throw new Error(`The studio answered ${res.status}`);
  const body = (await res.json()) as { jobs: JobView[] };
  return body.jobs;
}

export function useJobs(initial: JobView[]) {
  return useQuery({
    queryKey: JOBS_KEY,
    queryFn: fetchJobs,
    initialData: initial,
    initialDataUpdatedAt: 0,
    refetchInterval: (query) => ((query.state.data ?? []).some(isBusy) ? 1000 : false),
  });
}

/** Puts a job the server just answered with at the top, then refetches. */
export function useAddJob() {
  const client = useQueryClient();
  return (job: JobView) => {
    client.setQueryData<JobView[]>(JOBS_KEY, (old = []) => [job, ...old.filter((j) => j.id !== job.id)]);
    void client.invalidateQueries({ queryKey: JOBS_KEY });
  };
}
