// The gallery seeder against a real SQLite database and media folder: what it makes, and its
// refusal to seed a database holding jobs it did not make.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase } from "@/lib/db/test-database";
import { isEnded } from "@/lib/jobs/states";

const t = await openTestDatabase();
const { SEED_TOKEN_PREFIX, SeedRefusedError, seedGallery, seedRefusal, seedTarget } =
  await import("./seed");
const { makeRng, planJob } = await import("./seed-plan");
const { writeMedia, statMedia } = await import("@/lib/media/store");
const { db } = t;

afterAll(() => t.close());
beforeEach(() => db.job.deleteMany());

const now = new Date("2030-06-01T00:00:00Z");
const seed = (count: number, force = false) =>
  seedGallery({ db, write: writeMedia, count, force, now, seed: 7 });

function realJob() {
  return db.job.create({
    data: {
      id: randomUUID(),
      kind: "image",
      model: "hunyuan-image",
      prompt: "a real job",
      params: "{}",
      state: "COMPLETED",
      webhookToken: "real-token",
    },
  });
}

describe("seedRefusal", () => {
  it("lets an empty or seeded-only database be seeded, and refuses others unless forced", () => {
    expect(seedRefusal({ seeded: 0, foreign: 0 }, false)).toBeNull();
    expect(seedRefusal({ seeded: 50, foreign: 0 }, false)).toBeNull();
    expect(seedRefusal({ seeded: 0, foreign: 1 }, false)).toMatch(
      /^This database has 1 job the seeder did not make\..*--force/,
    );
    expect(seedRefusal({ seeded: 3, foreign: 12 }, false)).toMatch(/has 12 jobs/);
    expect(seedRefusal({ seeded: 0, foreign: 12 }, true)).toBeNull();
  });
});

describe("seedGallery", () => {
  it("makes finished jobs with their files, each marked as seeded", async () => {
    const report = await seed(40);
    expect(report.jobs).toBe(40);
    const jobs = await db.job.findMany({ include: { outputs: true } });
    expect(jobs).toHaveLength(40);
    expect(jobs.every((j) => j.webhookToken.startsWith(SEED_TOKEN_PREFIX))).toBe(true);
    expect(jobs.every((j) => isEnded(j.state))).toBe(true);
    expect(new Set(jobs.map((j) => j.model)).size).toBeGreaterThan(1);
    const outputs = jobs.flatMap((j) => j.outputs);
    expect(outputs).toHaveLength(report.outputs);
    const keys = outputs.flatMap((o) => [o.mediaKey, o.thumbKey, o.previewKey]).filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(report.files);
    for (const k of keys) expect(await statMedia(k!)).not.toBeNull();
    for (const j of jobs) {
      expect(j.createdAt.getTime()).toBeLessThan(now.getTime());
      expect(j.finishedAt!.getTime()).toBeGreaterThan(j.createdAt.getTime());
      if (j.state !== "COMPLETED")
        expect([j.outputs.length, j.errorMessage]).toEqual([0, expect.any(String)]);
    }
    expect(await seedTarget(db)).toEqual({ seeded: 40, foreign: 0 });
    // A second run adds to its own jobs.
    await seed(5);
    expect(await db.job.count()).toBe(45);
  });

  it("refuses a database with jobs it did not make, and seeds it when forced", async () => {
    await realJob();
    await expect(seed(3)).rejects.toBeInstanceOf(SeedRefusedError);
    expect(await db.job.count()).toBe(1);
    await seed(3, true);
    expect(await seedTarget(db)).toEqual({ seeded: 3, foreign: 1 });
  });
});

describe("planJob", () => {
  it("is repeatable from its seed and mostly completed", () => {
    const plan = (s: number) =>
      Array.from(
        { length: 400 },
        (
          (r) => () =>
            planJob(r, now)
        )(makeRng(s)),
      );
    const a = plan(1);
    expect(JSON.stringify(a)).toBe(JSON.stringify(plan(1)));
    const completed = a.filter((p) => p.state === "COMPLETED").length;
    expect(completed / a.length).toBeGreaterThan(0.8);
    expect(a.some((p) => p.state === "FAILED") && a.some((p) => p.state === "ERROR")).toBe(true);
    expect(a.some((p) => p.mesh)).toBe(true);
    const v3 = a.filter((p) => p.model === "hunyuan-image");
    expect(v3.every((p) => p.seed !== null && p.params.seed === p.seed)).toBe(true);
    const days = a.map((p) => (now.getTime() - p.createdAt.getTime()) / 86_400_000);
    expect(Math.max(...days)).toBeGreaterThan(60);
    expect(Math.max(...days)).toBeLessThanOrEqual(121);
  });
});
