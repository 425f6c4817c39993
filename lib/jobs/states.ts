// The one home of a job's states, their groups and the words the studio shows for them.
// Client-safe: the gallery, the tracker and the database queries all import from here.

/** Every state a job row can be in. The gateway's own five are a subset (see lib/gateway). */
export const JOB_STATES = [
  "WAITING",
  "SUBMITTING",
  "QUEUED",
  "PROCESSING",
  "COMPLETED",
  "FAILED",
  "ERROR",
  "UNKNOWN",
] as const;

export type JobState = (typeof JOB_STATES)[number];

/** Not yet ended: the browser keeps polling and the queue panel lists them. */
export const IN_FLIGHT_STATES = ["WAITING", "SUBMITTING", "QUEUED", "PROCESSING"] as const;

/** Sent to the gateway and not yet ended: these hold one of the studio's in-flight slots. */
export const SLOT_STATES = ["SUBMITTING", "QUEUED", "PROCESSING"] as const;

/** Known to the gateway: the tracker reads their status there. */
export const TRACKED_STATES = ["QUEUED", "PROCESSING"] as const;

/** Ended: nothing more will happen unless the designer retries. */
export const ENDED_STATES = ["COMPLETED", "FAILED", "ERROR", "UNKNOWN"] as const;

/** Ended without a result the studio could keep. */
export const FAILED_STATES = ["FAILED", "ERROR", "UNKNOWN"] as const;

function member<T extends string>(set: readonly T[]) {
  return (state: string): state is T => (set as readonly string[]).includes(state);
}

export const isInFlight = member(IN_FLIGHT_STATES);
export const isTracked = member(TRACKED_STATES);
export const isEnded = member(ENDED_STATES);

export const STATE_LABELS: Record<JobState, string> = {
  WAITING: "Waiting for a slot",
  SUBMITTING: "Sending",
  QUEUED: "Queued",
  PROCESSING: "Processing",
  COMPLETED: "Completed",
  FAILED: "Failed",
  ERROR: "Error",
  UNKNOWN: "Unknown",
};

/** An output's own states: the file is being fetched, is kept, or could not be kept. */
export const OUTPUT_STATES = ["PENDING", "STORED", "FAILED"] as const;
export type OutputState = (typeof OUTPUT_STATES)[number];
