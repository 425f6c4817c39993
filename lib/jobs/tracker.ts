import "server-only";
// The tracker owns every state change of a job after it is created: it submits waiting jobs
// when a slot is free, reads the status of jobs in flight when they are due, and brings
// completed outputs into the media store. It runs in the background of every studio process;
// leases in the database keep two processes off the same job, and expire if one dies.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { env } from "@/lib/env";
import { GatewayError } from "@/lib/gateway/errors";
import { MODELS, type ModelId, type StatusResponse } from "@/lib/gateway/models";
import {
  claimLease,
  completeJob,
  dueJobs,
  dueWaitingJobs,
  findJob,
  orphanedSubmits,
  releaseLease,
  takeSlot,
  updateJob,
  updateJobAsOwner,
  updateJobIf,
} from "@/lib/db/jobs";
import { claimOutput, findOutput, pendingOutputs, updateOutput } from "@/lib/db/outputs";
import { IngestError, ingestOutput } from "@/lib/media/ingest";
import { callbackBaseUrl, gatewayAllowHosts, gatewayClient } from "@/lib/gateway/configured";
import { InputImageError, resolveInputImageUrl } from "./input-image";
import {
  MAX_DOWNLOAD_TRIES,
  MAX_GONE_TRIES,
  MAX_STATUS_FAILURES,
  MAX_SUBMIT_TRIES,
  MAX_TRACK_MS,
  backoffMs,
  nextAfterFailure,
  notSoonerThan,
  pollDelayMs,
} from "./retry-policy";
import { newToken } from "./tokens";

const TICK_MS = 500;
const POLL_LEASE_MS = 30_000;
const SUBMIT_LEASE_MS = 90_000; // longer than the submit timeout, so a live submit keeps it
const DOWNLOAD_LEASE_MS = 300_000;
const NOT_CHARGED = "You were not charged for it.";
const MAX_PARALLEL_DOWNLOADS = 2;

type Log = (msg: string, extra?: Record<string, unknown>) => void;

export class Tracker {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** Downloads run beside the tick, so a slow one never delays polls and submits. */
  private readonly downloading = new Set<string>();
  private readonly log: Log = (msg, extra) => console.log(`[tracker] ${msg}`, extra ?? "");

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => void this.kick(), TICK_MS);
    this.timer.unref?.();
    void this.kick();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Runs a tick now (or right after the current one). */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.tick();
        } catch (err) {
          console.error("[tracker] tick failed", err);
        }
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async tick() {
    const now = new Date();
    await this.recoverOrphans(now);
    await this.submitWaiting(now);
    await this.pollDue(now);
    await this.downloadPending(now);
  }

  /** A webhook or a browser asked: read this job's status soon (within the once-a-second rule). */
  async hint(jobId: string) {
    const job = await findJob(jobId);
    if (!job || (job.state !== "QUEUED" && job.state !== "PROCESSING")) return;
    const at = notSoonerThan(Date.now(), job.lastPollAt?.getTime() ?? null);
    await updateJobIf(jobId, ["QUEUED", "PROCESSING"], { nextPollAt: new Date(at) });
    await this.kick();
  }

  private async recoverOrphans(now: Date) {
    for (const job of await orphanedSubmits(now)) {
      if (!(await claimLease(job.id, this.owner, now, POLL_LEASE_MS))) continue;
      if (job.sendingAt) {
        // It may have reached the gateway: say so rather than pay twice.
        await updateJobIf(job.id, ["SUBMITTING"], {
          state: "UNKNOWN",
          errorCode: "submit_unknown",
          errorMessage:
            "The studio stopped while sending this job, so it is unknown whether the gateway accepted it. It was not sent again, to avoid paying twice. Use Retry to send it again.",
          finishedAt: now,
          leaseOwner: null,
          leaseUntil: null,
        });
      } else {
        await updateJobIf(job.id, ["SUBMITTING"], {
          state: "WAITING",
          leaseOwner: null,
          leaseUntil: null,
        });
      }
    }
  }

  private async submitWaiting(now: Date) {
    const max = env().maxInFlight;
    for (const job of await dueWaitingJobs(now, max * 2)) {
      if (!(await takeSlot(job.id, max))) break;
      await this.submit(job.id);
    }
  }

  /** Submits one job that this process moved to SUBMITTING. */
  async submit(jobId: string) {
    const now = new Date();
    if (!(await claimLease(jobId, this.owner, now, SUBMIT_LEASE_MS))) return;
    const job = await findJob(jobId);
    if (!job || job.state !== "SUBMITTING") return void (await releaseLease(jobId, this.owner));
    const model = job.model as ModelId;
    const body = JSON.parse(job.params) as Record<string, unknown>;
    try {
      if (MODELS[model].kind === "mesh") {
        body.input_image_url = await resolveInputImageUrl(job);
      }
    } catch (err) {
      const message =
        err instanceof InputImageError ? err.message : "The input image could not be prepared.";
      if (!(err instanceof InputImageError)) console.error("[tracker] input image", err);
      await updateJobAsOwner(jobId, this.owner, {
        state: "FAILED",
        errorCode: "input_image",
        errorMessage: message,
        finishedAt: new Date(),
        leaseOwner: null,
        leaseUntil: null,
      });
      return;
    }
    const base = callbackBaseUrl();
    const webhookUrl = base ? `${base}/api/webhooks/pixazo/${job.webhookToken}` : undefined;
    if (
      !(await updateJobAsOwner(jobId, this.owner, {
        sendingAt: new Date(),
        params: JSON.stringify(body),
      }))
    ) {
      return; // the lease ran out before sending: another process owns the job now
    }
    let requestId: string;
    try {
      ({ requestId } = await gatewayClient().submit(model, body, { webhookUrl }));
    } catch (err) {
      await this.submitFailed(job.id, job.failures, err);
      return;
    }
    // Accepted and paid for: record it, trying hard. If it cannot be recorded, the job stays
    // SUBMITTING with sendingAt set, and recovery marks it UNKNOWN rather than sending it again.
    const t = new Date();
    const queued = {
      state: "QUEUED",
      requestId,
      submittedAt: t,
      nextPollAt: new Date(t.getTime() + pollDelayMs(0, Boolean(webhookUrl))),
      pollCount: 0,
      failures: 0,
      leaseOwner: null,
      leaseUntil: null,
    };
    for (let attempt = 1; attempt <= 5; attempt++) {
      try {
        if (!(await updateJobAsOwner(jobId, this.owner, queued))) {
          console.error(
            "[tracker] lease lost after submit; request id",
            requestId,
            "for job",
            jobId,
          );
        }
        this.log("submitted", { jobId, requestId });
        return;
      } catch (err) {
        console.error("[tracker] could not record request id", requestId, "for job", jobId, err);
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }

  private async submitFailed(jobId: string, failures: number, err: unknown) {
    const ge = err instanceof GatewayError ? err : null;
    console.warn("[tracker] submit failed", jobId, String(err));
    const release = { leaseOwner: null, leaseUntil: null, sendingAt: null };
    if (ge && ge.accepted === false && ge.retryable && failures + 1 < MAX_SUBMIT_TRIES) {
      // Certainly not accepted (refused connection, 429, 5xx): safe to send again later.
      const delay = nextAfterFailure(failures + 1, ge.retryAfterMs);
      await updateJobAsOwner(jobId, this.owner, {
        state: "WAITING",
        failures: failures + 1,
        lastPollError: ge.userMessage,
        nextPollAt: new Date(Date.now() + delay),
        ...release,
      });
      return;
    }
    if (ge && ge.accepted === null) {
      await updateJobAsOwner(jobId, this.owner, {
        state: "UNKNOWN",
        errorCode: ge.code,
        errorMessage: `${ge.userMessage} It is unknown whether the gateway accepted this job; it was not sent again, to avoid paying twice. Use Retry to send it again.`,
        finishedAt: new Date(),
        leaseOwner: null,
        leaseUntil: null,
      });
      return;
    }
    await updateJobAsOwner(jobId, this.owner, {
      state: "FAILED",
      errorCode: ge?.code ?? "internal",
      errorMessage: ge?.userMessage ?? "The studio could not send this job. Try again.",
      finishedAt: new Date(),
      ...release,
    });
  }

  private async pollDue(now: Date) {
    const due = await dueJobs(now, 16);
    await Promise.all(due.map((job) => this.poll(job.id)));
  }

  private async poll(jobId: string) {
    const now = new Date();
    if (!(await claimLease(jobId, this.owner, now, POLL_LEASE_MS))) return;
    try {
      const job = await findJob(jobId);
      if (!job?.requestId || (job.state !== "QUEUED" && job.state !== "PROCESSING")) return;
      const hasWebhook = Boolean(callbackBaseUrl());
      let answer: StatusResponse;
      try {
        answer = await gatewayClient().status(job.requestId);
      } catch (err) {
        const ge = err instanceof GatewayError ? err : null;
        const failures = job.failures + 1;
        const limit = ge?.retryable ? MAX_STATUS_FAILURES : MAX_STATUS_FAILURES / 4;
        if (failures >= limit) {
          await this.stopFollowing(
            jobId,
            `${ge?.userMessage ?? "The studio could not read this job's status."} It stopped asking after ${failures} tries in a row.`,
          );
          return;
        }
        await updateJob(jobId, {
          failures,
          lastPollAt: now,
          lastPollError: ge?.userMessage ?? String(err),
          nextPollAt: new Date(
            now.getTime() + nextAfterFailure(failures, ge?.retryAfterMs ?? null),
          ),
        });
        return;
      }
      await this.apply(job, answer, now, hasWebhook);
      if (
        (answer.status === "QUEUED" || answer.status === "PROCESSING") &&
        job.submittedAt &&
        now.getTime() - job.submittedAt.getTime() > MAX_TRACK_MS
      ) {
        await this.stopFollowing(jobId, "The gateway has not finished this job in many hours.");
      }
    } finally {
      await releaseLease(jobId, this.owner);
    }
  }

  /**
   * Gives up on a job whose status cannot be had. It may still finish and be charged at the
   * gateway, so this is UNKNOWN, not ERROR (which the reference says is not charged).
   */
  private async stopFollowing(jobId: string, why: string) {
    await updateJobIf(jobId, ["QUEUED", "PROCESSING"], {
      state: "UNKNOWN",
      errorCode: "status_lost",
      errorMessage: `${why} The job may still finish at the gateway; check your Pixazo history, or use Retry to send it again.`,
      finishedAt: new Date(),
      nextPollAt: null,
    });
  }

  /** Applies a status answer that came from the gateway with our key. */
  private async apply(
    job: { id: string; state: string; pollCount: number; kind: string; startedAt: Date | null },
    answer: StatusResponse,
    now: Date,
    hasWebhook: boolean,
  ) {
    const common = {
      lastPollAt: now,
      pollCount: job.pollCount + 1,
      failures: 0,
      lastPollError: null,
    };
    const next = new Date(now.getTime() + pollDelayMs(job.pollCount + 1, hasWebhook));
    switch (answer.status) {
      case "QUEUED":
      case "PROCESSING":
        await updateJobIf(job.id, ["QUEUED", "PROCESSING"], {
          ...common,
          // A late QUEUED after PROCESSING changes nothing: states only move forward.
          state: job.state === "PROCESSING" ? "PROCESSING" : answer.status,
          startedAt: answer.status === "PROCESSING" ? (job.startedAt ?? now) : job.startedAt,
          nextPollAt: next,
        });
        return;
      case "COMPLETED": {
        const urls = answer.output?.media_url.filter((u) => u.length > 0) ?? [];
        // The studio's own clock, so timings never mix two machines' clocks.
        const finishedAt = now;
        if (urls.length === 0) {
          await updateJobIf(job.id, ["QUEUED", "PROCESSING"], {
            ...common,
            state: "ERROR",
            errorCode: "no_output",
            errorMessage: "The gateway said the job completed but returned no media.",
            finishedAt,
          });
          return;
        }
        const moved = await completeJob(
          job.id,
          { ...common, finishedAt, nextPollAt: null },
          urls.map((sourceUrl, index) => ({
            id: randomUUID(),
            jobId: job.id,
            index,
            sourceUrl,
            state: "PENDING",
            publicToken: newToken(),
          })),
        );
        if (moved) this.again = true;
        return;
      }
      case "FAILED":
      case "ERROR": {
        const said = answer.error?.trim() || "The gateway gave no reason.";
        await updateJobIf(job.id, ["QUEUED", "PROCESSING"], {
          ...common,
          state: answer.status,
          errorCode: answer.status === "ERROR" ? "gateway_error" : "gateway_failed",
          errorMessage:
            answer.status === "ERROR"
              ? `The gateway had a system error: ${said} ${NOT_CHARGED}`
              : `The model could not make this: ${said}`,
          finishedAt: now,
          nextPollAt: null,
        });
        return;
      }
    }
  }

  private async downloadPending(now: Date) {
    const room = MAX_PARALLEL_DOWNLOADS - this.downloading.size;
    if (room <= 0) return;
    for (const { id } of await pendingOutputs(now, room, [...this.downloading])) {
      this.downloading.add(id);
      void this.download(id)
        .catch((err) => console.error("[tracker] download", id, err))
        .finally(() => {
          this.downloading.delete(id);
          void this.kick();
        });
    }
  }

  /** Brings one output into the media store; sync_mode data URIs are dropped once stored. */
  private async download(outputId: string) {
    const now = new Date();
    if (!(await claimOutput(outputId, this.owner, now, DOWNLOAD_LEASE_MS))) return;
    const out = await findOutput(outputId);
    if (!out || out.state !== "PENDING") return;
    const attempts = out.attempts + 1;
    try {
      const result = await ingestOutput({
        jobId: out.jobId,
        index: out.index,
        sourceUrl: out.sourceUrl,
        expect: MODELS[out.job.model as ModelId]?.kind === "mesh" ? "mesh" : "image",
        allowHosts: gatewayAllowHosts(),
      });
      await updateOutput(outputId, {
        ...result,
        ...(out.sourceUrl.startsWith("data:") ? { sourceUrl: "data:,stored" } : {}),
        state: "STORED",
        attempts,
        storedAt: new Date(),
        errorMessage: null,
        leaseOwner: null,
        leaseUntil: null,
      });
    } catch (err) {
      const ie = err instanceof IngestError ? err : null;
      if (!ie) console.error("[tracker] download failed", outputId, err);
      const tries = ie?.gone ? MAX_GONE_TRIES : MAX_DOWNLOAD_TRIES;
      const retry = (ie?.retryable ?? true) && attempts < tries;
      await updateOutput(outputId, {
        attempts,
        state: retry ? "PENDING" : "FAILED",
        errorMessage: ie?.message ?? "The output could not be saved.",
        nextTryAt: retry ? new Date(Date.now() + backoffMs(attempts)) : null,
        leaseOwner: null,
        leaseUntil: null,
      });
    }
  }
}

const g = globalThis as unknown as { studioTracker?: Tracker };

export function tracker(): Tracker {
  g.studioTracker ??= new Tracker();
  return g.studioTracker;
}
