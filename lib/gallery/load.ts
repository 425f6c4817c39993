import "server-only";
// The gallery as the browser gets it: pages of jobs for a query, and what changed since a
// moment, each job with its queue place, input image and lineage.
import { db } from "@/lib/db/client";
import {
  galleryCount,
  galleryJob,
  galleryPage,
  jobsChangedSince,
  jobsDeletedSince,
  jobsLeftViewSince,
  type GalleryRow,
} from "@/lib/db/gallery";
import { waitingPlaces } from "@/lib/db/jobs";
import { mediaUrl, toBrowserJob, type BrowserJob } from "@/lib/jobs/browser-job";
import { decodeCursor, encodeCursor } from "./cursor";
import type { GalleryQuery } from "./query";

export const GALLERY_PAGE = 48;
export const GALLERY_PAGE_MAX = 200;
/** At most this many changed jobs per poll; the browser asks again at once when there are more. */
const CHANGES_MAX = 200;

export interface GalleryPage {
  jobs: BrowserJob[];
  total: number;
  nextCursor: string | null;
  /** The server's clock when this was read: the `since` of the next poll for changes. */
  asOf: string;
}

export interface GalleryChanges {
  jobs: BrowserJob[];
  removed: string[];
  asOf: string;
  more: boolean;
}

/** Queue places, input images and lineage for a set of rows, in a few queries. */
async function decorate(rows: GalleryRow[]): Promise<BrowserJob[]> {
  if (rows.length === 0) return [];
  const outputIds = rows.flatMap((r) => r.outputs.map((o) => o.id));
  const inputOutputIds = rows.map((r) => r.inputOutputId).filter((x): x is string => !!x);
  const uploadIds = rows.map((r) => r.inputUploadId).filter((x): x is string => !!x);
  const [waiting, inputs, uploads, meshes] = await Promise.all([
    rows.some((r) => r.state === "WAITING") ? waitingPlaces() : [],
    inputOutputIds.length
      ? db.output.findMany({
          where: { id: { in: inputOutputIds } },
          select: { id: true, jobId: true, thumbKey: true, mediaKey: true },
        })
      : [],
    uploadIds.length
      ? db.upload.findMany({
          where: { id: { in: uploadIds } },
          select: { id: true, mediaKey: true },
        })
      : [],
    outputIds.length
      ? db.job.findMany({
          where: { inputOutputId: { in: outputIds }, hiddenAt: null },
          select: { id: true, inputOutputId: true },
          orderBy: { createdAt: "asc" },
        })
      : [],
  ]);
  const place = new Map(waiting.map((w, i) => [w.id, i + 1]));
  const input = new Map(inputs.map((o) => [o.id, o]));
  const upload = new Map(uploads.map((u) => [u.id, u]));
  const outputJob = new Map(rows.flatMap((r) => r.outputs.map((o) => [o.id, r.id] as const)));
  const meshesOf = new Map<string, string[]>();
  for (const m of meshes) {
    const jobId = outputJob.get(m.inputOutputId ?? "");
    if (jobId) meshesOf.set(jobId, [...(meshesOf.get(jobId) ?? []), m.id]);
  }
  return rows.map((r) => {
    const src = r.inputOutputId ? input.get(r.inputOutputId) : undefined;
    const up = r.inputUploadId ? upload.get(r.inputUploadId) : undefined;
    return toBrowserJob(r, {
      waitingPlace: place.get(r.id) ?? null,
      inputImageUrl: src
        ? mediaUrl(src.thumbKey ?? src.mediaKey)
        : up
          ? mediaUrl(up.mediaKey)
          : null,
      sourceJobId: src?.jobId ?? null,
      meshJobIds: meshesOf.get(r.id) ?? [],
    });
  });
}

export async function loadGalleryPage(
  query: GalleryQuery,
  cursor: string | null = null,
  limit = GALLERY_PAGE,
): Promise<GalleryPage> {
  const asOf = new Date();
  const take = Math.min(Math.max(1, limit), GALLERY_PAGE_MAX);
  const [{ rows, more }, total] = await Promise.all([
    galleryPage(query, decodeCursor(cursor), take),
    galleryCount(query),
  ]);
  const last = rows.at(-1);
  return {
    jobs: await decorate(rows),
    total,
    nextCursor: more && last ? encodeCursor(last) : null,
    asOf: asOf.toISOString(),
  };
}

/** One job, decorated like a page's, or null when it was deleted or hidden. */
export async function loadGalleryJob(id: string): Promise<BrowserJob | null> {
  const row = await galleryJob(id);
  return row ? ((await decorate([row]))[0] ?? null) : null;
}

export async function loadGalleryChanges(
  query: GalleryQuery,
  since: Date,
): Promise<GalleryChanges> {
  // Read the clock first: a change landing while we read is then seen again next time,
  // never missed.
  const asOf = new Date();
  const [rows, left, deleted] = await Promise.all([
    jobsChangedSince(query, since, CHANGES_MAX + 1),
    jobsLeftViewSince(query, since),
    jobsDeletedSince(since),
  ]);
  const removed = [...left, ...deleted.map((d) => d.id)];
  const more = rows.length > CHANGES_MAX;
  const page = rows.slice(0, CHANGES_MAX);
  return {
    jobs: await decorate(page),
    removed,
    // With more to come, the next poll starts after the last change sent.
    asOf: (more ? page.at(-1)!.updatedAt : asOf).toISOString(),
    more,
  };
}
