import "server-only";
// Worker threads for mesh exports, so converting a 1.5M-face mesh never stalls the studio's
// event loop. At most `size` exports run at once; one more is refused straight away
// (ExportBusyError) instead of queued, so a burst of requests piles up neither work nor memory.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { env } from "@/lib/env";
import type { ExportJob, ExportReply } from "./mesh/export-worker";
import { MeshParseError } from "./mesh/io";

// Resolved at run time from the project folder: Next bundles server code, and the worker must
// load the TypeScript sources themselves (through tsx, a dependency), not a bundle.
const WORKER_FILE = path.join(
  /*turbopackIgnore: true*/ process.cwd(),
  "lib/media/mesh/export-worker.ts",
);
const IDLE_MS = 60_000;
const RETRY_AFTER_SECONDS = 5;

export class ExportBusyError extends Error {
  readonly retryAfterSeconds = RETRY_AFTER_SECONDS;
  constructor() {
    super("The studio is busy making other exports. Try again in a moment.");
    this.name = "ExportBusyError";
  }
}

export interface ExportPool {
  /** Throws ExportBusyError when every slot is taken. The job's `glb` buffer is transferred. */
  run(job: Omit<ExportJob, "id">): Promise<Uint8Array>;
  /** Whether a job started now would get a slot. */
  hasRoom(): boolean;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  current: { id: number; resolve: (b: Uint8Array) => void; reject: (e: Error) => void } | null;
  idleTimer?: NodeJS.Timeout;
}

/**
 * A worker loads `file` through tsx's API. The code is evaluated rather than passed as a file
 * because Node 20 does not apply `--import` loaders to a worker's entry file.
 */
function bootstrap(file: string): string {
  const url = JSON.stringify(pathToFileURL(file).href);
  return `import("tsx/esm/api").then(({ tsImport }) => tsImport(${url}, ${url}));`;
}

export function createExportPool(opts: {
  size: number;
  idleMs?: number;
  workerFile?: string;
}): ExportPool {
  const slots = new Set<Slot>();
  let active = 0;
  let nextId = 1;

  function spawn(): Slot {
    // execArgv is not inherited: the parent's loaders (tsx's CLI, vitest) are not the worker's.
    const worker = new Worker(bootstrap(opts.workerFile ?? WORKER_FILE), {
      eval: true,
      execArgv: [],
    });
    const slot: Slot = { worker, current: null };
    worker.on("message", (reply: ExportReply) => settle(slot, reply));
    worker.on("error", (err) => drop(slot, err));
    worker.on("exit", (code) => drop(slot, new Error(`The export worker exited (code ${code}).`)));
    slots.add(slot);
    return slot;
  }

  function finish(slot: Slot) {
    slot.current = null;
    active--;
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => {
      slots.delete(slot);
      void slot.worker.terminate();
    }, opts.idleMs ?? IDLE_MS);
    slot.idleTimer.unref();
  }

  function settle(slot: Slot, reply: ExportReply) {
    const job = slot.current;
    if (!job || reply.id !== job.id) return;
    finish(slot);
    if (reply.ok) job.resolve(reply.bytes);
    else if (reply.error.parse) job.reject(new MeshParseError(reply.error.message));
    else job.reject(new Error(`The export failed: ${reply.error.message}`));
  }

  /** A worker that crashed or exited takes its job down with it and leaves the pool. */
  function drop(slot: Slot, err: Error) {
    slots.delete(slot);
    clearTimeout(slot.idleTimer);
    const job = slot.current;
    if (!job) return;
    slot.current = null;
    active--;
    job.reject(err);
    void slot.worker.terminate();
  }

  return {
    hasRoom: () => active < opts.size,

    async run(job) {
      if (active >= opts.size) throw new ExportBusyError();
      const slot = [...slots].find((s) => !s.current) ?? spawn();
      active++;
      clearTimeout(slot.idleTimer);
      slot.worker.ref();
      const id = nextId++;
      const glb = ownBuffer(job.glb);
      return new Promise<Uint8Array>((resolve, reject) => {
        slot.current = { id, resolve, reject };
        slot.worker.postMessage({ ...job, id, glb } satisfies ExportJob, [
          glb.buffer as ArrayBuffer,
        ]);
      });
    },

    async close() {
      const all = [...slots];
      slots.clear();
      await Promise.all(all.map((s) => (clearTimeout(s.idleTimer), s.worker.terminate())));
    },
  };
}

/** A buffer of its own, so it can be transferred instead of copied. */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : bytes.slice();
}

const cache = globalThis as { studioExportPool?: ExportPool };

/** The process's pool, sized by EXPORT_CONCURRENCY; kept across dev reloads. */
export function exportPool(): ExportPool {
  cache.studioExportPool ??= createExportPool({ size: env().exportConcurrency });
  return cache.studioExportPool;
}
