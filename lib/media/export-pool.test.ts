// The worker pool with real worker threads: the same bytes as converting in-process, errors
// that cross the thread boundary, the busy answer, and an event loop that keeps running while
// a 1.5M-face OBJ export is made.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { createExportPool, ExportBusyError } from "./export-pool";
import { createMeshExporter } from "./exports";
import { MeshParseError, toStl } from "./mesh";
import { buildSphereGlb, formatBytes, unzipText } from "./mesh/test-fixtures";
import { readMedia, writeMedia } from "./store";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-export-pool-test-"));
process.env.DATA_DIR = dir;
process.env.MEDIA_DIR = path.join(dir, "media");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PROBE_MS = 10;
const PROBE = `let last = performance.now(), max = 0;
setInterval(() => { const now = performance.now(); max = Math.max(max, now - last - ${PROBE_MS}); last = now; }, ${PROBE_MS});`;

/**
 * Longest gap between timer ticks beyond the interval while `work` runs, and the same for an
 * idle process beside it: when the host itself is overloaded, that one stalls too.
 */
async function longestStall<T>(work: () => Promise<T>) {
  const control = spawn(
    process.execPath,
    [
      "-e",
      `${PROBE} process.stdin.on("end", () => { console.log(Math.round(max)); process.exit(0); }).resume(); console.log("ready");`,
    ],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: control.stdout! })[Symbol.asyncIterator]();
  await lines.next();
  let last = performance.now();
  let stallMs = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last - PROBE_MS);
    last = now;
  }, PROBE_MS);
  try {
    const result = await work();
    stallMs = Math.max(stallMs, performance.now() - last - PROBE_MS);
    control.stdin!.end();
    const idleProcessMs = Number((await lines.next()).value);
    return { result, stallMs, idleProcessMs };
  } finally {
    clearInterval(probe);
    control.kill();
  }
}

describe("export pool", () => {
  it("makes the same bytes as the converters in-process, in a worker", async () => {
    const pool = createExportPool({ size: 2 });
    try {
      const fx = await buildSphereGlb({ triangles: 5_000, textureSize: 32 });
      const [stl, zip, simplified] = await Promise.all([
        pool.run({ format: "stl", glb: fx.glb.slice(), faces: 0 }),
        pool.run({ format: "obj", glb: fx.glb.slice(), faces: 0 }),
        pool.run({ format: "simplified", glb: fx.glb.slice(), faces: 1_000 }).catch((e) => e),
      ]);
      // Two slots: the third job was refused at once.
      expect(simplified).toBeInstanceOf(ExportBusyError);
      expect(Buffer.from(stl).equals(Buffer.from(await toStl(fx.glb)))).toBe(true);
      expect(Object.keys(unzipText(zip).files).sort()).toEqual([
        "model.mtl",
        "model.obj",
        "model_basecolor.png",
      ]);
      const small = await pool.run({ format: "simplified", glb: fx.glb.slice(), faces: 1_000 });
      expect(Buffer.from(small.subarray(0, 4)).toString()).toBe("glTF");
    } finally {
      await pool.close();
    }
  });

  it("brings a mesh parse error back as a MeshParseError, and keeps the worker", async () => {
    const pool = createExportPool({ size: 1 });
    try {
      const garbage = new TextEncoder().encode("not a mesh at all, just some text");
      const err = await pool.run({ format: "obj", glb: garbage, faces: 0 }).catch((e) => e);
      expect(err).toBeInstanceOf(MeshParseError);
      expect(err.message).toMatch(/Not a GLB file/);
      expect(pool.hasRoom()).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it("fails the job of a worker that dies, and frees its slot", async () => {
    const crashing = path.join(dir, "crashing-worker.mts");
    fs.writeFileSync(
      crashing,
      `import { parentPort } from "node:worker_threads";\nparentPort!.on("message", () => process.exit(3));\n`,
    );
    const pool = createExportPool({ size: 1, workerFile: crashing });
    try {
      const glb = new Uint8Array(16);
      await expect(pool.run({ format: "stl", glb, faces: 0 })).rejects.toThrow(/exited \(code 3\)/);
      expect(pool.hasRoom()).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it("keeps the event loop responsive while a 1.5M-face OBJ export runs", async () => {
    const fx = await buildSphereGlb({ triangles: 1_500_000, textureSize: 256 });
    const outputId = randomUUID();
    const mediaKey = `outputs/${outputId}/0.glb`;
    await writeMedia(mediaKey, fx.glb);
    const pool = createExportPool({ size: 1 });
    const meshExport = createMeshExporter({ pool: () => pool, maxBytesPerOutput: () => 2 ** 31 });
    try {
      const started = performance.now();
      const { result, stallMs, idleProcessMs } = await longestStall(() =>
        meshExport({ outputId, mediaKey, format: "obj" }),
      );
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const zip = await readMedia(result!.key);
      console.log(
        `[exports] longest event-loop stall during 1.5M-face OBJ export: ${stallMs.toFixed(0)} ms ` +
          `(${fx.triangles} faces, ${formatBytes(zip!.byteLength)} zip in ${seconds} s; ` +
          `an idle process beside it: ${idleProcessMs} ms)`,
      );
      const { files } = unzipText(zip!);
      expect(Object.keys(files).sort()).toEqual(["model.mtl", "model.obj", "model_basecolor.png"]);
      const head = new TextDecoder().decode(files["model.obj"].subarray(0, 40));
      expect(head.startsWith("# Hunyuan Studio OBJ export")).toBe(true);
      // 100 ms is the bound. A host so busy that an idle process stalls too (other suites running
      // on a 2-core machine) adds its own delay, which is not the export's doing.
      const hostDelay = idleProcessMs >= 50 ? idleProcessMs : 0;
      expect(stallMs, `an idle process beside it stalled ${idleProcessMs} ms`).toBeLessThan(
        100 + hostDelay,
      );
    } finally {
      await pool.close();
    }
  }, 300_000);
});
