// When to look again. Polling follows the reference's guidance (every 5-10 s, sooner just
// after submit), never more often than once a second per job; failures back off
// exponentially with jitter, and a 429's Retry-After is honoured.

const MIN_POLL_GAP_MS = 1000;

/** How long a job has been at the gateway, and how long its model's jobs usually take. */
export interface PollTiming {
  elapsedMs: number;
  estimateMs: number | null;
}

/** Aim this far before the estimated end, so a job that ends on time is seen within a second. */
const AIM_EARLY_MS = 500;

/**
 * With webhooks the callback says when a job ends (and the studio then reads its status, once).
 * One early read shows the job has started; after it, reads on a timer only catch a callback
 * that never came: two minutes in, or half as long again as the model's jobs usually take, then
 * twice as far apart each time, at most ten minutes. A job of up to two minutes whose callback
 * arrives costs two reads.
 */
function webhookSafetyDelayMs(pollCount: number, estimateMs: number | null): number {
  if (pollCount < 1) return 3000;
  const first = Math.max(120_000, (estimateMs ?? 0) * 1.5);
  return Math.min(600_000, first * 2 ** (pollCount - 1));
}

/**
 * Delay before the next status read of a healthy job. With webhooks, see webhookSafetyDelayMs. Without, a job whose model has an estimate is read at most
 * every 5 s until just before it is due, then every second for three seconds, then more slowly
 * (2.5 s, then 5 s) if it runs late; with no estimate yet, on a ladder (1, 2, 3, then 5 s).
 * Either way a job of d seconds that ends on time costs at most d/5 + 2 reads.
 */
export function pollDelayMs(pollCount: number, hasWebhook: boolean, timing?: PollTiming): number {
  if (hasWebhook) return webhookSafetyDelayMs(pollCount, timing?.estimateMs ?? null);
  if (timing?.estimateMs != null) {
    const untilDue = timing.estimateMs - AIM_EARLY_MS - timing.elapsedMs;
    if (untilDue > 0) return Math.max(MIN_POLL_GAP_MS, Math.min(untilDue, 5000));
    const late = -untilDue;
    return late < 3000 ? 1000 : late < 10_000 ? 2500 : 5000;
  }
  const ladder = [1000, 2000, 3000, 5000];
  return ladder[pollCount] ?? 5000;
}

/** When to read a healthy job's status next, after `pollCount` reads; see pollDelayMs. */
export function nextReadAt(
  now: Date,
  pollCount: number,
  hasWebhook: boolean,
  submittedAt: Date | null,
  estimateMs: number | null,
): Date {
  const elapsedMs = now.getTime() - (submittedAt ?? now).getTime();
  return new Date(now.getTime() + pollDelayMs(pollCount, hasWebhook, { elapsedMs, estimateMs }));
}

/** Delay after the n-th consecutive failure (1-based), full jitter between half and all of it. */
export function backoffMs(failures: number, random = Math.random, capMs = 60_000): number {
  const exp = Math.min(capMs, 1000 * 2 ** Math.max(0, failures - 1));
  return Math.max(MIN_POLL_GAP_MS, Math.round(exp / 2 + (random() * exp) / 2));
}

/** The next time to read a job's status after an answer or a failure. */
export function nextAfterFailure(
  failures: number,
  retryAfterMs: number | null,
  random = Math.random,
): number {
  const backoff = backoffMs(failures, random);
  return retryAfterMs == null ? backoff : Math.max(retryAfterMs, MIN_POLL_GAP_MS);
}

/** Clamps a requested poll time so one job is never read more than once a second. */
export function notSoonerThan(wanted: number, lastPollAt: number | null): number {
  return lastPollAt == null ? wanted : Math.max(wanted, lastPollAt + MIN_POLL_GAP_MS);
}

export const MAX_SUBMIT_TRIES = 5;
/** Consecutive failed status reads before the studio stops following a job (~30 min at the cap). */
export const MAX_STATUS_FAILURES = 40;
/** A job in flight longer than this is given up as UNKNOWN. */
export const MAX_TRACK_MS = 12 * 3600 * 1000;
/**
 * Downloads of a paid output are tried for a day after the first failure before the studio gives
 * up (DOWNLOAD_GIVE_UP_AFTER_MS changes it); each try backs off up to half an hour, and a link
 * that looks gone is replaced by reading the job's status again.
 */
export const DOWNLOAD_GIVE_UP_AFTER_MS = 24 * 3600 * 1000;
export const DOWNLOAD_BACKOFF_CAP_MS = 30 * 60 * 1000;
/** Every this many failures in a row, the next try reads a fresh link first even if not gone. */
export const FRESH_LINK_EVERY = 3;
