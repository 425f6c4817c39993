// An output's state machine as a pure function, beside the job's (transitions.ts): PENDING
// until its file is stored, tried again with backoff, FAILED when the tries run out.
import type { IngestResult } from "@/lib/media/ingest";
import { MAX_DOWNLOAD_TRIES, MAX_GONE_TRIES, backoffMs } from "./retry-policy";
import type { OutputState } from "./states";
import { RELEASE } from "./transitions";

/** What the transitions read of an output row. */
export interface OutputFacts {
  state: string;
  attempts: number;
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
  /** null when the error was not one ingest classified. */
  | { type: "downloadFailed"; error: IngestFault | null };

export type OutputPatch = Partial<IngestResult> & {
  state: OutputState;
  attempts: number;
  errorMessage: string | null;
  sourceUrl?: string;
  storedAt?: Date;
  nextTryAt?: Date | null;
  leaseOwner: null;
  leaseUntil: null;
};

/** The patch after one download attempt of a PENDING output, or null for any other state. */
export function outputTransition(
  out: OutputFacts,
  event: OutputEvent,
  now: Date,
  random: () => number = Math.random,
): OutputPatch | null {
  if (out.state !== "PENDING") return null;
  const attempts = out.attempts + 1;
  if (event.type === "stored") {
    return {
      ...event.result,
      // sync_mode answers carry the file itself; once stored it need not be kept twice.
      ...(out.sourceUrl.startsWith("data:") ? { sourceUrl: "data:,stored" } : {}),
      state: "STORED",
      attempts,
      storedAt: now,
      errorMessage: null,
      ...RELEASE,
    };
  }
  const ie = event.error;
  const tries = ie?.gone ? MAX_GONE_TRIES : MAX_DOWNLOAD_TRIES;
  const retry = (ie?.retryable ?? true) && attempts < tries;
  return {
    attempts,
    state: retry ? "PENDING" : "FAILED",
    errorMessage: ie?.message ?? "The output could not be saved.",
    nextTryAt: retry ? new Date(now.getTime() + backoffMs(attempts, random)) : null,
    ...RELEASE,
  };
}
