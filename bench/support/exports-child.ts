// Run by bench/exports.ts in a process of its own (under react-server, with a temporary
// DATA_DIR): builds one textured sphere, stores it as an original, and asks the studio's public
// export function for each format in turn, measuring time, peak RSS and the event loop's
// longest stall during each. Prints one line: RESULT <json>.
//
//   node --conditions=react-server --import tsx bench/support/exports-child.ts FACES
import { readFileSync, writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const FORMATS = ["obj", "stl", "simplified"] as const;

function vm(field: "VmHWM" | "VmRSS"): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Resets the kernel's peak-RSS mark; false where that is not allowed. */
function resetPeak(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const faces = Number(process.argv[2]);
  const { buildSphereGlb } = await import("@/lib/media/mesh/test-fixtures");
  const { writeMedia, statMedia } = await import("@/lib/media/store");
  const { meshExport } = await import("@/lib/media/exports");
  const { SIMPLIFY_DEFAULT } = await import("@/lib/media/export-targets");

  // A tiny export first, so the worker's start (tsx loading the converters) is not charged to
  // whichever format happens to run first; it is reported on its own.
  const tiny = await buildSphereGlb({ triangles: 1000 });
  await writeMedia("outputs/bench-warmup/0.glb", tiny.glb);
  const w0 = performance.now();
  await meshExport({
    outputId: "bench-warmup",
    mediaKey: "outputs/bench-warmup/0.glb",
    format: "stl",
  });
  const warmupMs = performance.now() - w0;

  const fixture = await buildSphereGlb({ triangles: faces, textureSize: 1024 });
  const mediaKey = `outputs/bench-${faces}/0.glb`;
  await writeMedia(mediaKey, fixture.glb);
  // The same stall measure over a second of doing nothing: the machine's own noise.
  const idle = monitorEventLoopDelay({ resolution: 5 });
  idle.enable();
  await new Promise((r) => setTimeout(r, 1000));
  idle.disable();
  const idleStallMs = idle.max / 1e6;

  const results = [];
  for (const format of FORMATS) {
    global.gc?.();
    await new Promise((r) => setTimeout(r, 200));
    const peakReset = resetPeak();
    const rssBefore = vm("VmRSS");
    let sampledPeak = rssBefore;
    const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, vm("VmRSS"))), 20);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const t0 = performance.now();
    const made = await meshExport({
      outputId: `bench-${faces}`,
      mediaKey,
      format,
      faces: SIMPLIFY_DEFAULT,
      triangles: fixture.triangles,
    });
    const elapsed = performance.now() - t0;
    delay.disable();
    clearInterval(sampler);
    if (!made) throw new Error(`no ${format} export: the original was not found`);
    results.push({
      format,
      faces: fixture.triangles,
      originalBytes: fixture.glb.byteLength,
      ms: elapsed,
      bytes: (await statMedia(made.key))?.size ?? null,
      rssBefore,
      peakRss: peakReset ? Math.max(vm("VmHWM"), sampledPeak) : sampledPeak,
      peakFrom: peakReset ? "VmHWM" : "sampled every 20 ms",
      stallMs: delay.max / 1e6,
      simplifiedTo: made.faces ?? null,
      warmupMs,
      idleStallMs,
    });
  }
  console.log(`RESULT ${JSON.stringify(results)}`);
  process.exit(0);
}

/** For bench/exports.ts, which runs this file in a process of its own. */
export const EXPORTS_CHILD = __filename;

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
