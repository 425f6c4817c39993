// The gallery's queries against a real database: literal search, filters, keyset pages in both
// directions and the changes since a moment.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { GalleryQuery } from "@/lib/gallery/query";
import { openTestDatabase } from "./test-database";

const t = await openTestDatabase();
const g = await import("./gallery");
const jobs = await import("./jobs");
const { db } = t;

afterAll(() => t.close());

beforeEach(async () => {
  await db.boardJob.deleteMany();
  await db.board.deleteMany();
  await db.output.deleteMany();
  await db.job.deleteMany();
});

let clock = Date.parse("2026-06-01T12:00:00Z");

async function job(prompt: string, data: Record<string, unknown> = {}) {
  clock += 60_000;
  return jobs.createJobRow({
    id: randomUUID(),
    kind: "image",
    model: "hunyuan-image",
    prompt,
    params: "{}",
    state: "COMPLETED",
    webhookToken: randomUUID(),
    createdAt: new Date(clock),
    ...data,
  });
}

async function prompts(q: GalleryQuery) {
  const { rows } = await g.galleryPage(q, null, 100);
  return rows.map((r) => r.prompt);
}

describe("search", () => {
  it("matches prompt and negative prompt, ignoring case in any script", async () => {
    await job("A Red Teapot");
    await job("blue vase", { params: JSON.stringify({ negative_prompt: "no TEAPOTS please" }) });
    await job("ÉTÉ à Paris");
    expect(await prompts({ q: "été" })).toEqual(["ÉTÉ à Paris"]);
    await job("green chair");
    expect((await prompts({ q: "teapot" })).sort()).toEqual(["A Red Teapot", "blue vase"]);
  });

  it("treats %, _, quotes and emoji as literal text", async () => {
    await job("100% cotton");
    await job("100 cotton");
    await job("snake_case");
    await job("snakeXcase");
    await job(`she said "hi" and 'bye'`);
    await job("rocket 🚀 launch");
    expect(await prompts({ q: "100%" })).toEqual(["100% cotton"]);
    expect(await prompts({ q: "e_c" })).toEqual(["snake_case"]);
    expect(await prompts({ q: `"hi" and 'b` })).toEqual([`she said "hi" and 'bye'`]);
    expect(await prompts({ q: "🚀" })).toEqual(["rocket 🚀 launch"]);
    expect(await prompts({ q: "%" })).toEqual(["100% cotton"]);
  });
});

describe("filters", () => {
  it("by kind, model, state group, favourites, dates and board; hidden jobs never show", async () => {
    const a = await job("a", { kind: "mesh", model: "hunyuan3d-3-0-api-294" });
    await job("b", { state: "FAILED" });
    await job("c", { state: "PROCESSING", favorite: true });
    await job("d", { hiddenAt: new Date() });
    const e = await job("e", { createdAt: new Date("2026-01-15T10:00:00Z") });
    expect(await prompts({ kind: "mesh" })).toEqual(["a"]);
    expect(await prompts({ model: "hunyuan3d-3-0-api-294" })).toEqual(["a"]);
    expect(await prompts({ state: "failed" })).toEqual(["b"]);
    expect(await prompts({ state: "in-flight" })).toEqual(["c"]);
    expect(await prompts({ favorites: true })).toEqual(["c"]);
    expect(await prompts({ from: "2026-01-15", to: "2026-01-15" })).toEqual(["e"]);
    expect(await prompts({ to: "2026-01-14" })).toEqual([]);
    const board = await db.board.create({ data: { id: randomUUID(), name: "Picks" } });
    await db.boardJob.createMany({
      data: [a, e].map((j) => ({ boardId: board.id, jobId: j.id })),
    });
    expect((await prompts({ board: board.id })).sort()).toEqual(["a", "e"]);
    expect(await g.galleryCount({})).toBe(4);
  });
});

describe("keyset pages", () => {
  it("walk every job once, newest or oldest first, with ties on creation time", async () => {
    const same = new Date("2026-03-01T00:00:00Z");
    for (let i = 0; i < 7; i++) await job(`j${i}`, i % 3 === 0 ? { createdAt: same } : {});
    for (const sort of ["newest", "oldest"] as const) {
      const seen: string[] = [];
      let cursor = null;
      for (let n = 0; n < 10; n++) {
        const { rows, more } = await g.galleryPage({ sort }, cursor, 2);
        seen.push(...rows.map((r) => r.prompt));
        if (!more) break;
        const last = rows.at(-1)!;
        cursor = { createdAt: last.createdAt, id: last.id };
      }
      expect(seen.length).toBe(7);
      expect(new Set(seen).size).toBe(7);
    }
  });
});

describe("changes", () => {
  it("sends jobs changed in the view and names those that left it", async () => {
    const a = await job("kept");
    const b = await job("starred", { favorite: true });
    const since = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await db.job.update({ where: { id: a.id }, data: { version: { increment: 1 } } });
    await db.job.update({ where: { id: b.id }, data: { favorite: false } });
    const changed = await g.jobsChangedSince({}, since, 10);
    expect(changed.map((j) => j.id).sort()).toEqual([a.id, b.id].sort());
    // Changed and not in the view: the browser drops them if it shows them.
    expect(await g.jobsLeftViewSince({ favorites: true }, since)).toContain(b.id);
    expect(await g.jobsLeftViewSince({}, since)).toEqual([]);
    const untouched = await g.jobsChangedSince({}, new Date(Date.now() + 1000), 10);
    expect(untouched).toEqual([]);
  });
});
