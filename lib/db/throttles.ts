import "server-only";
// Counters behind rate limits and sign-in back-off. They live in the database, so every studio
// process sharing it counts against the same limit. Each change is one conditional UPDATE, so
// two processes cannot both take the last place in a window.
import { db } from "./client";

const DAY_MS = 86_400_000;

/**
 * Counts one hit against `key` in a fixed window. Returns 0 when allowed, or the ms until the
 * window resets when the limit is already reached.
 */
export async function takeHit(key: string, limit: number, windowMs: number, now = new Date()) {
  const row = await db.throttle.upsert({
    where: { key },
    create: { key, windowStart: now, hits: 0 },
    update: {},
  });
  const windowFloor = new Date(now.getTime() - windowMs);
  if (row.windowStart < windowFloor) {
    await db.throttle.updateMany({
      where: { key, windowStart: row.windowStart },
      data: { windowStart: now, hits: 0 },
    });
  }
  const taken = await db.throttle.updateMany({
    where: { key, hits: { lt: limit }, windowStart: { gte: windowFloor } },
    data: { hits: { increment: 1 } },
  });
  if (Math.random() < 0.01) void pruneThrottles(now);
  if (taken.count === 1) return 0;
  const current = await db.throttle.findUnique({ where: { key } });
  return Math.max(1, (current?.windowStart.getTime() ?? now.getTime()) + windowMs - now.getTime());
}

/** ms until `key` may try again after failures, or 0. */
export async function blockedFor(key: string, now = new Date()): Promise<number> {
  const row = await db.throttle.findUnique({ where: { key }, select: { blockedUntil: true } });
  const until = row?.blockedUntil?.getTime() ?? 0;
  return Math.max(0, until - now.getTime());
}

/** Records a failure and blocks `key` for `delayMs(failures)`; returns that delay. */
export async function recordFailure(
  key: string,
  delayMs: (failures: number) => number,
  now = new Date(),
): Promise<number> {
  const row = await db.throttle.upsert({
    where: { key },
    create: { key, windowStart: now, hits: 0, failures: 1 },
    update: { failures: { increment: 1 } },
  });
  const delay = delayMs(row.failures);
  await db.throttle.update({
    where: { key },
    data: { blockedUntil: delay > 0 ? new Date(now.getTime() + delay) : null },
  });
  return delay;
}

export async function clearFailures(key: string) {
  await db.throttle.updateMany({ where: { key }, data: { failures: 0, blockedUntil: null } });
}

async function pruneThrottles(now: Date) {
  await db.throttle.deleteMany({
    where: {
      windowStart: { lt: new Date(now.getTime() - DAY_MS) },
      OR: [{ blockedUntil: null }, { blockedUntil: { lt: now } }],
    },
  });
}
