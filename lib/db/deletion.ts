import "server-only";
// Deleting jobs for good: the row goes (its outputs and board links cascade), a tombstone tells
// other tabs and processes to drop it, then its files leave the media store. Uploads are kept:
// another job may use the same one. Deleting a job twice is not an error.
import { IN_FLIGHT_STATES, isInFlight } from "@/lib/jobs/states";
import { deleteMedia, deletePrefix } from "@/lib/media/store";
import { thumbnailKey } from "@/lib/media/thumbnail";
import type { DeleteJobsResult } from "@/lib/gallery/schemas";
import { db } from "./client";

export const IN_FLIGHT_REASON = "still in flight: stop tracking it or wait until it ends";
export const INPUT_IN_USE_REASON = "its image is the input of a 3D job still in flight";

/** Tombstones older than this are pruned: no browser asks for changes over a week old. */
const TOMBSTONE_KEEP_MS = 8 * 86_400_000;
const FILE_WORKERS = 4;

interface OutputFiles {
  id: string;
  mediaKey: string | null;
  previewKey: string | null;
  thumbKey: string | null;
}

/** Every key and folder of the media store that holds a job's files. */
export function jobMedia(jobId: string, outputs: OutputFiles[]) {
  const keys = new Set<string>();
  for (const o of outputs) {
    for (const k of [o.mediaKey, o.previewKey, o.thumbKey]) if (k) keys.add(k);
    keys.add(thumbnailKey.model(o.id));
  }
  // The folders the download step writes a job's files under, in case a download finished
  // while the job was being deleted; and each output's exports.
  const prefixes = [
    `outputs/${jobId}/`,
    `previews/${jobId}/`,
    `thumbs/${jobId}/`,
    ...outputs.map((o) => `exports/${o.id}/`),
  ];
  return { keys: [...keys], prefixes };
}

async function removeFiles(jobId: string, outputs: OutputFiles[]) {
  const { keys, prefixes } = jobMedia(jobId, outputs);
  const results = await Promise.allSettled([
    ...keys.map((k) => deleteMedia(k)),
    ...prefixes.map((p) => deletePrefix(p)),
  ]);
  const failed = results.filter((r) => r.status === "rejected");
  if (failed.length) {
    // The job is gone either way; a file left behind costs space, not correctness.
    console.warn("[delete] files of job", jobId, "left in the media store:", failed.length, {
      reason: String((failed[0] as PromiseRejectedResult).reason),
    });
  }
}

export async function deleteJobs(ids: string[], now = new Date()): Promise<DeleteJobsResult> {
  const rows = await db.job.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      state: true,
      outputs: { select: { id: true, mediaKey: true, previewKey: true, thumbKey: true } },
    },
  });
  const outputIds = rows.flatMap((r) => r.outputs.map((o) => o.id));
  const users = outputIds.length
    ? await db.job.findMany({
        where: { inputOutputId: { in: outputIds }, state: { in: [...IN_FLIGHT_STATES] } },
        select: { inputOutputId: true },
      })
    : [];
  const inUse = new Set(users.map((u) => u.inputOutputId));

  const refused: DeleteJobsResult["refused"] = [];
  const doomed: typeof rows = [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  // In the order asked for; ids that are not there any more were deleted already.
  for (const row of ids.flatMap((id) => byId.get(id) ?? [])) {
    if (isInFlight(row.state)) refused.push({ id: row.id, reason: IN_FLIGHT_REASON });
    else if (row.outputs.some((o) => inUse.has(o.id)))
      refused.push({ id: row.id, reason: INPUT_IN_USE_REASON });
    else doomed.push(row);
  }

  const gone = await db.$transaction(async (tx) => {
    const removed: string[] = [];
    // One at a time, each guarded, so a job that another tab deleted a moment ago (or that is
    // somehow running again) is left out, and only rows that really went get a tombstone. In id
    // order: two tabs deleting the same jobs then lock them in the same order and cannot
    // deadlock (PostgreSQL did, when one asked for [a, b] and the other for [b, a]).
    for (const row of [...doomed].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
      const r = await tx.job.deleteMany({
        where: { id: row.id, state: { notIn: [...IN_FLIGHT_STATES] } },
      });
      if (r.count === 1) removed.push(row.id);
    }
    if (removed.length) {
      await tx.deletedJob.createMany({ data: removed.map((id) => ({ id, deletedAt: now })) });
    }
    await tx.deletedJob.deleteMany({
      where: { deletedAt: { lt: new Date(now.getTime() - TOMBSTONE_KEEP_MS) } },
    });
    return new Set(removed);
  });

  // Files after the rows: a row never points at a file that is already gone. A few jobs at a
  // time, so 500 jobs do not open thousands of files or bucket requests at once.
  const queue = doomed.filter((r) => gone.has(r.id));
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) await removeFiles(row.id, row.outputs);
  };
  await Promise.all(Array.from({ length: FILE_WORKERS }, worker));

  const refusedIds = new Set(refused.map((r) => r.id));
  return { deleted: ids.filter((id) => !refusedIds.has(id)), refused };
}
