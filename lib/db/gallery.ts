import "server-only";
// The gallery's reads, done by the database: search, filters, sort and keyset pages over any
// number of jobs, and what changed since a moment (for polling that sends only changes).
import type { GalleryCursor } from "@/lib/gallery/cursor";
import type { GalleryQuery } from "@/lib/gallery/query";
import { searchNeedle } from "@/lib/gallery/search-text";
import { FAILED_STATES, IN_FLIGHT_STATES } from "@/lib/jobs/states";
import { db } from "./client";
import type { Prisma } from "./generated/client";

// Inline (sync_mode) outputs can carry megabytes in sourceUrl; the gallery never needs it.
const outputs = { orderBy: { index: "asc" as const }, omit: { sourceUrl: true } };

const STATE_WHERE: Record<NonNullable<GalleryQuery["state"]>, Prisma.JobWhereInput> = {
  "in-flight": { state: { in: [...IN_FLIGHT_STATES] } },
  completed: { state: "COMPLETED" },
  failed: { state: { in: [...FAILED_STATES] } },
};

function dayStart(d: string) {
  return new Date(`${d}T00:00:00.000Z`);
}

function nextDay(d: string) {
  return new Date(dayStart(d).getTime() + 86_400_000);
}

/** The filter part of a gallery query, shared by pages and counts. */
export function galleryWhere(q: GalleryQuery): Prisma.JobWhereInput {
  const and: Prisma.JobWhereInput[] = [{ hiddenAt: null }];
  if (q.q) {
    // Literal and case-blind: see lib/gallery/search-text.ts.
    and.push({ searchText: { contains: searchNeedle(q.q) } });
  }
  if (q.kind) and.push({ kind: q.kind });
  if (q.model) and.push({ model: q.model });
  if (q.state) and.push(STATE_WHERE[q.state]);
  if (q.from) and.push({ createdAt: { gte: dayStart(q.from) } });
  if (q.to) and.push({ createdAt: { lt: nextDay(q.to) } });
  if (q.favorites) and.push({ favorite: true });
  if (q.board) and.push({ boards: { some: { boardId: q.board } } });
  return { AND: and };
}

export async function galleryPage(q: GalleryQuery, cursor: GalleryCursor | null, limit: number) {
  const oldest = q.sort === "oldest";
  const dir = oldest ? "gt" : "lt";
  const after: Prisma.JobWhereInput | null = cursor
    ? {
        OR: [
          { createdAt: { [dir]: cursor.createdAt } },
          { createdAt: cursor.createdAt, id: { [dir]: cursor.id } },
        ],
      }
    : null;
  const where = galleryWhere(q);
  const rows = await db.job.findMany({
    where: after ? { AND: [where, after] } : where,
    orderBy: [{ createdAt: oldest ? "asc" : "desc" }, { id: oldest ? "asc" : "desc" }],
    take: limit + 1,
    include: { outputs, boards: { select: { boardId: true } } },
  });
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/** One job as a gallery row, when it exists and is not hidden: a lineage link opens it. */
export function galleryJob(id: string) {
  return db.job.findFirst({
    where: { id, hiddenAt: null },
    include: { outputs, boards: { select: { boardId: true } } },
  });
}

export function galleryCount(q: GalleryQuery) {
  return db.job.count({ where: galleryWhere(q) });
}

/**
 * Jobs in the view that changed at or after `since` (a change in the very millisecond of the
 * last answer is sent again rather than missed).
 */
export function jobsChangedSince(q: GalleryQuery, since: Date, limit: number) {
  return db.job.findMany({
    where: { AND: [galleryWhere(q), { updatedAt: { gte: since } }] },
    orderBy: { updatedAt: "asc" },
    take: limit,
    include: { outputs, boards: { select: { boardId: true } } },
  });
}

/** Jobs that changed at or after `since` and are no longer in the view (hidden, unstarred…). */
export async function jobsLeftViewSince(q: GalleryQuery, since: Date): Promise<string[]> {
  const rows = await db.job.findMany({
    where: { AND: [{ updatedAt: { gte: since } }, { NOT: galleryWhere(q) }] },
    select: { id: true },
    take: 1000,
  });
  return rows.map((r) => r.id);
}

/** Ids of jobs deleted after `since`, so other tabs drop them too. */
export function jobsDeletedSince(since: Date) {
  return db.deletedJob.findMany({
    where: { deletedAt: { gte: since } },
    select: { id: true, deletedAt: true },
  });
}

export type GalleryRow = Awaited<ReturnType<typeof galleryPage>>["rows"][number];
