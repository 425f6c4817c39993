// Stopping the tracking of a job, through its action, against a real SQLite database.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase } from "@/lib/db/test-database";
import type { JobState } from "@/lib/jobs/states";

const t = await openTestDatabase();
const { stopTracking } = await import("@/app/(studio)/gallery-actions");
const { STOPPED_SENT_MESSAGE, STOPPED_UNSENT_MESSAGE } = await import("./stop-tracking");
const { db } = t;

afterAll(() => t.close());
beforeEach(() => db.job.deleteMany());

async function makeJob(state: JobState) {
  return db.job.create({
    data: {
      id: randomUUID(),
      kind: "image",
      model: "hunyuan-image",
      prompt: "a kettle",
      params: "{}",
      state,
      webhookToken: randomUUID(),
      leaseOwner: "tracker-1",
      leaseUntil: new Date(Date.now() + 60_000),
      nextPollAt: new Date(),
    },
  });
}

const row = (id: string) => db.job.findUniqueOrThrow({ where: { id } });

describe("stopTracking", () => {
  it("ends a waiting job as FAILED: it was never sent, so nothing was charged", async () => {
    const job = await makeJob("WAITING");
    expect(await stopTracking({ jobId: job.id })).toEqual({
      ok: true,
      data: { jobId: job.id, state: "FAILED" },
    });
    const r = await row(job.id);
    expect(r).toMatchObject({
      state: "FAILED",
      errorMessage: STOPPED_UNSENT_MESSAGE,
      nextPollAt: null,
      version: 1,
    });
    expect(r.finishedAt).not.toBeNull();
    expect(STOPPED_UNSENT_MESSAGE).toBe("Stopped before it was sent. Nothing was charged.");
  });

  it.each(["SUBMITTING", "QUEUED", "PROCESSING"] as const)(
    "marks a %s job UNKNOWN and lets go of its lease",
    async (state) => {
      const job = await makeJob(state);
      expect(await stopTracking({ jobId: job.id })).toEqual({
        ok: true,
        data: { jobId: job.id, state: "UNKNOWN" },
      });
      // Without the lease the tracker cannot record a late answer over the stop.
      expect(await row(job.id)).toMatchObject({
        state: "UNKNOWN",
        errorMessage: STOPPED_SENT_MESSAGE,
        leaseOwner: null,
        nextPollAt: null,
      });
    },
  );

  it("leaves an ended job as it is and answers its state", async () => {
    const job = await makeJob("COMPLETED");
    expect(await stopTracking({ jobId: job.id })).toEqual({
      ok: true,
      data: { jobId: job.id, state: "COMPLETED" },
    });
    expect((await row(job.id)).version).toBe(0);
  });

  it("says when the job is gone", async () => {
    expect(await stopTracking({ jobId: randomUUID() })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await stopTracking({ jobId: "nope" })).toMatchObject({
      ok: false,
      code: "invalid_input",
    });
  });
});
