// Deleting jobs against a real SQLite database and media folder: rows, tombstones and files
// go; jobs in flight and images a 3D job in flight uses stay; deleting twice is fine.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { JobState } from "@/lib/jobs/states";
import type { Prisma } from "./generated/client";
import { openTestDatabase } from "./test-database";

const t = await openTestDatabase();
const { deleteJobs, IN_FLIGHT_REASON, INPUT_IN_USE_REASON } = await import("./deletion");
const { writeMedia, statMedia, listKeys } = await import("@/lib/media/store");
const { db } = t;

afterAll(() => t.close());

beforeEach(async () => {
  await db.board.deleteMany();
  await db.deletedJob.deleteMany();
  await db.job.deleteMany();
  await db.upload.deleteMany();
});

let serial = 0;
function makeJob(
  state: JobState = "COMPLETED",
  data: Partial<Prisma.JobUncheckedCreateInput> = {},
) {
  serial++;
  return db.job.create({
    data: {
      id: randomUUID(),
      kind: "image",
      model: "hunyuan-image",
      prompt: `a lamp ${serial}`,
      params: "{}",
      state,
      webhookToken: `token-${serial}`,
      ...data,
    },
  });
}

const bytes = new Uint8Array([1, 2, 3]);

/** A finished job with one stored output and every file the studio keeps for it. */
async function jobWithFiles(kind: "image" | "mesh" = "image") {
  const job = await makeJob("COMPLETED", { kind });
  const outputId = randomUUID();
  const ext = kind === "mesh" ? "glb" : "png";
  const keys = {
    mediaKey: `outputs/${job.id}/0.${ext}`,
    thumbKey: kind === "mesh" ? `thumbs/${outputId}-model.webp` : `thumbs/${job.id}/0.webp`,
    previewKey: kind === "mesh" ? `previews/${job.id}/0.glb` : null,
  };
  await db.output.create({
    data: {
      id: outputId,
      jobId: job.id,
      index: 0,
      sourceUrl: "https://cdn.example/0",
      state: "STORED",
      publicToken: randomUUID(),
      ...keys,
    },
  });
  const exportKey = `exports/${outputId}/model.stl`;
  for (const k of [keys.mediaKey, keys.thumbKey, keys.previewKey, exportKey]) {
    if (k) await writeMedia(k, bytes);
  }
  return { job, outputId, keys: [keys.mediaKey, keys.thumbKey, keys.previewKey, exportKey] };
}

describe("deleteJobs", () => {
  it("deletes rows, outputs, board links and files, and leaves a tombstone", async () => {
    const image = await jobWithFiles("image");
    const mesh = await jobWithFiles("mesh");
    const kept = await jobWithFiles("image");
    await writeMedia("uploads/shared.png", bytes);
    const board = await db.board.create({ data: { id: randomUUID(), name: "b" } });
    await db.boardJob.create({ data: { boardId: board.id, jobId: image.job.id } });
    const now = new Date("2030-01-01T00:00:00Z");

    const r = await deleteJobs([image.job.id, mesh.job.id], now);
    expect(r).toEqual({ deleted: [image.job.id, mesh.job.id], refused: [] });
    expect(await db.job.count()).toBe(1);
    expect(await db.output.count()).toBe(1);
    expect(await db.boardJob.count()).toBe(0);
    expect(await db.board.count()).toBe(1);
    const tombs = await db.deletedJob.findMany({ orderBy: { id: "asc" } });
    expect(tombs.map((d) => [d.id, d.deletedAt.getTime()])).toEqual(
      [image.job.id, mesh.job.id].sort().map((id) => [id, now.getTime()]),
    );
    for (const k of [...image.keys, ...mesh.keys]) if (k) expect(await statMedia(k)).toBeNull();
    for (const k of kept.keys) if (k) expect(await statMedia(k)).not.toBeNull();
    expect(await statMedia("uploads/shared.png")).not.toBeNull();
    expect(await listKeys(`outputs/${image.job.id}`)).toEqual([]);
  });

  it("refuses jobs in flight, and finished images a 3D job in flight uses", async () => {
    const flying = await Promise.all(
      (["WAITING", "SUBMITTING", "QUEUED", "PROCESSING"] as const).map((s) => makeJob(s)),
    );
    const source = await jobWithFiles("image");
    await makeJob("QUEUED", { kind: "mesh", inputOutputId: source.outputId });
    const done = await makeJob("FAILED");
    const r = await deleteJobs([...flying.map((j) => j.id), source.job.id, done.id]);
    expect(r.deleted).toEqual([done.id]);
    expect(r.refused).toEqual([
      ...flying.map((j) => ({ id: j.id, reason: IN_FLIGHT_REASON })),
      { id: source.job.id, reason: INPUT_IN_USE_REASON },
    ]);
    expect(IN_FLIGHT_REASON).toBe("still in flight: stop tracking it or wait until it ends");
    expect(await db.job.count()).toBe(6);
    expect(await statMedia(source.keys[0]!)).not.toBeNull();
  });

  it("is idempotent: deleting again, or at once from two tabs, reports the jobs deleted", async () => {
    const a = await jobWithFiles();
    const b = await jobWithFiles();
    const [first, second] = await Promise.all([
      deleteJobs([a.job.id, b.job.id]),
      deleteJobs([b.job.id, a.job.id]),
    ]);
    expect(first).toEqual({ deleted: [a.job.id, b.job.id], refused: [] });
    expect(second).toEqual({ deleted: [b.job.id, a.job.id], refused: [] });
    expect(await db.deletedJob.count()).toBe(2);
    expect(await deleteJobs([a.job.id])).toEqual({ deleted: [a.job.id], refused: [] });
    expect(await db.deletedJob.count()).toBe(2);
  });

  it("does not fail when files are already gone", async () => {
    const b = await makeJob("COMPLETED");
    await db.output.create({
      data: {
        id: randomUUID(),
        jobId: b.id,
        index: 0,
        sourceUrl: "x",
        state: "STORED",
        publicToken: randomUUID(),
        mediaKey: `outputs/${b.id}/0.png`,
      },
    });
    expect(await deleteJobs([b.id])).toEqual({ deleted: [b.id], refused: [] });
  });

  it("prunes tombstones older than eight days", async () => {
    const now = new Date("2030-01-10T00:00:00Z");
    await db.deletedJob.create({
      data: { id: "old", deletedAt: new Date("2030-01-01T00:00:00Z") },
    });
    await db.deletedJob.create({
      data: { id: "recent", deletedAt: new Date("2030-01-05T00:00:00Z") },
    });
    await deleteJobs([(await makeJob()).id], now);
    expect((await db.deletedJob.findMany()).map((d) => d.id).sort()).not.toContain("old");
    expect(await db.deletedJob.count()).toBe(2);
  });
});
