// A worker thread that turns GLB bytes into an export, so the studio's event loop never runs
// the converters. It computes bytes and hands them back; the main thread writes them to the
// media store. Started by lib/media/export-pool.ts through tsx; it must not import
// "server-only" modules (a worker is outside the server bundle).
import os from "node:os";
import { parentPort } from "node:worker_threads";
import { MeshParseError } from "./io";
import { toObjZip } from "./obj";
import { simplifyGlb } from "./simplify";
import { toStl } from "./stl";

export interface ExportJob {
  id: number;
  format: "obj" | "stl" | "simplified";
  glb: Uint8Array;
  /** For "simplified": the target face count. */
  faces: number;
}

export type ExportReply =
  | { id: number; ok: true; bytes: Uint8Array }
  | { id: number; ok: false; error: { parse: boolean; message: string } };

async function computeExport(job: ExportJob): Promise<Uint8Array> {
  if (job.format === "obj") return toObjZip(job.glb, "model");
  if (job.format === "stl") return toStl(job.glb);
  return (await simplifyGlb(job.glb, job.faces)).glb;
}

/** A buffer of its own, so it can be transferred instead of copied. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : bytes.slice();
}

// On Linux a nice value belongs to a thread, so this lowers only this worker: the scheduler then
// gives the studio's event loop the CPU first whenever both want it. (Elsewhere it would lower
// the whole process, so it is left alone.)
if (process.platform === "linux") {
  try {
    os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // not permitted: run at normal priority
  }
}

const port = parentPort;
port?.on("message", async (job: ExportJob) => {
  let reply: ExportReply;
  try {
    const bytes = ownBuffer(await computeExport(job));
    reply = { id: job.id, ok: true, bytes };
    port.postMessage(reply, [bytes.buffer as ArrayBuffer]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    reply = { id: job.id, ok: false, error: { parse: err instanceof MeshParseError, message } };
    port.postMessage(reply);
  }
});
