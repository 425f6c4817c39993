import "server-only";
// Mesh downloads in the formats other tools need, made once from the stored original and
// kept in the media store. The converters run in worker threads (export-pool); concurrent
// requests for one export share one computation; simplified GLBs come at a fixed set of face
// counts; and each output keeps at most a configured number of export bytes, its oldest
// exports making way for a new one.
import { env } from "@/lib/env";
import { exportPool, ExportBusyError, type ExportPool } from "./export-pool";
import { SIMPLIFY_DEFAULT, simplifyTarget } from "./export-targets";
import { FORMATS, type Format } from "./formats";
import { deleteMedia, listKeys, readMedia, statMedia, writeMedia } from "./store";

export { ExportBusyError };

export type ExportFormat = "obj" | "stl" | "simplified";

/** The file each export is stored and served as; OBJ comes zipped with its MTL and textures. */
export const EXPORT_FILE: Record<ExportFormat, Format> = {
  obj: FORMATS.zip,
  stl: FORMATS.stl,
  simplified: FORMATS.glb,
};

/** An export bigger on its own than an output's share of the media store. */
export class ExportTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExportTooLargeError";
  }
}

export interface ExportRequest {
  outputId: string;
  mediaKey: string;
  format: ExportFormat;
  /** For "simplified": the face count asked for; it is rounded down to a bucket. */
  faces?: number;
  /** The mesh's own triangle count, when known; simplified exports never go above it. */
  triangles?: number | null;
}

export interface MeshExport {
  key: string;
  file: Format;
  /** For "simplified": the face count the export was made at. */
  faces?: number;
}

function exportKey(outputId: string, format: ExportFormat, tag?: string): string {
  const ext = EXPORT_FILE[format].ext;
  return format === "simplified"
    ? `exports/${outputId}/simplified-${tag}.${ext}`
    : `exports/${outputId}/model.${ext}`;
}

const mb = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MB`;
const REMEMBERED_REFUSALS = 1000;

export function createMeshExporter(deps: {
  pool: () => ExportPool;
  maxBytesPerOutput: () => number;
}) {
  const inflight = new Map<string, Promise<boolean>>();
  // Sizes of exports bigger than the whole cap, so asking again is refused without converting.
  const tooBig = new Map<string, number>();
  // Per output, so two exports finishing together cannot both count the same free room.
  const commits = new Map<string, Promise<void>>();

  function refuseIfTooBig(key: string, bytes: number | undefined): void {
    const cap = deps.maxBytesPerOutput();
    if (bytes === undefined || bytes <= cap) return;
    if (tooBig.size >= REMEMBERED_REFUSALS) tooBig.delete(tooBig.keys().next().value!);
    tooBig.set(key, bytes);
    throw new ExportTooLargeError(
      `This export is ${mb(bytes)}, more than the ${mb(cap)} of exports the studio keeps per model. Download the GLB instead.`,
    );
  }

  /** Deletes the output's oldest exports until `bytes` more fit under the cap. */
  async function makeRoom(outputId: string, key: string, bytes: number): Promise<void> {
    const cap = deps.maxBytesPerOutput();
    const keys = (await listKeys(`exports/${outputId}`)).filter((k) => k !== key);
    const stats = await Promise.all(keys.map(async (k) => ({ key: k, stat: await statMedia(k) })));
    const kept = stats.flatMap(({ key: k, stat }) => (stat ? [{ key: k, ...stat }] : []));
    let total = kept.reduce((sum, f) => sum + f.size, 0);
    for (const oldest of kept.sort((x, y) => x.mtimeMs - y.mtimeMs)) {
      if (total + bytes <= cap) break;
      await deleteMedia(oldest.key);
      total -= oldest.size;
    }
  }

  async function commit(outputId: string, key: string, bytes: Uint8Array): Promise<void> {
    refuseIfTooBig(key, bytes.byteLength);
    const previous = commits.get(outputId) ?? Promise.resolve();
    const mine = previous.then(async () => {
      await makeRoom(outputId, key, bytes.byteLength);
      await writeMedia(key, bytes);
    });
    const tail = mine.catch(() => {});
    commits.set(outputId, tail);
    try {
      await mine;
    } finally {
      if (commits.get(outputId) === tail) commits.delete(outputId);
    }
  }

  async function make(req: ExportRequest, key: string, faces: number): Promise<boolean> {
    if (await statMedia(key)) return true;
    // Refuse before reading or converting anything when the answer is already known.
    refuseIfTooBig(key, tooBig.get(key));
    const pool = deps.pool();
    if (!pool.hasRoom()) throw new ExportBusyError();
    const original = await readMedia(req.mediaKey);
    if (!original) return false;
    const glb = new Uint8Array(original.buffer, original.byteOffset, original.byteLength);
    const bytes = await pool.run({ format: req.format, glb, faces });
    await commit(req.outputId, key, bytes);
    return true;
  }

  /** The stored export, made first if need be; null when the original is missing. */
  return async function meshExport(req: ExportRequest): Promise<MeshExport | null> {
    const target =
      req.format === "simplified"
        ? simplifyTarget(req.faces ?? SIMPLIFY_DEFAULT, req.triangles ?? null)
        : null;
    const key = exportKey(req.outputId, req.format, target?.tag);
    let job = inflight.get(key);
    if (!job) {
      job = make(req, key, target?.faces ?? 0).finally(() => inflight.delete(key));
      inflight.set(key, job);
    }
    if (!(await job)) return null;
    return { key, file: EXPORT_FILE[req.format], ...(target && { faces: target.faces }) };
  };
}

export const meshExport = createMeshExporter({
  pool: exportPool,
  maxBytesPerOutput: () => env().exportMaxBytesPerOutput,
});
