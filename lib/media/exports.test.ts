// Exports against a real media folder: shared computations, the busy answer and the byte cap
// with a stand-in pool whose jobs finish when the test says so; buckets with the real workers.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { createExportPool, type ExportPool } from "./export-pool";
import { SIMPLIFY_TAGS } from "./export-targets";
import { createMeshExporter, ExportBusyError, ExportTooLargeError } from "./exports";
import type { ExportJob } from "./mesh/export-worker";
import { buildSphereGlb } from "./mesh/test-fixtures";
import { readMedia, writeMedia } from "./store";

// Read lazily by env(), so setting them before the first test is early enough.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-exports-test-"));
process.env.DATA_DIR = dir;
process.env.MEDIA_DIR = path.join(dir, "media");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A pool of `size` slots whose jobs wait for `finish()` and answer `bytesFor(job)`. */
function heldPool(size: number, bytesFor: (job: Omit<ExportJob, "id">) => number = () => 100) {
  const jobs: Omit<ExportJob, "id">[] = [];
  const waiting: (() => void)[] = [];
  let active = 0;
  const pool: ExportPool = {
    hasRoom: () => active < size,
    async run(job) {
      if (active >= size) throw new ExportBusyError();
      active++;
      jobs.push(job);
      await new Promise<void>((resolve) => waiting.push(resolve));
      active--;
      return new Uint8Array(bytesFor(job)).fill(7);
    },
    close: async () => {},
  };
  const finish = async () => {
    while (waiting.length === 0) await new Promise((r) => setTimeout(r, 5));
    for (const resolve of waiting.splice(0)) resolve();
  };
  /** Waits until `n` jobs have reached the pool: asking sooner races the files being read. */
  const started = async (n: number) => {
    while (jobs.length < n) await new Promise((r) => setTimeout(r, 5));
  };
  return { pool, jobs, finish, started };
}

async function storedOutput(): Promise<{ outputId: string; mediaKey: string }> {
  const outputId = randomUUID();
  const mediaKey = `outputs/${outputId}/0.glb`;
  await writeMedia(mediaKey, new Uint8Array(64).fill(1));
  return { outputId, mediaKey };
}

const exportFiles = (outputId: string) => {
  const folder = path.join(env().mediaDir, "exports", outputId);
  return fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => !f.startsWith(".")) : [];
};

describe("mesh exports", () => {
  it("shares one computation between concurrent requests for the same export", async () => {
    const held = heldPool(1);
    const meshExport = createMeshExporter({ pool: () => held.pool, maxBytesPerOutput: () => 1e9 });
    const out = await storedOutput();
    const asks = [
      meshExport({ ...out, format: "simplified", faces: 12_000, triangles: 90_000 }),
      meshExport({ ...out, format: "simplified", faces: 24_999, triangles: 90_000 }),
      meshExport({ ...out, format: "simplified", faces: 10_000, triangles: 90_000 }),
    ];
    await held.finish();
    const made = await Promise.all(asks);
    expect(held.jobs).toHaveLength(1);
    expect(held.jobs[0]).toMatchObject({ format: "simplified", faces: 10_000 });
    expect(new Set(made.map((m) => m?.key))).toEqual(
      new Set([`exports/${out.outputId}/simplified-10000.glb`]),
    );
    expect(made[0]?.faces).toBe(10_000);
    // Made once, then served from the store.
    expect(await meshExport({ ...out, format: "simplified", faces: 11_111 })).toEqual(made[0]);
    expect(held.jobs).toHaveLength(1);
  });

  it("answers busy beyond the concurrency cap, but lets a same-export request join", async () => {
    const held = heldPool(1);
    const meshExport = createMeshExporter({ pool: () => held.pool, maxBytesPerOutput: () => 1e9 });
    const out = await storedOutput();
    const first = meshExport({ ...out, format: "obj" });
    const joined = meshExport({ ...out, format: "obj" });
    await held.started(1);
    await expect(meshExport({ ...out, format: "stl" })).rejects.toBeInstanceOf(ExportBusyError);
    await held.finish();
    expect((await first)?.key).toBe(`exports/${out.outputId}/model.zip`);
    expect(await joined).toEqual(await first);
    expect(held.jobs).toHaveLength(1);
    // The slot is free again.
    const stl = meshExport({ ...out, format: "stl" });
    await held.finish();
    expect((await stl)?.key).toBe(`exports/${out.outputId}/model.stl`);
    const busy = new ExportBusyError();
    expect(busy.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("makes room under the byte cap by deleting the output's oldest exports", async () => {
    const sizes = { obj: 600, stl: 500, simplified: 300 };
    const held = heldPool(1, (job) => sizes[job.format]);
    const meshExport = createMeshExporter({ pool: () => held.pool, maxBytesPerOutput: () => 1000 });
    const out = await storedOutput();
    const make = async (format: "obj" | "stl" | "simplified") => {
      const made = meshExport({ ...out, format, faces: 1_000 });
      await held.finish();
      expect(await made).not.toBeNull();
      return exportFiles(out.outputId).sort();
    };

    expect(await make("obj")).toEqual(["model.zip"]);
    // 600 + 500 > 1000: the OBJ goes.
    expect(await make("stl")).toEqual(["model.stl"]);
    expect(await make("simplified")).toEqual(["model.stl", "simplified-1000.glb"]);
    // 800 + 600 > 1000: the oldest (the STL) goes, and that is enough.
    expect(await make("obj")).toEqual(["model.zip", "simplified-1000.glb"]);
    expect(held.jobs).toHaveLength(4);
  });

  it("refuses an export bigger than the whole cap, and remembers it", async () => {
    const held = heldPool(1, () => 5000);
    const meshExport = createMeshExporter({ pool: () => held.pool, maxBytesPerOutput: () => 1000 });
    const out = await storedOutput();
    const obj = meshExport({ ...out, format: "obj" });
    const refused = expect(obj).rejects.toThrow(/This export is 1 MB, more than the 1 MB/);
    await held.finish();
    await refused;
    expect(exportFiles(out.outputId)).toEqual([]);
    // Refused again without converting again.
    await expect(meshExport({ ...out, format: "obj" })).rejects.toBeInstanceOf(ExportTooLargeError);
    expect(held.jobs).toHaveLength(1);
  });

  it("answers null when the original is missing", async () => {
    const held = heldPool(1);
    const meshExport = createMeshExporter({ pool: () => held.pool, maxBytesPerOutput: () => 1e9 });
    const made = await meshExport({
      outputId: randomUUID(),
      mediaKey: "outputs/x/0.glb",
      format: "stl",
    });
    expect(made).toBeNull();
    expect(held.jobs).toHaveLength(0);
  });

  it("stores at most the bucket count of files for 200 distinct face counts", async () => {
    const pool = createExportPool({ size: 1 });
    let computed = 0;
    const counting: ExportPool = { ...pool, run: (job) => (computed++, pool.run(job)) };
    const meshExport = createMeshExporter({ pool: () => counting, maxBytesPerOutput: () => 1e9 });
    const fx = await buildSphereGlb({ triangles: 30_000 });
    const outputId = randomUUID();
    const mediaKey = `outputs/${outputId}/0.glb`;
    await writeMedia(mediaKey, fx.glb);
    try {
      // Spread from 100 to 1.5M, so every bucket is asked for.
      const faces = Array.from({ length: 200 }, (_, i) => Math.round(100 * 15_000 ** (i / 199)));
      expect(new Set(faces).size).toBe(200);
      for (const f of faces) {
        await meshExport({
          outputId,
          mediaKey,
          format: "simplified",
          faces: f,
          triangles: fx.triangles,
        });
      }
      const files = exportFiles(outputId);
      console.log(
        `[exports] 200 distinct face counts → ${files.length} files: ${files.sort().join(", ")}`,
      );
      expect(files.length).toBeLessThanOrEqual(SIMPLIFY_TAGS.length);
      // 1k, 2.5k, 5k, 10k, 25k and the full mesh for everything at or above its 30k faces.
      expect(files).toHaveLength(6);
      expect(computed).toBe(6);
      const full = await readMedia(`exports/${outputId}/simplified-full.glb`);
      expect(full?.subarray(0, 4).toString()).toBe("glTF");
    } finally {
      await pool.close();
    }
  });
});
