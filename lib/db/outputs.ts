import "server-only";
// Reads and writes of job outputs (the files a job made) and uploads (input images).
import type { OutputState } from "@/lib/jobs/states";
import { db } from "./client";
import type { Prisma } from "./generated/client";

export function findOutput(id: string) {
  return db.output.findUnique({ where: { id }, include: { job: true } });
}

export function findOutputByToken(token: string) {
  return db.output.findUnique({ where: { publicToken: token } });
}

export function pendingOutputs(now: Date, limit: number, skip: string[]) {
  return db.output.findMany({
    where: {
      state: "PENDING",
      id: { notIn: skip },
      AND: [
        { OR: [{ nextTryAt: null }, { nextTryAt: { lte: now } }] },
        { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      ],
    },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true },
  });
}

export async function updateOutput(id: string, data: Prisma.OutputUncheckedUpdateInput) {
  const out = await db.output.update({ where: { id }, data });
  // Bump the job so the gallery's fingerprint changes for browsers polling it.
  await db.job.update({ where: { id: out.jobId }, data: { version: { increment: 1 } } });
  return out;
}

/** Bumps the version of the job an output belongs to, so browsers polling the gallery see it. */
async function bumpJobOf(outputId: string) {
  await db.job.updateMany({
    where: { outputs: { some: { id: outputId } } },
    data: { version: { increment: 1 } },
  });
}

/**
 * Writes a PENDING output only while `owner` still holds its lease, like updateJobAsOwner: a
 * process whose lease ran out (and was taken over) cannot overwrite what the other one stored.
 */
export async function updateOutputAsOwner(
  id: string,
  owner: string,
  data: Prisma.OutputUncheckedUpdateManyInput,
) {
  const r = await db.output.updateMany({
    where: { id, leaseOwner: owner, state: "PENDING" },
    data,
  });
  if (r.count !== 1) return false;
  await bumpJobOf(id);
  return true;
}

/** Writes the output only while it is in `state`; returns whether it was. */
export async function updateOutputIf(
  id: string,
  state: OutputState,
  data: Prisma.OutputUncheckedUpdateManyInput,
) {
  const r = await db.output.updateMany({ where: { id, state }, data });
  if (r.count !== 1) return false;
  await bumpJobOf(id);
  return true;
}

/**
 * Gives a job's other PENDING outputs that wait for a fresh link the one just read (by index),
 * and makes them due now. Outputs under another process's live lease are left to their holder.
 */
export async function giveFreshLinks(
  jobId: string,
  exceptId: string,
  urls: string[],
  owner: string,
  now: Date,
) {
  for (const [index, url] of urls.entries()) {
    if (!url) continue;
    await db.output.updateMany({
      where: {
        jobId,
        index,
        id: { not: exceptId },
        state: "PENDING",
        needsFreshLink: true,
        OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }, { leaseOwner: owner }],
      },
      data: { sourceUrl: url, needsFreshLink: false, nextTryAt: now },
    });
  }
}

/** Claims a pending output for download; false if another worker holds it. */
export async function claimOutput(id: string, owner: string, now: Date, ms: number) {
  const r = await db.output.updateMany({
    where: {
      id,
      state: "PENDING",
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }, { leaseOwner: owner }],
    },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + ms) },
  });
  return r.count === 1;
}

export function createUpload(data: Prisma.UploadCreateInput) {
  return db.upload.create({ data });
}

export function findUpload(id: string) {
  return db.upload.findUnique({ where: { id } });
}

export function findUploadByToken(token: string) {
  return db.upload.findUnique({ where: { publicToken: token } });
}

/** Bytes of every kept upload: what the upload quota counts. */
export async function uploadBytesTotal(): Promise<number> {
  const sum = await db.upload.aggregate({ _sum: { bytes: true } });
  return sum._sum.bytes ?? 0;
}
