// The gallery's actions against a real SQLite database and media folder: boards, favorites,
// deleting jobs with their files, and stopping the tracking of a job.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Prisma } from "@/lib/db/generated/client";
import { openTestDatabase } from "@/lib/db/test-database";
import type { JobState } from "@/lib/jobs/states";

const t = await openTestDatabase();
const a = await import("./gallery-actions");
const { writeMedia, statMedia } = await import("@/lib/media/store");
const boardsRoute = await import("@/app/api/boards/route");
const { db } = t;

afterAll(() => t.close());

beforeEach(async () => {
  await db.board.deleteMany();
  await db.deletedJob.deleteMany();
  await db.job.deleteMany();
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
      prompt: `a teapot ${serial}`,
      params: "{}",
      state,
      webhookToken: `token-${serial}`,
      ...data,
    },
  });
}

function ok<T>(r: { ok: true; data: T } | { ok: false; code: string; message: string }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.data;
}

const version = async (id: string) => (await db.job.findUniqueOrThrow({ where: { id } })).version;

describe("boards", () => {
  it("creates, renames and deletes a board, with names trimmed", async () => {
    const made = ok(await a.createBoard({ name: "  Moodboard   spring \n" }));
    expect(made.name).toBe("Moodboard spring");
    const renamed = ok(await a.renameBoard({ id: made.id, name: "Spring" }));
    expect(renamed).toEqual({ id: made.id, name: "Spring" });
    expect(ok(await a.deleteBoard({ id: made.id }))).toEqual({ id: made.id });
    expect(await db.board.count()).toBe(0);
    // Twice is fine: another tab may have deleted it first.
    expect((await a.deleteBoard({ id: made.id })).ok).toBe(true);
  });

  it("refuses a name another board has, in any letter case", async () => {
    const first = ok(await a.createBoard({ name: "Café Shots" }));
    const again = await a.createBoard({ name: "CAFÉ shots" });
    expect(again).toMatchObject({
      ok: false,
      code: "conflict",
      message: "A board named “Café Shots” already exists.",
      fieldErrors: { name: "A board named “Café Shots” already exists." },
    });
    const other = ok(await a.createBoard({ name: "Other" }));
    expect(await a.renameBoard({ id: other.id, name: "café shots" })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    // A board may change the case of its own name.
    expect(ok(await a.renameBoard({ id: first.id, name: "café shots" })).name).toBe("café shots");
  });

  it("asks for a name of 1 to 80 characters", async () => {
    expect(await a.createBoard({ name: "   " })).toMatchObject({
      ok: false,
      code: "invalid_input",
      message: "Give the board a name.",
    });
    expect(await a.createBoard({})).toMatchObject({ message: "Give the board a name." });
    expect(await a.createBoard({ name: "x".repeat(81) })).toMatchObject({
      ok: false,
      message: "Name the board in at most 80 characters.",
    });
    expect(ok(await a.createBoard({ name: "🌸".repeat(80) })).name).toHaveLength(160);
  });

  it("says when the board to rename or fill is gone", async () => {
    const id = randomUUID();
    const job = await makeJob();
    for (const r of [
      await a.renameBoard({ id, name: "x" }),
      await a.addToBoard({ boardId: id, jobIds: [job.id] }),
      await a.removeFromBoard({ boardId: id, jobIds: [job.id] }),
    ]) {
      expect(r).toMatchObject({
        ok: false,
        code: "not_found",
        message: "That board no longer exists.",
      });
    }
  });

  it("adds and removes jobs, bumping only the jobs that changed", async () => {
    const board = ok(await a.createBoard({ name: "Picks" }));
    const [j1, j2, j3] = [await makeJob(), await makeJob(), await makeJob()];
    const gone = randomUUID();
    const added = ok(await a.addToBoard({ boardId: board.id, jobIds: [j1.id, j2.id, gone] }));
    expect(added).toEqual({ boardId: board.id, jobIds: [j1.id, j2.id] });
    expect([await version(j1.id), await version(j3.id)]).toEqual([1, 0]);
    // Adding again changes nothing.
    ok(await a.addToBoard({ boardId: board.id, jobIds: [j1.id] }));
    expect(await version(j1.id)).toBe(1);

    const res = await boardsRoute.GET(new Request("http://studio.test/api/boards"));
    expect(await res.json()).toEqual({ boards: [{ id: board.id, name: "Picks", count: 2 }] });

    const removed = ok(await a.removeFromBoard({ boardId: board.id, jobIds: [j1.id, j3.id] }));
    expect(removed.jobIds).toEqual([j1.id, j3.id]);
    expect([await version(j1.id), await version(j3.id)]).toEqual([2, 0]);
    expect(await db.boardJob.count()).toBe(1);

    // Deleting the board keeps the job and bumps it (it lost a board id).
    ok(await a.deleteBoard({ id: board.id }));
    expect(await version(j2.id)).toBe(2);
    expect(await db.boardJob.count()).toBe(0);
  });

  it("lists boards by name with counts of jobs still in the gallery", async () => {
    const b = ok(await a.createBoard({ name: "beta" }));
    ok(await a.createBoard({ name: "Alpha" }));
    ok(await a.createBoard({ name: "board 10" }));
    ok(await a.createBoard({ name: "board 9" }));
    const hidden = await makeJob("COMPLETED", { hiddenAt: new Date() });
    ok(await a.addToBoard({ boardId: b.id, jobIds: [(await makeJob()).id, hidden.id] }));
    const { boards } = await (await boardsRoute.GET(new Request("http://studio.test/x"))).json();
    expect(boards.map((x: { name: string }) => x.name)).toEqual([
      "Alpha",
      "beta",
      "board 9",
      "board 10",
    ]);
    expect(boards[1].count).toBe(1);
  });

  it("takes 1 to 500 job ids", async () => {
    const board = ok(await a.createBoard({ name: "Many" }));
    expect(await a.addToBoard({ boardId: board.id, jobIds: [] })).toMatchObject({
      ok: false,
      message: "Choose at least one job.",
    });
    const many = Array.from({ length: 501 }, () => randomUUID());
    expect(await a.addToBoard({ boardId: board.id, jobIds: many })).toMatchObject({
      ok: false,
      message: "Choose at most 500 jobs at once.",
    });
  });
});

describe("setFavorites", () => {
  it("stars and unstars, bumping the jobs that changed", async () => {
    const [j1, j2] = [await makeJob(), await makeJob("COMPLETED", { favorite: true })];
    const r = ok(await a.setFavorites({ jobIds: [j1.id, j2.id, randomUUID()], favorite: true }));
    expect(r).toEqual({ jobIds: [j1.id, j2.id] });
    const rows = await db.job.findMany({ orderBy: { webhookToken: "asc" } });
    expect(rows.map((x) => [x.favorite, x.version])).toEqual([
      [true, 1],
      [true, 0],
    ]);
    ok(await a.setFavorites({ jobIds: [j1.id], favorite: false }));
    expect((await db.job.findUniqueOrThrow({ where: { id: j1.id } })).favorite).toBe(false);
  });
});

describe("deleteJobs", () => {
  it("deletes finished jobs with their files and refuses jobs in flight, saying why", async () => {
    const done = await makeJob("COMPLETED");
    const key = `outputs/${done.id}/0.png`;
    await writeMedia(key, new Uint8Array([1]));
    await db.output.create({
      data: {
        id: randomUUID(),
        jobId: done.id,
        index: 0,
        sourceUrl: "x",
        state: "STORED",
        publicToken: randomUUID(),
        mediaKey: key,
      },
    });
    const flying = await makeJob("QUEUED");
    const r = ok(await a.deleteJobs({ jobIds: [done.id, flying.id] }));
    expect(r).toEqual({
      deleted: [done.id],
      refused: [
        { id: flying.id, reason: "still in flight: stop tracking it or wait until it ends" },
      ],
    });
    expect(await statMedia(key)).toBeNull();
    // The second tab's request finds it gone: reported deleted, not an error.
    expect(ok(await a.deleteJobs({ jobIds: [done.id] }))).toEqual({
      deleted: [done.id],
      refused: [],
    });
    expect(await a.deleteJobs({ jobIds: ["x"] })).toMatchObject({
      ok: false,
      code: "invalid_input",
    });
  });
});
