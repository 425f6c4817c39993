import "server-only";
// "Stop tracking": the designer gives up on a job still in flight. The gateway's reference has
// no way to cancel, so a job already sent may still finish and be charged; one still waiting
// for a slot was never sent, and simply ends.
import { findJob, updateJobIf } from "@/lib/db/jobs";
import { SLOT_STATES, type JobState } from "@/lib/jobs/states";

export const STOPPED_UNSENT_MESSAGE = "Stopped before it was sent. Nothing was charged.";
export const STOPPED_SENT_MESSAGE =
  "Tracking stopped. The gateway may still finish this job and charge for it; the reference has no way to cancel.";

/**
 * Ends a WAITING job as FAILED, or a sent one as UNKNOWN. Guarded by state, so a job that moved
 * on meanwhile (sent, or ended) is handled as it now is. Returns the job's state afterwards, or
 * null when it does not exist.
 */
export async function stopTracking(jobId: string, now = new Date()): Promise<JobState | null> {
  const ended = { finishedAt: now, nextPollAt: null, leaseOwner: null, leaseUntil: null };
  const unsent = await updateJobIf(jobId, ["WAITING"], {
    ...ended,
    state: "FAILED",
    errorCode: "stopped",
    errorMessage: STOPPED_UNSENT_MESSAGE,
  });
  if (unsent) return "FAILED";
  const sent = await updateJobIf(jobId, SLOT_STATES, {
    ...ended,
    state: "UNKNOWN",
    errorCode: "tracking_stopped",
    errorMessage: STOPPED_SENT_MESSAGE,
  });
  if (sent) return "UNKNOWN";
  const job = await findJob(jobId);
  return job ? (job.state as JobState) : null;
}
