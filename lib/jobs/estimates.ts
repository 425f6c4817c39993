import "server-only";
// How long a model's jobs usually take at the gateway: the median, submit to finish, of its last
// completed jobs. The queue panel shows it; the tracker reads a job's status when it is due
// instead of on a fixed ladder. Kept a short while per model, so a thousand jobs in flight cost
// one query per model, not one per status read.
import { db } from "@/lib/db/client";

/** How many recent completed jobs of a model the estimate is the median of. */
export const ESTIMATE_SAMPLE = 20;
const KEEP_MS = 30_000;
/** "No history yet" changes as soon as a first job completes: asked again sooner. */
const KEEP_NONE_MS = 2000;

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

/** Median run time of the model's last ESTIMATE_SAMPLE completed jobs, in milliseconds. */
export async function modelEstimate(model: string): Promise<number | null> {
  const rows = await db.job.findMany({
    where: { model, state: "COMPLETED", submittedAt: { not: null }, finishedAt: { not: null } },
    orderBy: { finishedAt: "desc" },
    take: ESTIMATE_SAMPLE,
    select: { submittedAt: true, finishedAt: true },
  });
  return median(
    rows.map((r) => r.finishedAt!.getTime() - r.submittedAt!.getTime()).filter((ms) => ms >= 0),
  );
}

const kept = new Map<string, { at: number; value: Promise<number | null>; none?: boolean }>();

/** modelEstimate, read again at most every 30 s per model; null when it cannot be read. */
export function cachedEstimate(model: string, now = Date.now()): Promise<number | null> {
  const hit = kept.get(model);
  if (hit && now - hit.at < (hit.none ? KEEP_NONE_MS : KEEP_MS)) return hit.value;
  const entry: { at: number; value: Promise<number | null>; none?: boolean } = {
    at: now,
    value: modelEstimate(model)
      .catch(() => null)
      .then((v) => {
        entry.none = v === null;
        return v;
      }),
  };
  kept.set(model, entry);
  return entry.value;
}
