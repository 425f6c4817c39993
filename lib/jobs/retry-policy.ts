// When to look again. Polling follows the reference's guidance (every 5-10 s, sooner just
// after submit), never more often than once a second per job; failures back off
// exponentially with jitter, and a 429's Retry-After is honoured.

const MIN_POLL_GAP_MS = 1000;

/** Delay before the next status read of a healthy job, by how many reads it has had. */
export function pollDelayMs(pollCount: number, hasWebhook: boolean): number {
  if (hasWebhook) return pollCount < 1 ? 3000 : 15_000; // the callback is the fast path
  const ladder = [1000, 2000, 3000, 5000];
  return ladder[pollCount] ?? 5000;
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
