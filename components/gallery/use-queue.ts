"use client";
// The queue: every job in flight, from /api/queue. Read every second while the panel is open,
// every few seconds while something is in flight, and now and then otherwise (another tab or
// person may send a job).
import { useQuery } from "@tanstack/react-query";
import type { QueueJob, QueueState } from "@/lib/gallery/queue";
import { fetchJson, retryTransient } from "./fetch-json";
import { QUEUE_KEY } from "./use-jobs";

export type { QueueJob };

export interface QueueView extends QueueState {
  /** The browser's clock when the answer came: elapsed times count on from here. */
  readAt: number;
}

export function useQueue(open: boolean) {
  return useQuery({
    queryKey: QUEUE_KEY,
    queryFn: async ({ signal }): Promise<QueueView> => ({
      ...(await fetchJson<QueueState>("/api/queue", { signal })),
      readAt: Date.now(),
    }),
    refetchInterval: (q) => (open ? 1000 : q.state.data?.inFlight ? 3000 : 15_000),
    staleTime: 500,
    retry: retryTransient,
  });
}
