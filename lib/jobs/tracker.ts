import "server-only";
// The tracker owns every state change of a job after it is created. It only schedules, leases
// and limits: each tick it takes slots for waiting jobs, leases the jobs and outputs that are
// due, and hands each to its step (submit, poll, download). It runs in the background of every
// studio process; leases in the database keep two processes off the same job or output, and
// expire if one dies. Outputs wait in the database between tries (for a day, if their links keep
// failing), so a restart picks them up where they were.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { env } from "@/lib/env";
import {
  claimLease,
  dueJobs,
  dueWaitingJobs,
  findJob,
  orphanedSubmits,
  releaseLease,
  takeSlot,
  updateJobIf,
} from "@/lib/db/jobs";
import { claimOutput, pendingOutputs } from "@/lib/db/outputs";
import { downloadOutput } from "./download";
import { pollJob } from "./poll";
import { TRACKED_STATES } from "./states";
import { recoverOrphan, submitJob } from "./submit";
import { transition } from "./transitions";

const TICK_MS = 500;
const POLL_LEASE_MS = 30_000;
const SUBMIT_LEASE_MS = 90_000; // longer than the submit timeout, so a live submit keeps it
const DOWNLOAD_LEASE_MS = 300_000;
/**
 * Status reads per second at most, for all jobs together: with hundreds in flight each is read
 * less often (round robin, oldest due first) instead of the studio spending a core on reads and
 * the gateway seeing a flood. Measured by the tracker benchmark: about 0.9 % of a core per read
 * a second on top of ~4 % idle, so six a second stay within the 10 % target.
 */
const STATUS_READS_PER_SECOND = 6;
const POLL_BATCH = Math.max(1, Math.round((STATUS_READS_PER_SECOND * TICK_MS) / 1000));
const MAX_PARALLEL_DOWNLOADS = 2;

export class Tracker {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** Downloads run beside the tick, so a slow one never delays polls and submits. */
  private readonly downloading = new Set<string>();

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
          if (await this.tick()) this.again = true;
        } catch (err) {
          console.error("[tracker] tick failed", err);
        }
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** One pass over everything due; true when it left more work due at once. */
  async tick(): Promise<boolean> {
    const now = new Date();
    await this.recoverOrphans(now);
    await this.submitWaiting(now);
    const completed = await this.pollDue(now);
    await this.downloadPending(now);
    return completed;
  }

  /** A webhook or a browser asked: read this job's status soon (within the once-a-second rule). */
  async hint(jobId: string) {
    const job = await findJob(jobId);
    const move = job && transition(job, { type: "nudged" }, new Date());
    if (!move) return;
    await updateJobIf(jobId, TRACKED_STATES, move.patch);
    await this.kick();
  }

  /** Submits one job that this process moved to SUBMITTING. */
  async submit(jobId: string) {
    if (!(await claimLease(jobId, this.owner, new Date(), SUBMIT_LEASE_MS))) return;
    await submitJob(jobId, this.owner);
  }

  private async recoverOrphans(now: Date) {
    for (const job of await orphanedSubmits(now)) {
      if (await claimLease(job.id, this.owner, now, POLL_LEASE_MS)) await recoverOrphan(job, now);
    }
  }

  private async submitWaiting(now: Date) {
    const max = env().maxInFlight;
    for (const job of await dueWaitingJobs(now, max * 2)) {
      if (!(await takeSlot(job.id, max))) break;
      await this.submit(job.id);
    }
  }

  private async pollDue(now: Date): Promise<boolean> {
    const due = await dueJobs(now, POLL_BATCH);
    const completed = await Promise.all(due.map((job) => this.poll(job.id)));
    return completed.some(Boolean);
  }

  private async poll(jobId: string): Promise<boolean> {
    const now = new Date();
    if (!(await claimLease(jobId, this.owner, now, POLL_LEASE_MS))) return false;
    try {
      return await pollJob(jobId, now);
    } finally {
      await releaseLease(jobId, this.owner);
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

  private async download(outputId: string) {
    if (!(await claimOutput(outputId, this.owner, new Date(), DOWNLOAD_LEASE_MS))) return;
    await downloadOutput(outputId, this.owner);
  }
}

const g = globalThis as unknown as { studioTracker?: Tracker };

export function tracker(): Tracker {
  g.studioTracker ??= new Tracker();
  return g.studioTracker;
}
