// The queue panel's data against a real SQLite database: order, places and estimates.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Prisma } from "@/lib/db/generated/client";
import { openTestDatabase } from "@/lib/db/test-database";
import type { JobState } from "@/lib/jobs/states";

const t = await openTestDatabase();
const { loadQueue } = await import("./queue");
const { median } = await import("@/lib/jobs/estimates");
const route = await import("@/app/api/queue/route");
const { db } = t;

afterAll(() => t.close());
beforeEach(() => db.job.deleteMany());

const T0 = new Date("2030-01-01T00:00:00Z").getTime();
const at = (s: number) => new Date(T0 + s * 1000);

function makeJob(state: JobState, data: Partial<Prisma.JobUncheckedCreateInput> = {}) {
  return db.job.create({
    data: {
      id: randomUUID(),
      kind: "image",
      model: "hunyuan-image",
      prompt: "a vase",
      params: "{}",
      state,
      webhookToken: randomUUID(),
      ...data,
    },
  });
}

/** A completed job that ran `seconds` from being sent to finishing. */
function finished(model: string, seconds: number, endedAt: number) {
  return makeJob("COMPLETED", {
    model,
    submittedAt: at(endedAt - seconds),
    finishedAt: at(endedAt),
  });
}

describe("median", () => {
  it("is the middle value, or the mean of the middle two", () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([1, 2, 3, 10])).toBe(3);
  });
});

describe("loadQueue", () => {
  it("lists jobs in flight oldest first, with places among the waiting ones", async () => {
    const processing = await makeJob("PROCESSING", {
      createdAt: at(0),
      submittedAt: at(10),
      startedAt: at(20),
    });
    const w1 = await makeJob("WAITING", { createdAt: at(30) });
    const queued = await makeJob("QUEUED", {
      kind: "mesh",
      model: "hunyuan3d-3-0-api-294",
      createdAt: at(40),
      submittedAt: at(45),
    });
    const w2 = await makeJob("WAITING", { createdAt: at(50) });
    await makeJob("COMPLETED", { createdAt: at(5) });
    await makeJob("UNKNOWN", { createdAt: at(6) });

    const q = await loadQueue(at(100));
    expect(q.inFlight).toBe(4);
    expect(q.jobs.map((j) => [j.id, j.state, j.place, j.elapsedMs])).toEqual([
      [processing.id, "PROCESSING", null, 90_000],
      [w1.id, "WAITING", 1, 70_000],
      [queued.id, "QUEUED", null, 55_000],
      [w2.id, "WAITING", 2, 50_000],
    ]);
    expect(q.jobs[2]).toMatchObject({
      kind: "mesh",
      modelLabel: "Hunyuan3D 3.0",
      submittedAt: at(45).toISOString(),
      startedAt: null,
      estimateMs: null,
    });
  });

  it("estimates from the median of the model's last 20 completed jobs", async () => {
    // 25 older jobs of 1000 s fall out of the window; the last 20 take 10..200 s.
    for (let i = 0; i < 25; i++) await finished("hunyuan-image", 1000, 1000 + i);
    for (let i = 1; i <= 20; i++) await finished("hunyuan-image", i * 10, 5000 + i);
    await finished("hunyuan-image-3-0-instruct", 7, 6000);
    await makeJob("FAILED", { submittedAt: at(0), finishedAt: at(9000) });
    await makeJob("QUEUED", { createdAt: at(7000) });
    await makeJob("WAITING", { model: "hunyuan-image-3-0-instruct", createdAt: at(7001) });
    await makeJob("WAITING", { model: "hunyuan3d-3-0-api-294", createdAt: at(7002) });

    const q = await loadQueue(at(8000));
    expect(q.jobs.map((j) => [j.model, j.estimateMs])).toEqual([
      ["hunyuan-image", 105_000],
      ["hunyuan-image-3-0-instruct", 7000],
      ["hunyuan3d-3-0-api-294", null],
    ]);
  });

  it("is served at /api/queue", async () => {
    await makeJob("WAITING");
    const res = await route.GET(new Request("http://studio.test/api/queue"));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.inFlight).toBe(1);
    expect(body.jobs[0]).toMatchObject({ state: "WAITING", place: 1, estimateMs: null });
  });
});
