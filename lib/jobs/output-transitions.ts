// An output's state machine as a pure function, beside the job's (transitions.ts): PENDING until
// its file is stored, tried again with backoff and with fresh links (read from the job's status)
// for a day after the first failure, FAILED when that runs out; "Fetch again" starts it over.
// The job itself stays COMPLETED throughout: what it made was paid for and is still at the gateway.
import type { IngestResult } from "@/lib/media/ingest";
import {
  DOWNLOAD_BACKOFF_CAP_MS,
  DOWNLOAD_GIVE_UP_AFTER_MS,
  FRESH_LINK_EVERY,
  backoffMs,
} from "./retry-policy";
import type { OutputState } from "./states";
import { RELEASE } from "./transitions";

/** What the transitions read of an output row. */
export interface OutputFacts {
  state: string;
  attempts: number;
  failures: number;
  firstFailedAt: Date | null;
  needsFreshLink: boolean;
  sourceUrl: string;
}

/** A download failure as ingest classified it; an IngestError is one. */
export interface IngestFault {
  message: string;
  retryable: boolean;
  gone: boolean;
}

export type OutputEvent =
  | { type: "stored"; result: IngestResult }
  /** `error` is null when ingest did not classify it; `freshLink` when the link was just re-read. */
  | { type: "downloadFailed"; error: IngestFault | null; freshLink?: boolean }
  /** The job's status, read again at the gateway, gave this output a fresh link. */
  | { type: "freshLink"; url: string }
  /** Reading the job's status again gave no link for this output; `message` says why. */
  | { type: "freshLinkFailed"; message: string }
  /** The job's status was read under a second ago (for another output): try again at `at`. */
  | { type: "statusReadTooSoon"; at: Date }
  /** The designer asked for a FAILED output again. */
  | { type: "fetchAgain" };

export interface OutputPatch extends Partial<IngestResult> {
  state?: OutputState;
  attempts?: number;
  failures?: number;
  firstFailedAt?: Date | null;
  needsFreshLink?: boolean;
  errorMessage?: string | null;
  sourceUrl?: string;
  storedAt?: Date;
  nextTryAt?: Date | null;
  leaseOwner?: null;
  leaseUntil?: null;
}

/**
 * The patch an event makes to an output, or null when it means nothing in the output's state.
 * `random` jitters the backoff; `giveUpAfterMs` is how long after the first failure it stops.
 */
export function outputTransition(
  out: OutputFacts,
  event: OutputEvent,
  now: Date,
  random: () => number = Math.random,
  giveUpAfterMs: number = DOWNLOAD_GIVE_UP_AFTER_MS,
): OutputPatch | null {
  if (event.type === "fetchAgain") {
    if (out.state !== "FAILED") return null;
    // After a failure that long, the old link is surely stale: start from the job's status.
    return {
      state: "PENDING",
      failures: 0,
      firstFailedAt: null,
      needsFreshLink: true,
      errorMessage: null,
      nextTryAt: null,
      ...RELEASE,
    };
  }
  if (out.state !== "PENDING") return null;
  switch (event.type) {
    case "stored":
      return {
        ...event.result,
        // sync_mode answers carry the file itself; once stored it need not be kept twice.
        ...(out.sourceUrl.startsWith("data:") ? { sourceUrl: "data:,stored" } : {}),
        state: "STORED",
        attempts: out.attempts + 1,
        storedAt: now,
        errorMessage: null,
        ...RELEASE,
      };
    case "freshLink":
      return { sourceUrl: event.url, needsFreshLink: false };
    case "statusReadTooSoon":
      return { nextTryAt: event.at, ...RELEASE };
    case "freshLinkFailed": {
      const fault = { message: event.message, retryable: true, gone: false };
      return failed(out, fault, out.attempts, false, now, random, giveUpAfterMs);
    }
    case "downloadFailed": {
      const fault = event.error ?? {
        message: "The output could not be saved.",
        retryable: true,
        gone: false,
      };
      const fresh = event.freshLink ?? false;
      return failed(out, fault, out.attempts + 1, fresh, now, random, giveUpAfterMs);
    }
  }
}

function failed(
  out: OutputFacts,
  fault: IngestFault,
  attempts: number,
  freshLink: boolean,
  now: Date,
  random: () => number,
  giveUpAfterMs: number,
): OutputPatch {
  const failures = out.failures + 1;
  const firstFailedAt = out.firstFailedAt ?? now;
  const deadline = firstFailedAt.getTime() + giveUpAfterMs;
  const common = { attempts, failures, firstFailedAt, ...RELEASE };
  // What trying again cannot mend (a file that is not an image, say) still gets one try with a
  // link read afresh from the gateway before the output ends.
  if (!fault.retryable && freshLink) {
    return {
      ...common,
      state: "FAILED",
      needsFreshLink: false,
      errorMessage: fault.message,
      nextTryAt: null,
    };
  }
  if (now.getTime() >= deadline) {
    return {
      ...common,
      state: "FAILED",
      needsFreshLink: false,
      errorMessage: `${fault.message} The studio kept trying, with fresh links from the gateway, for ${span(giveUpAfterMs)}. Fetch again tries for another ${span(giveUpAfterMs)}, without sending the job again.`,
      nextTryAt: null,
    };
  }
  const wait = backoffMs(failures, random, DOWNLOAD_BACKOFF_CAP_MS);
  return {
    ...common,
    state: "PENDING",
    errorMessage: fault.message,
    needsFreshLink:
      fault.gone || !fault.retryable || out.needsFreshLink || failures % FRESH_LINK_EVERY === 0,
    // The last try falls on the deadline itself, so giving up always follows a real try.
    nextTryAt: new Date(Math.min(deadline, now.getTime() + wait)),
  };
}

/** "24 hours", "1 hour", "5 minutes", "4 seconds": the give-up window in words. */
function span(ms: number): string {
  const [n, unit] =
    ms >= 3_600_000
      ? [Math.round(ms / 3_600_000), "hour"]
      : ms >= 60_000
        ? [Math.round(ms / 60_000), "minute"]
        : [Math.round(ms / 1000), "second"];
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}
