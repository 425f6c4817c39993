// The ZIP download against a real SQLite database and media folder, read back with fflate.
import { randomUUID } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Prisma } from "@/lib/db/generated/client";
import { openTestDatabase } from "@/lib/db/test-database";

const t = await openTestDatabase();
const route = await import("./route");
const { writeMedia } = await import("@/lib/media/store");
const { findZipJobs, zipJobs } = await import("@/lib/gallery/zip");
const { db } = t;

afterAll(() => t.close());
beforeEach(() => db.job.deleteMany());

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const glb = new TextEncoder().encode("glTF-binary");

async function makeJob(
  prompt: string,
  outputs: { state?: string; ext?: string; write?: Uint8Array | null }[],
  data: Partial<Prisma.JobUncheckedCreateInput> = {},
) {
  const job = await db.job.create({
    data: {
      id: randomUUID(),
      kind: "image",
      model: "hunyuan-image",
      prompt,
      params: JSON.stringify({ prompt, seed: 7, input_image_url: "https://x/secret-token" }),
      seed: 7,
      state: "COMPLETED",
      webhookToken: randomUUID(),
      createdAt: new Date("2030-01-01T00:00:00Z"),
      ...data,
    },
  });
  for (const [index, o] of outputs.entries()) {
    const mediaKey = `outputs/${job.id}/${index}.${o.ext ?? "png"}`;
    await db.output.create({
      data: {
        id: randomUUID(),
        jobId: job.id,
        index,
        sourceUrl: "x",
        state: o.state ?? "STORED",
        publicToken: randomUUID(),
        mediaKey: o.state === "PENDING" ? null : mediaKey,
      },
    });
    if (o.write) await writeMedia(mediaKey, o.write);
  }
  return job;
}

async function unzip(res: Response) {
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const json = (name: string) => JSON.parse(strFromU8(files[name]));
  return { files, names: Object.keys(files).sort(), json };
}

const get = (ids: string) =>
  route.GET(new Request(`http://studio.test/api/jobs/zip?ids=${encodeURIComponent(ids)}`));

describe("GET /api/jobs/zip", () => {
  it("streams each job's originals, its job.json and a manifest", async () => {
    const a = await makeJob("A red fox, in snow!", [{ write: png }, { write: png }]);
    const mesh = await makeJob("", [{ ext: "glb", write: glb }], {
      kind: "mesh",
      model: "hunyuan3d-3-0-api-294",
      seed: null,
    });
    const res = await get(`${a.id},${mesh.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="hunyuan-studio-2-jobs.zip"',
    );
    const { files, names, json } = await unzip(res);
    expect(names).toEqual([
      "A-red-fox-in-snow/1.png",
      "A-red-fox-in-snow/2.png",
      "A-red-fox-in-snow/job.json",
      "manifest.json",
      "model/1.glb",
      "model/job.json",
    ]);
    expect(files["A-red-fox-in-snow/1.png"]).toEqual(png);
    expect(files["model/1.glb"]).toEqual(glb);
    const settings = json("A-red-fox-in-snow/job.json");
    expect(settings).toMatchObject({
      id: a.id,
      prompt: "A red fox, in snow!",
      model: "hunyuan-image",
      modelLabel: "Hunyuan Image v3",
      seed: 7,
      params: { prompt: "A red fox, in snow!", seed: 7 },
      state: "COMPLETED",
      createdAt: "2030-01-01T00:00:00.000Z",
      files: [
        { name: "1.png", bytes: png.length },
        { name: "2.png", bytes: png.length },
      ],
      missing: [],
    });
    // The input image's link carries a public token: it stays out of the ZIP.
    expect(settings.params.input_image_url).toBeUndefined();
    const manifest = json("manifest.json");
    expect(manifest).toMatchObject({ jobCount: 2, fileCount: 3, missingCount: 0, notFound: [] });
    expect(manifest.jobs.map((j: { folder: string }) => j.folder)).toEqual([
      "A-red-fox-in-snow",
      "model",
    ]);
  });

  it("lists missing files and unknown jobs in the manifest instead of failing", async () => {
    const a = await makeJob("teapot", [{ write: null }, { state: "PENDING" }, { write: png }]);
    const b = await makeJob("teapot", [{ state: "FAILED" }]);
    const gone = randomUUID();
    const { names, json } = await unzip(await get(`${a.id},${gone},${b.id},${a.id}`));
    const second = `teapot-${b.id.slice(0, 8)}`;
    expect(names).toEqual([
      "manifest.json",
      `${second}/job.json`,
      "teapot/3.png",
      "teapot/job.json",
    ]);
    const manifest = json("manifest.json");
    expect(manifest.notFound).toEqual([gone]);
    expect(manifest.missingCount).toBe(3);
    expect(manifest.jobs[0].missing).toEqual([
      { name: "teapot/1.png", reason: "missing from the media store" },
      { name: "teapot/2.png", reason: "not downloaded from the gateway yet" },
    ]);
    expect(json(`${second}/job.json`).missing).toEqual([
      { name: "1.png", reason: "could not be downloaded from the gateway" },
    ]);
  });

  it("accepts a POST form with ids, comma-separated or repeated", async () => {
    const a = await makeJob("one", [{ write: png }]);
    const b = await makeJob("two", [{ write: png }]);
    const form = new FormData();
    form.append("ids", a.id);
    form.append("ids", ` ${b.id} ,`);
    const res = await route.POST(
      new Request("http://studio.test/api/jobs/zip", { method: "POST", body: form }),
    );
    expect(res.status).toBe(200);
    expect((await unzip(res)).names).toContain("two/1.png");
  });

  it("refuses bad ids, too many ids, and ids of which none exist", async () => {
    const bad = await get("123,not-a-job");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { code: "invalid_input", message: "“123” is not a job id." },
    });
    expect((await get("")).status).toBe(400);
    const many = await get(Array.from({ length: 501 }, () => randomUUID()).join(","));
    expect(many.status).toBe(413);
    expect((await many.json()).error.message).toMatch(/at most 500 jobs/);
    expect((await get(randomUUID())).status).toBe(404);
  });
});

describe("zipJobs", () => {
  it("opens files only as the download reaches them, and survives a file that breaks", async () => {
    const jobs = [];
    for (let i = 0; i < 5; i++) jobs.push(await makeJob(`job ${i}`, [{ write: png }]));
    const opened: string[] = [];
    const body = zipJobs(await findZipJobs(jobs.map((j) => j.id)), {
      open: async (key) => {
        opened.push(key);
        const broken = opened.length === 2;
        let pulls = 0;
        const stream = new ReadableStream<Uint8Array>({
          pull(c) {
            pulls++;
            if (pulls === 1) c.enqueue(png.slice(0, 3));
            else if (broken) c.error(new Error("disk on fire"));
            else if (pulls === 2) c.enqueue(png.slice(3));
            else c.close();
          },
        });
        return { body: stream, size: png.length, mtimeMs: 0 };
      },
    });
    const reader = body.getReader();
    const first = await reader.read();
    expect(opened.length).toBeLessThan(5);
    const chunks: Uint8Array[] = [first.value!];
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    const { json } = await unzip(new Response(new Blob(chunks as BlobPart[])));
    expect(opened).toHaveLength(5);
    expect(json("job-1/job.json").files).toEqual([{ name: "1.png", bytes: 3, incomplete: true }]);
    expect(json("job-2/job.json").files).toEqual([{ name: "1.png", bytes: png.length }]);
  });
});
