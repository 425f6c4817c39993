import "server-only";
// Reads and writes of jobs. Every change bumps `version`, which the job endpoint turns into an
// ETag so browsers polling an unchanged gallery get 304s.
import { SLOT_STATES, TRACKED_STATES, type JobState } from "@/lib/jobs/states";
import { searchTextOf } from "@/lib/gallery/search-text";
import { db, dialect } from "./client";
import type { Prisma } from "./generated/client";

// Inline (sync_mode) outputs can carry megabytes in sourceUrl; the gallery never needs it.
const galleryOutputs = { orderBy: { index: "asc" as const }, omit: { sourceUrl: true } };

/** The negative prompt a job's params carry, if any. */
function negativePromptOf(params: string): string | null {
  try {
    const v = (JSON.parse(params) as { negative_prompt?: unknown }).negative_prompt;
    return typeof v === "string" && v.trim() ? v : null;
  } catch {
    return null;
  }
}

export function createJobRow(data: Prisma.JobUncheckedCreateInput) {
  const negativePrompt = data.negativePrompt ?? negativePromptOf(data.params);
  return db.job.create({
    data: { ...data, negativePrompt, searchText: searchTextOf(data.prompt, negativePrompt) },
    include: { outputs: true },
  });
}

export function findJob(id: string) {
  return db.job.findUnique({ where: { id }, include: { outputs: { orderBy: { index: "asc" } } } });
}

export function findJobByToken(token: string) {
  return db.job.findUnique({ where: { webhookToken: token } });
}

export function listJobs(limit: number) {
  return db.job.findMany({
    where: { hiddenAt: null },
    orderBy: { createdAt: "desc" },
    take: limit,
    include: { outputs: galleryOutputs },
  });
}

/** A cheap fingerprint of the whole gallery: changes whenever any job or output changes. */
export async function galleryFingerprint() {
  const [agg, count, outputs] = await Promise.all([
    db.job.aggregate({ _max: { updatedAt: true }, _sum: { version: true } }),
    db.job.count(),
    db.output.aggregate({ _count: { _all: true }, _max: { storedAt: true } }),
  ]);
  return [
    count,
    agg._sum.version ?? 0,
    agg._max.updatedAt?.getTime() ?? 0,
    outputs._count._all,
    outputs._max.storedAt?.getTime() ?? 0,
  ].join("-");
}

export function updateJob(id: string, data: Prisma.JobUncheckedUpdateInput) {
  return db.job.update({ where: { id }, data: { ...data, version: { increment: 1 } } });
}

/** Updates only while this process holds the job's lease; returns whether it did. */
export async function updateJobAsOwner(
  id: string,
  owner: string,
  data: Prisma.JobUncheckedUpdateManyInput,
) {
  const r = await db.job.updateMany({
    where: { id, leaseOwner: owner },
    data: { ...data, version: { increment: 1 } },
  });
  return r.count === 1;
}

/**
 * Marks a job COMPLETED and records its outputs in one transaction, so a crash or a busy
 * database can never leave a completed job without the links to what it made.
 */
export async function completeJob(
  id: string,
  data: Prisma.JobUncheckedUpdateManyInput,
  outputs: Prisma.OutputCreateManyInput[],
) {
  return db.$transaction(async (tx) => {
    const moved = await tx.job.updateMany({
      where: { id, state: { in: [...TRACKED_STATES] } },
      data: { ...data, state: "COMPLETED", version: { increment: 1 } },
    });
    if (moved.count !== 1) return false;
    await tx.output.createMany({ data: outputs });
    return true;
  });
}

/** Updates only while the job is still in one of `states`; returns whether it was. */
export async function updateJobIf(
  id: string,
  states: readonly JobState[],
  data: Prisma.JobUncheckedUpdateManyInput,
) {
  const r = await db.job.updateMany({
    where: { id, state: { in: [...states] } },
    data: { ...data, version: { increment: 1 } },
  });
  return r.count === 1;
}

export function countVisible() {
  return db.job.count({ where: { hiddenAt: null } });
}

export function dueJobs(now: Date, limit: number) {
  return db.job.findMany({
    where: {
      state: { in: [...TRACKED_STATES] },
      OR: [{ nextPollAt: null }, { nextPollAt: { lte: now } }],
      AND: [{ OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] }],
    },
    orderBy: { nextPollAt: "asc" },
    take: limit,
  });
}

/** Jobs left SUBMITTING by a process that died mid-submit (its lease ran out). */
export function orphanedSubmits(now: Date) {
  return db.job.findMany({
    where: { state: "SUBMITTING", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
  });
}

/** Takes the job's lease if it is free or expired; true when this process now owns it. */
export async function claimLease(id: string, owner: string, now: Date, ms: number) {
  const r = await db.job.updateMany({
    where: { id, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }, { leaseOwner: owner }] },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + ms) },
  });
  return r.count === 1;
}

/**
 * Takes the job's one status read per `gapMs` outside the poll step (a completed job's outputs
 * asking for fresh links); false when the status was read more recently than that.
 */
export async function claimStatusRead(id: string, now: Date, gapMs: number) {
  const r = await db.job.updateMany({
    where: {
      id,
      OR: [{ lastPollAt: null }, { lastPollAt: { lte: new Date(now.getTime() - gapMs) } }],
    },
    data: { lastPollAt: now },
  });
  return r.count === 1;
}

export async function releaseLease(id: string, owner: string) {
  await db.job.updateMany({
    where: { id, leaseOwner: owner },
    data: { leaseOwner: null, leaseUntil: null },
  });
}

export function waitingPlaces(): Promise<{ id: string }[]> {
  return db.job.findMany({
    where: { state: "WAITING" },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
}

const SLOT_LIST = SLOT_STATES.map((s) => `'${s}'`).join(",");

// Any constant of our own: takeSlot's transactions on PostgreSQL queue on this advisory lock.
const SLOT_LOCK = 0x5107_0001;

/**
 * Moves a WAITING job to SUBMITTING only while fewer than `max` jobs are in flight, even with
 * several studio processes on one database. SQLite runs the one statement alone. PostgreSQL
 * under READ COMMITTED would let two such statements count the same free slot, so there the
 * statement runs in a transaction that first takes an advisory lock: the count is read after
 * the previous holder committed.
 */
export async function takeSlot(id: string, max: number): Promise<boolean> {
  if (dialect === "postgres") {
    const [, n] = await db.$transaction([
      db.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SLOT_LOCK})`),
      db.$executeRawUnsafe(
        `UPDATE "Job" SET "state" = 'SUBMITTING', "version" = "version" + 1
         WHERE "id" = $1 AND "state" = 'WAITING'
           AND (SELECT COUNT(*) FROM "Job" WHERE "state" IN (${SLOT_LIST})) < $2`,
        id,
        max,
      ),
    ]);
    return n === 1;
  }
  const n = await db.$executeRawUnsafe(
    `UPDATE "Job" SET "state" = 'SUBMITTING', "version" = "version" + 1
     WHERE "id" = ? AND "state" = 'WAITING'
       AND (SELECT COUNT(*) FROM "Job" WHERE "state" IN (${SLOT_LIST})) < ?`,
    id,
    max,
  );
  return n === 1;
}

export function dueWaitingJobs(now: Date, limit: number) {
  return db.job.findMany({
    where: { state: "WAITING", OR: [{ nextPollAt: null }, { nextPollAt: { lte: now } }] },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
}
