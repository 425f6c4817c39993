"use client";
// The gallery's data: pages of the view the URL describes (one infinite query per view), kept
// current by asking /api/jobs/changes what changed since the last answer — continuously while a
// job in the view is in flight (the server holds each question until something changes, up to
// HOLD_MS, and the next goes out at once), once after each change the designer makes — and never
// by fetching the whole list again.
import {
  keepPreviousData,
  useInfiniteQuery,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import { useMemo } from "react";
import type { GalleryChanges, GalleryPage } from "@/lib/gallery/load";
import { isFiltered, readGalleryQuery, type GalleryQuery } from "@/lib/gallery/query";
import type { BrowserJob } from "@/lib/jobs/browser-job";
import { fetchJson, retryTransient, StudioFetchError } from "./fetch-json";
import {
  dropJobs,
  insertJob,
  loadedJobs,
  mergeChanges,
  patchJobs,
  syncSince,
  type GalleryPages,
} from "./gallery-cache";

/** Invalidating this (the mesh viewer does, after saving a thumbnail) asks for changes. */
export const JOBS_KEY = ["jobs"] as const;
const GALLERY_KEY = ["gallery"] as const;
export const QUEUE_KEY = ["queue"] as const;

const galleryKey = (params: string) => [...GALLERY_KEY, params] as const;
const changesKey = (params: string) => [...JOBS_KEY, "changes", params] as const;

/** Later pages are larger than the first (which the server renders): fewer requests on a scroll. */
const NEXT_PAGE = 96;
/** While busy, the next question goes out this soon after an answer. */
const POLL_MS = 100;
/** How long the server may hold a question while nothing changes. */
const HOLD_MS = 15_000;
/** With `more`, the changes come in several answers; this many at most in one go. */
const CATCH_UP_ROUNDS = 10;

/** The first page the server rendered, for the query it was rendered for. */
export interface InitialView {
  params: string;
  page: GalleryPage;
}

function pageUrl(params: string, cursor: string | null) {
  const p = new URLSearchParams(params);
  if (cursor) {
    p.set("cursor", cursor);
    p.set("limit", String(NEXT_PAGE));
  }
  const s = p.toString();
  return s ? `/api/jobs?${s}` : "/api/jobs";
}

export function useGalleryJobs(params: string, initial: InitialView | null) {
  return useInfiniteQuery<
    GalleryPage,
    Error,
    GalleryPages,
    ReturnType<typeof galleryKey>,
    string | null
  >({
    queryKey: galleryKey(params),
    queryFn: ({ pageParam, signal }) =>
      fetchJson<GalleryPage>(pageUrl(params, pageParam), { signal, cache: "no-cache" }),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    initialData:
      initial && initial.params === params
        ? { pages: [initial.page], pageParams: [null] }
        : undefined,
    // Kept current by the changes feed below, not by refetching.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    placeholderData: keepPreviousData,
    retry: retryTransient,
  });
}

async function syncView(
  client: QueryClient,
  params: string,
  sort: GalleryQuery["sort"],
  signal: AbortSignal,
  hold: boolean,
): Promise<string | null> {
  for (let round = 0; round < CATCH_UP_ROUNDS; round++) {
    const data = client.getQueryData<GalleryPages>(galleryKey(params));
    if (!data?.pages.length) return null;
    const since = syncSince(data);
    const url = new URLSearchParams(params);
    url.set("since", since);
    if (hold && round === 0) url.set("wait", String(HOLD_MS));
    let changes: GalleryChanges;
    try {
      changes = await fetchJson<GalleryChanges>(`/api/jobs/changes?${url}`, { signal });
    } catch (err) {
      // "This view is too old to update": load it afresh.
      if (err instanceof StudioFetchError && err.status === 400) {
        await client.resetQueries({ queryKey: galleryKey(params) });
        return null;
      }
      throw err;
    }
    client.setQueryData<GalleryPages>(galleryKey(params), (old) =>
      old ? mergeChanges(old, changes, sort, since) : old,
    );
    if (!changes.more) return changes.asOf;
  }
  return null;
}

/**
 * Polls for changes while `busy` (a job in the view is in flight or an output is being saved);
 * also on focus, on mount and whenever JOBS_KEY is invalidated. Its error is the gallery's.
 */
export function useGallerySync(
  params: string,
  sort: GalleryQuery["sort"],
  ready: boolean,
  busy: boolean,
) {
  const client = useQueryClient();
  return useQuery({
    queryKey: changesKey(params),
    queryFn: ({ signal }) => syncView(client, params, sort, signal, busy),
    enabled: ready,
    staleTime: Infinity,
    refetchOnMount: "always",
    refetchOnWindowFocus: "always",
    refetchInterval: busy ? POLL_MS : false,
    // A hidden tab keeps asking, so a job that ends there is announced (toast, notification).
    refetchIntervalInBackground: busy,
    retry: retryTransient,
  });
}

function eachView(
  client: QueryClient,
  edit: (data: GalleryPages, query: GalleryQuery) => GalleryPages,
) {
  for (const [key, data] of client.getQueriesData<GalleryPages>({ queryKey: GALLERY_KEY })) {
    if (!data) continue;
    const { query } = readGalleryQuery(new URLSearchParams(String(key[1] ?? "")));
    client.setQueryData<GalleryPages>(key, edit(data, query));
  }
}

/** Edits every loaded view at once (optimistic changes), and asks the server what changed. */
export function useGalleryEdit() {
  const client = useQueryClient();
  return useMemo(
    () => ({
      patch(ids: Iterable<string>, fn: (job: BrowserJob) => BrowserJob) {
        const list = [...ids];
        eachView(client, (data) => patchJobs(data, list, fn));
      },
      drop(ids: Iterable<string>) {
        const list = [...ids];
        eachView(client, (data) => dropJobs(data, list));
      },
      /** A job the server just made (generate, retry): shown at once in views without filters. */
      add(job: BrowserJob) {
        eachView(client, (data, query) =>
          isFiltered(query) ? data : insertJob(data, job, query.sort),
        );
        // A filtered view learns from the server whether the job belongs in it.
        void client.invalidateQueries({ queryKey: JOBS_KEY });
        void client.invalidateQueries({ queryKey: QUEUE_KEY });
      },
      sync() {
        return client.invalidateQueries({ queryKey: JOBS_KEY });
      },
      find(id: string): BrowserJob | undefined {
        for (const [, data] of client.getQueriesData<GalleryPages>({ queryKey: GALLERY_KEY })) {
          const job = loadedJobs(data).find((j) => j.id === id);
          if (job) return job;
        }
        return undefined;
      },
    }),
    [client],
  );
}
