// Mesh exports (OBJ zip, STL, simplified GLB) of 150k/500k/1M-face textured meshes through the
// studio's public export function (lib/media/exports.ts, which runs converters in worker
// threads): time, peak RSS and the event loop's longest stall during each. One process per
// mesh size, so peaks are not inherited from a bigger mesh before it.
import { mb, ms, type BenchOptions, type Row } from "./support/report";
import { EXPORTS_CHILD } from "./support/exports-child";
import { runServerScript, withScope } from "./support/scope";

interface ExportResult {
  format: "obj" | "stl" | "simplified";
  faces: number;
  originalBytes: number;
  ms: number;
  bytes: number | null;
  rssBefore: number;
  peakRss: number;
  peakFrom: string;
  stallMs: number;
  simplifiedTo: number | null;
  warmupMs: number;
  idleStallMs: number;
}

const STALL_LIMIT_MS = 100;
const LABEL = { obj: "OBJ zip", stl: "STL", simplified: "Simplified GLB" } as const;

export async function run({ quick }: BenchOptions): Promise<Row[]> {
  const sizes = quick ? [150_000] : [150_000, 500_000, 1_000_000];
  const rows: Row[] = [];
  for (const faces of sizes) {
    const results = await withScope(async (scope) => {
      const dataDir = scope.tempDir("exports");
      const out = await runServerScript(
        scope,
        EXPORTS_CHILD,
        [String(faces)],
        {
          DATA_DIR: dataDir,
          DATABASE_URL: "",
          MEDIA_DIR: "",
          MEDIA_STORE: "",
          EXPORT_CONCURRENCY: "1",
          EXPORT_MAX_MB_PER_OUTPUT: "100000",
          NODE_OPTIONS: "--expose-gc",
        },
        quick ? 180_000 : 900_000,
      );
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (!line) throw new Error(`the export process printed no result: ${out.slice(-800)}`);
      return JSON.parse(line.slice(7)) as ExportResult[];
    });
    for (const r of results) {
      const stallOk = r.stallMs <= STALL_LIMIT_MS;
      const size =
        r.faces >= 1e6
          ? `${(r.faces / 1e6).toFixed(1)}M faces`
          : `${Math.round(r.faces / 1000)}k faces`;
      rows.push({
        figure: `Export ${LABEL[r.format]} (${size})`,
        measured: `${ms(r.ms)}, peak RSS ${mb(r.peakRss)}, stall ${ms(r.stallMs)}`,
        baseline: `RSS ${mb(r.rssBefore)} before; idle stall ${ms(r.idleStallMs)}`,
        target: `time and RSS reported; stall ≤ ${STALL_LIMIT_MS} ms`,
        pass: stallOk,
        note: [
          `${mb(r.originalBytes)} original → ${r.bytes === null ? "?" : mb(r.bytes)}`,
          r.simplifiedTo ? `simplified to ${r.simplifiedTo.toLocaleString("en-US")} faces` : "",
          `peak from ${r.peakFrom}, whole process with its export worker (started beforehand in ${ms(r.warmupMs)})`,
          stallOk ? "" : `MISSED: the event loop stalled ${ms(r.stallMs)} (> ${STALL_LIMIT_MS} ms)`,
        ]
          .filter(Boolean)
          .join("; "),
      });
    }
  }
  return rows;
}
