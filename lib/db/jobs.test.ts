// Over ~300 lines on purpose: one case per behaviour of the module it tests, kept together.
// The job queries against a real SQLite database: slots, leases, completion and guarded updates.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SLOT_STATES, type JobState } from "@/lib/jobs/states";
import type { Prisma } from "./generated/client";
import { openTestDatabase } from "./test-database";

const t = await openTestDatabase();
const q = await import("./jobs");
const { db } = t;

afterAll(() => t.close());

beforeEach(async () => {
  await db.output.deleteMany();
  await db.job.deleteMany();
});

let serial = 0;

function makeJob(state: JobState = "WAITING", data: Partial<Prisma.JobUncheckedCreateInput> = {}) {
  serial++;
  return q.createJobRow({
    id: `job-${serial}`,
    kind: "image",
    model: "hunyuan-image",
    prompt: "a teapot",
    params: "{}",
    state,
    webhookToken: `token-${serial}`,
    ...data,
  });
}

async function stateOf(id: string) {
  return (await db.job.findUniqueOrThrow({ where: { id } })).state;
}

function slotsHeld() {
  return db.job.count({ where: { state: { in: [...SLOT_STATES] } } });
}

/**
 * The same queries on a second connection of their own, as a second studio process has. Only
 * single statements can race on it here: better-sqlite3 waits for a lock synchronously, so a
 * transaction held open by the other connection in this same process could never finish.
 */
async function secondProcess() {
  const g = globalThis as { studioPrisma?: unknown };
  const first = g.studioPrisma;
  g.studioPrisma = undefined;
  vi.resetModules();
  const jobs = await import("./jobs");
  const { db: other } = await import("./client");
  g.studioPrisma = first;
  expect(other).not.toBe(db);
  return { jobs, other };
}

const second = await secondProcess();
afterAll(() => second.other.$disconnect());

describe("takeSlot", () => {
  it("moves a WAITING job to SUBMITTING while fewer than max hold slots", async () => {
    const [a, b, c] = [await makeJob(), await makeJob(), await makeJob()];
    expect(await q.takeSlot(a.id, 2)).toBe(true);
    expect(await q.takeSlot(b.id, 2)).toBe(true);
    expect(await q.takeSlot(c.id, 2)).toBe(false);
    expect([await stateOf(a.id), await stateOf(b.id), await stateOf(c.id)]).toEqual([
      "SUBMITTING",
      "SUBMITTING",
      "WAITING",
    ]);
  });

  it("counts SUBMITTING, QUEUED and PROCESSING as held, not waiting or ended jobs", async () => {
    for (const s of ["SUBMITTING", "QUEUED", "PROCESSING"] as const) await makeJob(s);
    for (const s of ["COMPLETED", "FAILED", "ERROR", "UNKNOWN", "WAITING"] as const) {
      await makeJob(s);
    }
    const [x, y] = [await makeJob(), await makeJob()];
    expect(await q.takeSlot(x.id, 3)).toBe(false);
    expect(await q.takeSlot(x.id, 4)).toBe(true);
    expect(await q.takeSlot(y.id, 4)).toBe(false);
  });

  it("takes only WAITING jobs", async () => {
    for (const s of ["SUBMITTING", "QUEUED", "COMPLETED", "FAILED"] as const) {
      const job = await makeJob(s);
      expect(await q.takeSlot(job.id, 64)).toBe(false);
      expect(await stateOf(job.id)).toBe(s);
    }
    expect(await q.takeSlot("no-such-job", 64)).toBe(false);
  });

  it("bumps the version, so browsers see the change", async () => {
    const job = await makeJob();
    await q.takeSlot(job.id, 1);
    expect((await q.findJob(job.id))!.version).toBe(job.version + 1);
  });

  it("never lets concurrent calls take more than max", async () => {
    const jobs = await Promise.all(Array.from({ length: 20 }, () => makeJob()));
    const taken = await Promise.all(jobs.map((j) => q.takeSlot(j.id, 4)));
    expect(taken.filter(Boolean)).toHaveLength(4);
    expect(await slotsHeld()).toBe(4);
  });

  it("never lets two processes on one database take more than max together", async () => {
    const jobs = await Promise.all(Array.from({ length: 24 }, () => makeJob()));
    const taken = await Promise.all(
      jobs.map((j, i) => (i % 2 ? second.jobs : q).takeSlot(j.id, 5)),
    );
    expect(taken.filter(Boolean)).toHaveLength(5);
    expect(await slotsHeld()).toBe(5);
    // Each process saw the other's slots: none is left over for either.
    const rest = jobs.filter((_, i) => !taken[i]);
    expect(await second.jobs.takeSlot(rest[0].id, 5)).toBe(false);
    expect(await q.takeSlot(rest[1].id, 5)).toBe(false);
  });
});

describe("leases", () => {
  const now = new Date("2030-01-01T00:00:00Z");
  const later = (ms: number) => new Date(now.getTime() + ms);

  it("is taken when free, and held until it expires", async () => {
    const job = await makeJob("QUEUED");
    expect(await q.claimLease(job.id, "a", now, 30_000)).toBe(true);
    const row = await q.findJob(job.id);
    expect(row!.leaseOwner).toBe("a");
    expect(row!.leaseUntil!.getTime()).toBe(later(30_000).getTime());
    expect(await q.claimLease(job.id, "b", later(29_999), 30_000)).toBe(false);
    expect(await q.claimLease(job.id, "b", later(30_001), 30_000)).toBe(true);
    expect((await q.findJob(job.id))!.leaseOwner).toBe("b");
  });

  it("is renewed by its owner", async () => {
    const job = await makeJob("QUEUED");
    await q.claimLease(job.id, "a", now, 1000);
    expect(await q.claimLease(job.id, "a", later(500), 1000)).toBe(true);
    expect((await q.findJob(job.id))!.leaseUntil!.getTime()).toBe(later(1500).getTime());
  });

  it("goes to exactly one of two owners claiming at once", async () => {
    const job = await makeJob("QUEUED");
    const won = await Promise.all([
      q.claimLease(job.id, "a", now, 1000),
      q.claimLease(job.id, "b", now, 1000),
    ]);
    expect(won.filter(Boolean)).toHaveLength(1);
  });

  it("is released only by its owner", async () => {
    const job = await makeJob("QUEUED");
    await q.claimLease(job.id, "a", now, 60_000);
    await q.releaseLease(job.id, "b");
    expect((await q.findJob(job.id))!.leaseOwner).toBe("a");
    await q.releaseLease(job.id, "a");
    const row = await q.findJob(job.id);
    expect([row!.leaseOwner, row!.leaseUntil]).toEqual([null, null]);
    expect(await q.claimLease(job.id, "b", now, 1000)).toBe(true);
  });

  it("guards updateJobAsOwner", async () => {
    const job = await makeJob("SUBMITTING");
    await q.claimLease(job.id, "a", now, 60_000);
    expect(await q.updateJobAsOwner(job.id, "b", { state: "QUEUED" })).toBe(false);
    expect(await stateOf(job.id)).toBe("SUBMITTING");
    expect(await q.updateJobAsOwner(job.id, "a", { state: "QUEUED" })).toBe(true);
    expect(await stateOf(job.id)).toBe("QUEUED");
  });

  it("keeps leased jobs out of dueJobs and orphanedSubmits until it expires", async () => {
    const polled = await makeJob("QUEUED", { nextPollAt: now });
    const sending = await makeJob("SUBMITTING");
    const ids = async (rows: Promise<{ id: string }[]>) => (await rows).map((r) => r.id);
    expect(await ids(q.dueJobs(now, 16))).toEqual([polled.id]);
    expect(await ids(q.orphanedSubmits(now))).toEqual([sending.id]);
    await q.claimLease(polled.id, "a", now, 1000);
    await q.claimLease(sending.id, "a", now, 1000);
    expect(await ids(q.dueJobs(now, 16))).toEqual([]);
    expect(await ids(q.orphanedSubmits(now))).toEqual([]);
    expect(await ids(q.dueJobs(later(1001), 16))).toEqual([polled.id]);
    expect(await ids(q.orphanedSubmits(later(1001)))).toEqual([sending.id]);
  });

  it("lists only tracked jobs whose poll is due in dueJobs", async () => {
    const due = await makeJob("PROCESSING", { nextPollAt: now });
    await makeJob("QUEUED", { nextPollAt: later(1) });
    await makeJob("COMPLETED", { nextPollAt: now });
    await makeJob("WAITING");
    expect((await q.dueJobs(now, 16)).map((j) => j.id)).toEqual([due.id]);
  });
});

describe("completeJob", () => {
  const outputs = (jobId: string, n: number): Prisma.OutputCreateManyInput[] =>
    Array.from({ length: n }, (_, index) => ({
      id: `${jobId}-out-${index}`,
      jobId,
      index,
      sourceUrl: `https://cdn.example/${index}.png`,
      state: "PENDING",
      publicToken: `${jobId}-public-${index}`,
    }));
  const finishedAt = new Date("2030-01-01T00:00:00Z");

  it.each(["QUEUED", "PROCESSING"] as const)(
    "moves a %s job to COMPLETED with its outputs",
    async (state) => {
      const job = await makeJob(state);
      expect(await q.completeJob(job.id, { finishedAt, pollCount: 3 }, outputs(job.id, 2))).toBe(
        true,
      );
      const row = await q.findJob(job.id);
      expect(row!.state).toBe("COMPLETED");
      expect(row!.finishedAt).toEqual(finishedAt);
      expect(row!.pollCount).toBe(3);
      expect(row!.version).toBe(job.version + 1);
      expect(row!.outputs.map((o) => [o.index, o.state])).toEqual([
        [0, "PENDING"],
        [1, "PENDING"],
      ]);
    },
  );

  it.each(["WAITING", "SUBMITTING", "COMPLETED", "FAILED", "ERROR", "UNKNOWN"] as const)(
    "leaves a %s job alone and records no outputs",
    async (state) => {
      const job = await makeJob(state);
      expect(await q.completeJob(job.id, { finishedAt }, outputs(job.id, 1))).toBe(false);
      expect(await stateOf(job.id)).toBe(state);
      expect(await db.output.count()).toBe(0);
    },
  );

  it("completes once when two answers race", async () => {
    const job = await makeJob("QUEUED");
    const again = outputs(`${job.id}-b`, 2).map((o) => ({ ...o, jobId: job.id }));
    const moved = await Promise.all([
      q.completeJob(job.id, { finishedAt }, outputs(job.id, 2)),
      q.completeJob(job.id, { finishedAt }, again),
    ]);
    expect(moved.filter(Boolean)).toHaveLength(1);
    expect(await db.output.count({ where: { jobId: job.id } })).toBe(2);
  });

  it("is atomic: when the outputs cannot be recorded, the job is not completed", async () => {
    const job = await makeJob("PROCESSING");
    const clash = outputs(job.id, 2).map((o) => ({ ...o, index: 0 }));
    await expect(q.completeJob(job.id, { finishedAt }, clash)).rejects.toThrow();
    expect(await stateOf(job.id)).toBe("PROCESSING");
    expect(await db.output.count()).toBe(0);
  });
});

describe("updateJobIf", () => {
  it("updates a job in one of the given states and bumps its version", async () => {
    const job = await makeJob("QUEUED");
    expect(await q.updateJobIf(job.id, ["QUEUED", "PROCESSING"], { state: "PROCESSING" })).toBe(
      true,
    );
    const row = await q.findJob(job.id);
    expect([row!.state, row!.version]).toEqual(["PROCESSING", job.version + 1]);
  });

  it("leaves a job in any other state untouched", async () => {
    const job = await makeJob("COMPLETED");
    expect(await q.updateJobIf(job.id, ["QUEUED", "PROCESSING"], { state: "UNKNOWN" })).toBe(false);
    const row = await q.findJob(job.id);
    expect([row!.state, row!.version]).toEqual(["COMPLETED", job.version]);
    expect(await q.updateJobIf("no-such-job", ["COMPLETED"], { favorite: true })).toBe(false);
  });
});

describe("waiting jobs", () => {
  it("come due in the order they were made, once their retry time has come", async () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const first = await makeJob("WAITING", { createdAt: new Date(1000) });
    const backedOff = await makeJob("WAITING", {
      createdAt: new Date(2000),
      nextPollAt: new Date(now.getTime() + 5000),
    });
    const third = await makeJob("WAITING", { createdAt: new Date(3000) });
    await makeJob("QUEUED");
    expect((await q.dueWaitingJobs(now, 10)).map((j) => j.id)).toEqual([first.id, third.id]);
    expect((await q.dueWaitingJobs(now, 1)).map((j) => j.id)).toEqual([first.id]);
    expect((await q.waitingPlaces()).map((j) => j.id)).toEqual([first.id, backedOff.id, third.id]);
  });
});

describe("claimStatusRead", () => {
  it("gives a completed job's outputs one status read a second", async () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const at = (ms: number) => new Date(now.getTime() + ms);
    const job = await makeJob("COMPLETED", { lastPollAt: at(-400) });
    expect(await q.claimStatusRead(job.id, now, 1000)).toBe(false);
    expect(await q.claimStatusRead(job.id, at(600), 1000)).toBe(true);
    const won = await Promise.all([
      q.claimStatusRead(job.id, at(1600), 1000),
      q.claimStatusRead(job.id, at(1600), 1000),
    ]);
    expect(won.filter(Boolean)).toHaveLength(1);
    expect((await q.findJob(job.id))!.lastPollAt).toEqual(at(1600));
    const fresh = await makeJob("COMPLETED");
    expect(await q.claimStatusRead(fresh.id, now, 1000)).toBe(true);
  });
});
