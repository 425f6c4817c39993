// The output and upload queries against a real SQLite database.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Prisma } from "./generated/client";
import { openTestDatabase } from "./test-database";

const t = await openTestDatabase();
const q = await import("./outputs");
const { db } = t;

afterAll(() => t.close());

const now = new Date("2030-01-01T00:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);
let serial = 0;

beforeEach(async () => {
  await db.output.deleteMany();
  await db.job.deleteMany();
  await db.job.create({
    data: {
      id: "job",
      kind: "image",
      model: "hunyuan-image",
      prompt: "a teapot",
      params: "{}",
      state: "COMPLETED",
      webhookToken: "token",
    },
  });
});

function makeOutput(data: Partial<Prisma.OutputUncheckedCreateInput> = {}) {
  serial++;
  return db.output.create({
    data: {
      id: `out-${serial}`,
      jobId: "job",
      index: serial,
      sourceUrl: `https://cdn.example/${serial}.png`,
      state: "PENDING",
      publicToken: `public-${serial}`,
      createdAt: new Date(serial * 1000),
      ...data,
    },
  });
}

const ids = async (rows: Promise<{ id: string }[]>) => (await rows).map((r) => r.id);

describe("pendingOutputs", () => {
  it("lists PENDING outputs whose next try is due, oldest first, up to the limit", async () => {
    const a = await makeOutput();
    const b = await makeOutput({ nextTryAt: now });
    await makeOutput({ nextTryAt: later(1) });
    await makeOutput({ state: "STORED" });
    await makeOutput({ state: "FAILED" });
    expect(await ids(q.pendingOutputs(now, 10, []))).toEqual([a.id, b.id]);
    expect(await ids(q.pendingOutputs(now, 1, []))).toEqual([a.id]);
    expect(await ids(q.pendingOutputs(now, 10, [a.id]))).toEqual([b.id]);
  });

  it("skips outputs under a live lease", async () => {
    const a = await makeOutput();
    await q.claimOutput(a.id, "w", now, 1000);
    expect(await ids(q.pendingOutputs(now, 10, []))).toEqual([]);
    expect(await ids(q.pendingOutputs(later(1001), 10, []))).toEqual([a.id]);
  });
});

describe("claimOutput", () => {
  it("is taken when free, held until it expires, and renewed by its owner", async () => {
    const a = await makeOutput();
    expect(await q.claimOutput(a.id, "w1", now, 1000)).toBe(true);
    expect(await q.claimOutput(a.id, "w2", later(999), 1000)).toBe(false);
    expect(await q.claimOutput(a.id, "w1", later(500), 1000)).toBe(true);
    expect(await q.claimOutput(a.id, "w2", later(1499), 1000)).toBe(false);
    expect(await q.claimOutput(a.id, "w2", later(1501), 1000)).toBe(true);
    expect((await q.findOutput(a.id))!.leaseOwner).toBe("w2");
  });

  it("goes to exactly one of two workers at once", async () => {
    const a = await makeOutput();
    const won = await Promise.all([
      q.claimOutput(a.id, "w1", now, 1000),
      q.claimOutput(a.id, "w2", now, 1000),
    ]);
    expect(won.filter(Boolean)).toHaveLength(1);
  });

  it("refuses outputs that are no longer PENDING", async () => {
    const stored = await makeOutput({ state: "STORED" });
    const failed = await makeOutput({ state: "FAILED" });
    expect(await q.claimOutput(stored.id, "w", now, 1000)).toBe(false);
    expect(await q.claimOutput(failed.id, "w", now, 1000)).toBe(false);
  });
});

describe("updateOutput", () => {
  it("writes the output and bumps its job's version, so the gallery sees it", async () => {
    const a = await makeOutput();
    const before = (await db.job.findUniqueOrThrow({ where: { id: "job" } })).version;
    await q.updateOutput(a.id, { state: "STORED", mediaKey: "outputs/job/1.png" });
    expect((await q.findOutput(a.id))!.state).toBe("STORED");
    expect((await db.job.findUniqueOrThrow({ where: { id: "job" } })).version).toBe(before + 1);
  });

  it("finds an output with its job, and by its public token", async () => {
    const a = await makeOutput();
    expect((await q.findOutput(a.id))!.job.id).toBe("job");
    expect((await q.findOutputByToken(a.publicToken))!.id).toBe(a.id);
    expect(await q.findOutputByToken("nope")).toBeNull();
  });
});

describe("updateOutputAsOwner", () => {
  const version = async () => (await db.job.findUniqueOrThrow({ where: { id: "job" } })).version;

  it("writes while this process holds the lease, and bumps the job's version", async () => {
    const a = await makeOutput();
    await q.claimOutput(a.id, "w1", now, 1000);
    const before = await version();
    expect(await q.updateOutputAsOwner(a.id, "w1", { failures: 1 })).toBe(true);
    expect((await q.findOutput(a.id))!.failures).toBe(1);
    expect(await version()).toBe(before + 1);
    expect(await q.updateOutputAsOwner(a.id, "w2", { failures: 2 })).toBe(false);
    expect(await version()).toBe(before + 1);
  });

  it("cannot overwrite an output stored by the process that took over an expired lease", async () => {
    const a = await makeOutput();
    expect(await q.claimOutput(a.id, "slow", now, 1000)).toBe(true);
    // The slow process's lease runs out; another takes the output over and stores it.
    expect(await q.claimOutput(a.id, "fast", later(1001), 1000)).toBe(true);
    expect(await q.updateOutputAsOwner(a.id, "slow", { errorMessage: "too late" })).toBe(false);
    const stored = { state: "STORED", mediaKey: "outputs/job/1.png", leaseOwner: null };
    expect(await q.updateOutputAsOwner(a.id, "fast", stored)).toBe(true);
    // Its download failing at last, the slow one writes nothing, whatever it would have written.
    const failed = { state: "FAILED", errorMessage: "gone", mediaKey: null, leaseOwner: null };
    expect(await q.updateOutputAsOwner(a.id, "slow", failed)).toBe(false);
    expect(await q.claimOutput(a.id, "slow", later(5000), 1000)).toBe(false);
    expect(await q.findOutput(a.id)).toMatchObject({
      state: "STORED",
      mediaKey: "outputs/job/1.png",
      errorMessage: null,
    });
  });

  it("never writes an output that is no longer PENDING, even for its last lease holder", async () => {
    const a = await makeOutput({ state: "STORED", leaseOwner: "w", leaseUntil: later(1000) });
    expect(await q.updateOutputAsOwner(a.id, "w", { state: "FAILED" })).toBe(false);
    expect((await q.findOutput(a.id))!.state).toBe("STORED");
  });
});

describe("updateOutputIf", () => {
  it("writes only while the output is in the given state", async () => {
    const failed = await makeOutput({ state: "FAILED" });
    const stored = await makeOutput({ state: "STORED" });
    expect(await q.updateOutputIf(failed.id, "FAILED", { state: "PENDING" })).toBe(true);
    expect(await q.updateOutputIf(failed.id, "FAILED", { state: "PENDING" })).toBe(false);
    expect(await q.updateOutputIf(stored.id, "FAILED", { state: "PENDING" })).toBe(false);
    expect((await q.findOutput(stored.id))!.state).toBe("STORED");
  });
});

describe("giveFreshLinks", () => {
  it("gives the job's other outputs waiting for a link theirs, unless another process holds them", async () => {
    const self = await makeOutput({ index: 0, needsFreshLink: true });
    const waiting = await makeOutput({ index: 1, needsFreshLink: true, nextTryAt: later(60_000) });
    const held = await makeOutput({
      index: 2,
      needsFreshLink: true,
      leaseOwner: "other",
      leaseUntil: later(1000),
    });
    const fine = await makeOutput({ index: 3 });
    const stored = await makeOutput({ index: 4, state: "STORED", needsFreshLink: true });
    const ours = await makeOutput({
      index: 5,
      needsFreshLink: true,
      leaseOwner: "me",
      leaseUntil: later(1000),
    });
    const urls = [0, 1, 2, 3, 4, 5].map((i) => `https://cdn.example/fresh-${i}.png`);
    await q.giveFreshLinks("job", self.id, urls, "me", now);
    const row = async (id: string) => (await q.findOutput(id))!;
    expect(await row(self.id)).toMatchObject({ needsFreshLink: true, sourceUrl: self.sourceUrl });
    expect(await row(waiting.id)).toMatchObject({
      needsFreshLink: false,
      sourceUrl: urls[1],
      nextTryAt: now,
    });
    expect(await row(held.id)).toMatchObject({ needsFreshLink: true, sourceUrl: held.sourceUrl });
    expect((await row(fine.id)).sourceUrl).toBe(fine.sourceUrl);
    expect((await row(stored.id)).sourceUrl).toBe(stored.sourceUrl);
    expect(await row(ours.id)).toMatchObject({ needsFreshLink: false, sourceUrl: urls[5] });
  });
});

describe("uploads", () => {
  it("are stored and found by id and by public token", async () => {
    const up = await q.createUpload({
      id: "up-1",
      mediaKey: "uploads/up-1.png",
      mimeType: "image/png",
      bytes: 10,
      width: 1,
      height: 1,
      fileName: "a.png",
      publicToken: "up-token",
    });
    expect((await q.findUpload(up.id))!.fileName).toBe("a.png");
    expect((await q.findUploadByToken("up-token"))!.id).toBe(up.id);
  });
});
