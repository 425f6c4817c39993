// A job's state machine as pure functions: from what the studio knows of a job and what just
// happened to it, the patch to write. No database, no network, no clock of its own; every
// message a designer reads about how a job ended is written here (outputs: output-transitions).
import type { GatewayError } from "@/lib/gateway/errors";
import type { StatusResponse } from "@/lib/gateway/models";
import {
  MAX_STATUS_FAILURES,
  MAX_SUBMIT_TRIES,
  MAX_TRACK_MS,
  nextAfterFailure,
  notSoonerThan,
  nextReadAt,
} from "./retry-policy";
import { isTracked, type JobState } from "./states";

const NOT_CHARGED = "You were not charged for it.";

/** What the transitions read of a job row (a row from lib/db/jobs has all of it). */
export interface JobFacts {
  state: string;
  failures: number;
  pollCount: number;
  sendingAt: Date | null;
  submittedAt: Date | null;
  startedAt: Date | null;
  lastPollAt: Date | null;
}

/** A gateway failure as the client classified it; a GatewayError is one. */
export type GatewayFault = Pick<
  GatewayError,
  "code" | "userMessage" | "retryable" | "accepted" | "retryAfterMs"
>;

export type JobEvent =
  /** The job was left SUBMITTING by a process that stopped (its lease ran out). */
  | { type: "orphaned" }
  /** A 3D job's input image could not be given a URL; null when the cause was a bug. */
  | { type: "inputImageFailed"; message: string | null }
  /** The gateway accepted the job (and charges for it). */
  | { type: "submitted"; requestId: string; hasWebhook: boolean; estimateMs?: number | null }
  /** Sending failed; null when the error was not one the gateway client classified. */
  | { type: "submitFailed"; error: GatewayFault | null }
  /** A webhook or a browser asked the studio to read the status soon. */
  | { type: "nudged" }
  /** The gateway answered a status read. */
  | {
      type: "statusRead";
      answer: StatusResponse;
      hasWebhook: boolean;
      /** How long the model's jobs usually take (lib/jobs/estimates), for the next read. */
      estimateMs?: number | null;
    }
  /** A status read failed; `detail` is shown when the error was not classified. */
  | { type: "statusReadFailed"; error: GatewayFault | null; detail: string }
  /** The studio gives up following a job whose status it cannot have. */
  | { type: "stopFollowing"; why: string };

export interface JobPatch {
  state?: JobState;
  errorCode?: string | null;
  errorMessage?: string | null;
  requestId?: string;
  submittedAt?: Date;
  startedAt?: Date | null;
  finishedAt?: Date;
  nextPollAt?: Date | null;
  lastPollAt?: Date;
  lastPollError?: string | null;
  pollCount?: number;
  failures?: number;
  sendingAt?: null;
  leaseOwner?: null;
  leaseUntil?: null;
}

export interface Move {
  patch: JobPatch;
  /** Only with a move to COMPLETED: the media URLs to record as the job's outputs, in order. */
  outputUrls?: string[];
}

export const RELEASE = { leaseOwner: null, leaseUntil: null } as const;

/**
 * The move an event makes from the job's current state, or null when the event means nothing
 * in that state (a status answer for a job that already ended, say). `now` is the studio's
 * clock at the event; `random` jitters backoffs.
 */
export function transition(
  job: JobFacts,
  event: JobEvent,
  now: Date,
  random: () => number = Math.random,
): Move | null {
  switch (event.type) {
    case "orphaned":
      if (job.state !== "SUBMITTING") return null;
      if (!job.sendingAt) return { patch: { state: "WAITING", ...RELEASE } };
      // It may have reached the gateway: say so rather than pay twice.
      return {
        patch: {
          state: "UNKNOWN",
          errorCode: "submit_unknown",
          errorMessage:
            "The studio stopped while sending this job, so it is unknown whether the gateway accepted it. It was not sent again, to avoid paying twice. Use Retry to send it again.",
          finishedAt: now,
          ...RELEASE,
        },
      };
    case "inputImageFailed":
      if (job.state !== "SUBMITTING") return null;
      return {
        patch: {
          state: "FAILED",
          errorCode: "input_image",
          errorMessage: event.message ?? "The input image could not be prepared.",
          finishedAt: now,
          ...RELEASE,
        },
      };
    case "submitted":
      if (job.state !== "SUBMITTING") return null;
      return {
        patch: {
          state: "QUEUED",
          requestId: event.requestId,
          submittedAt: now,
          nextPollAt: nextReadAt(now, 0, event.hasWebhook, null, event.estimateMs ?? null),
          pollCount: 0,
          failures: 0,
          ...RELEASE,
        },
      };
    case "submitFailed":
      if (job.state !== "SUBMITTING") return null;
      return submitFailed(job, event.error, now, random);
    case "nudged":
      if (!isTracked(job.state)) return null;
      return {
        patch: {
          nextPollAt: new Date(notSoonerThan(now.getTime(), job.lastPollAt?.getTime() ?? null)),
        },
      };
    case "statusRead":
      if (!isTracked(job.state)) return null;
      return statusRead(job, event.answer, event.hasWebhook, event.estimateMs ?? null, now);
    case "statusReadFailed": {
      if (!isTracked(job.state)) return null;
      const ge = event.error;
      const failures = job.failures + 1;
      const limit = ge?.retryable ? MAX_STATUS_FAILURES : MAX_STATUS_FAILURES / 4;
      if (failures >= limit) {
        const why = `${ge?.userMessage ?? "The studio could not read this job's status."} It stopped asking after ${failures} tries in a row.`;
        return transition(job, { type: "stopFollowing", why }, now);
      }
      return {
        patch: {
          failures,
          lastPollAt: now,
          lastPollError: ge?.userMessage ?? event.detail,
          nextPollAt: new Date(
            now.getTime() + nextAfterFailure(failures, ge?.retryAfterMs ?? null, random),
          ),
        },
      };
    }
    case "stopFollowing":
      if (!isTracked(job.state)) return null;
      // It may still finish and be charged at the gateway, so this is UNKNOWN, not ERROR
      // (which the reference says is not charged).
      return {
        patch: {
          state: "UNKNOWN",
          errorCode: "status_lost",
          errorMessage: `${event.why} The job may still finish at the gateway; check your Pixazo history, or use Retry to send it again.`,
          finishedAt: now,
          nextPollAt: null,
        },
      };
  }
}

function submitFailed(
  job: JobFacts,
  ge: GatewayFault | null,
  now: Date,
  random: () => number,
): Move {
  const failures = job.failures + 1;
  if (ge && ge.accepted === false && ge.retryable && failures < MAX_SUBMIT_TRIES) {
    // Certainly not accepted (refused connection, 429, 5xx): safe to send again later.
    return {
      patch: {
        state: "WAITING",
        failures,
        lastPollError: ge.userMessage,
        nextPollAt: new Date(now.getTime() + nextAfterFailure(failures, ge.retryAfterMs, random)),
        ...RELEASE,
        sendingAt: null,
      },
    };
  }
  if (ge && ge.accepted === null) {
    return {
      patch: {
        state: "UNKNOWN",
        errorCode: ge.code,
        errorMessage: `${ge.userMessage} It is unknown whether the gateway accepted this job; it was not sent again, to avoid paying twice. Use Retry to send it again.`,
        finishedAt: now,
        ...RELEASE,
      },
    };
  }
  return {
    patch: {
      state: "FAILED",
      errorCode: ge?.code ?? "internal",
      errorMessage: ge?.userMessage ?? "The studio could not send this job. Try again.",
      finishedAt: now,
      ...RELEASE,
      sendingAt: null,
    },
  };
}

/** Applies a status answer that came from the gateway with the studio's key. */
function statusRead(
  job: JobFacts,
  answer: StatusResponse,
  hasWebhook: boolean,
  estimateMs: number | null,
  now: Date,
): Move {
  const common = {
    lastPollAt: now,
    pollCount: job.pollCount + 1,
    failures: 0,
    lastPollError: null,
  };
  switch (answer.status) {
    case "QUEUED":
    case "PROCESSING": {
      const patch: JobPatch = {
        ...common,
        // A late QUEUED after PROCESSING changes nothing: states only move forward.
        state: job.state === "PROCESSING" ? "PROCESSING" : answer.status,
        startedAt: answer.status === "PROCESSING" ? (job.startedAt ?? now) : job.startedAt,
        nextPollAt: nextReadAt(now, job.pollCount + 1, hasWebhook, job.submittedAt, estimateMs),
      };
      if (job.submittedAt && now.getTime() - job.submittedAt.getTime() > MAX_TRACK_MS) {
        const why = "The gateway has not finished this job in many hours.";
        const stop = transition(job, { type: "stopFollowing", why }, now);
        return { patch: { ...patch, ...stop?.patch } };
      }
      return { patch };
    }
    case "COMPLETED": {
      const urls = answer.output?.media_url.filter((u) => u.length > 0) ?? [];
      // The studio's own clock, so timings never mix two machines' clocks.
      if (urls.length === 0) {
        return {
          patch: {
            ...common,
            state: "ERROR",
            errorCode: "no_output",
            errorMessage: "The gateway said the job completed but returned no media.",
            finishedAt: now,
          },
        };
      }
      return {
        patch: { ...common, state: "COMPLETED", finishedAt: now, nextPollAt: null },
        outputUrls: urls,
      };
    }
    case "FAILED":
    case "ERROR": {
      const said = answer.error?.trim() || "The gateway gave no reason.";
      return {
        patch: {
          ...common,
          state: answer.status,
          errorCode: answer.status === "ERROR" ? "gateway_error" : "gateway_failed",
          errorMessage:
            answer.status === "ERROR"
              ? `The gateway had a system error: ${said} ${NOT_CHARGED}`
              : `The model could not make this: ${said}`,
          finishedAt: now,
          nextPollAt: null,
        },
      };
    }
  }
}
