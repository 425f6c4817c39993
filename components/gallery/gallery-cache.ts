// The loaded part of one gallery view (pages of jobs in sort order) and the pure changes made to
// it: merging what the server says changed, inserting a new job where the sort puts it, patching
// or dropping jobs. The browser keeps the view current with these instead of refetching it.
import type { InfiniteData } from "@tanstack/react-query";
import type { GalleryChanges, GalleryPage } from "@/lib/gallery/load";
import type { GalleryQuery } from "@/lib/gallery/query";
import type { BrowserJob } from "@/lib/jobs/browser-job";

export type GalleryPages = InfiniteData<GalleryPage, string | null>;

type Sort = GalleryQuery["sort"];

/** Negative when `a` comes first in the view: by creation time, then id, as the server sorts. */
export function compareJobs(a: BrowserJob, b: BrowserJob, sort: Sort): number {
  const byTime = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  const order = byTime !== 0 ? byTime : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return sort === "oldest" ? order : -order;
}

export function loadedJobs(data: GalleryPages | undefined): BrowserJob[] {
  return data ? data.pages.flatMap((p) => p.jobs) : [];
}

/**
 * The moment the next poll asks for changes since: the earliest `asOf` of any page, because a
 * page fetched before the last merge may hold jobs as they were before a change it reported.
 */
export function syncSince(data: GalleryPages): string {
  return data.pages.reduce((min, p) => (p.asOf < min ? p.asOf : min), data.pages[0].asOf);
}

function withPages(data: GalleryPages, pages: GalleryPage[], total: number): GalleryPages {
  return { ...data, pages: pages.map((p) => ({ ...p, total: Math.max(0, total) })) };
}

function currentTotal(data: GalleryPages): number {
  return data.pages.at(-1)?.total ?? 0;
}

/** Whether a job not yet loaded belongs in the loaded range (before the next page starts). */
function inLoadedRange(data: GalleryPages, job: BrowserJob, sort: Sort): boolean {
  const last = data.pages.at(-1);
  if (!last || last.nextCursor === null) return true;
  const edge = loadedJobs(data).at(-1);
  return !edge || compareJobs(job, edge, sort) < 0;
}

/** Puts `job` on the page and at the place the sort gives it. */
function insertSorted(pages: GalleryPage[], job: BrowserJob, sort: Sort): GalleryPage[] {
  const out = pages.map((p) => ({ ...p, jobs: [...p.jobs] }));
  for (const page of out) {
    const at = page.jobs.findIndex((j) => compareJobs(job, j, sort) < 0);
    if (at >= 0) {
      page.jobs.splice(at, 0, job);
      return out;
    }
  }
  const last = out.at(-1);
  if (last) last.jobs.push(job);
  return out;
}

/**
 * Applies the server's changes to the loaded view: jobs already loaded are replaced where they
 * are, new ones are inserted in sort order when they fall inside the loaded range (later ones
 * arrive with their page), and `removed` ids leave. Every page is then current as of `asOf`.
 */
export function mergeChanges(
  data: GalleryPages,
  changes: Pick<GalleryChanges, "jobs" | "removed"> & { asOf?: string },
  sort: Sort,
  since?: string,
): GalleryPages {
  const changed = new Map(changes.jobs.map((j) => [j.id, j]));
  const gone = new Set(changes.removed.filter((id) => !changed.has(id)));
  let total = currentTotal(data);
  const seen = new Set<string>();
  let pages = data.pages.map((p) => ({
    ...p,
    jobs: p.jobs.flatMap((j) => {
      seen.add(j.id);
      if (gone.has(j.id)) {
        total -= 1;
        return [];
      }
      return [changed.get(j.id) ?? j];
    }),
  }));
  const fresh = changes.jobs.filter((j) => !seen.has(j.id)).sort((a, b) => compareJobs(a, b, sort));
  for (const job of fresh) {
    const current = { ...data, pages };
    if (inLoadedRange(current, job, sort)) {
      pages = insertSorted(pages, job, sort);
      total += 1;
    } else if (since && job.createdAt > since) {
      total += 1; // made since the last look, beyond what is loaded: it arrives with its page
    }
  }
  if (changes.asOf) pages = pages.map((p) => ({ ...p, asOf: changes.asOf! }));
  return withPages(data, pages, total);
}

/** A job the server just answered with (a new or retried job), placed where the view sorts it. */
export function insertJob(data: GalleryPages, job: BrowserJob, sort: Sort): GalleryPages {
  return mergeChanges(data, { jobs: [job], removed: [] }, sort);
}

/** Changes the loaded copies of the given jobs (an optimistic star, an output fetched again). */
export function patchJobs(
  data: GalleryPages,
  ids: Iterable<string>,
  patch: (job: BrowserJob) => BrowserJob,
): GalleryPages {
  const wanted = new Set(ids);
  return {
    ...data,
    pages: data.pages.map((p) => ({
      ...p,
      jobs: p.jobs.map((j) => (wanted.has(j.id) ? patch(j) : j)),
    })),
  };
}

/** Drops the given jobs from the view (removed, deleted, or no longer matching it). */
export function dropJobs(data: GalleryPages, ids: Iterable<string>): GalleryPages {
  return mergeChanges(data, { jobs: [], removed: [...ids] }, undefined);
}
