import "server-only";
// A ZIP of jobs, streamed as it is read: each job's original files under a folder named from
// its prompt, its settings as job.json, and a manifest of the whole. Files are read from the
// media store one at a time while the browser downloads, so nothing is held whole in memory.
// client-zip writes ZIP64 when it must (fflate's Zip cannot), so 500 large meshes still work.
import { makeZip } from "client-zip";
import { db } from "@/lib/db/client";
import { MODELS, type ModelId } from "@/lib/gateway/models";
import { sentParams } from "@/lib/jobs/browser-job";
import { fileStem } from "@/lib/media/download-name";
import { formatOfName } from "@/lib/media/formats";
import type { OpenedMedia } from "@/lib/media/store/types";

export async function findZipJobs(ids: string[]) {
  const rows = await db.job.findMany({
    where: { id: { in: ids } },
    include: {
      outputs: {
        orderBy: { index: "asc" },
        select: { id: true, index: true, state: true, mediaKey: true, mimeType: true },
      },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export type ZipJob = Awaited<ReturnType<typeof findZipJobs>>[number];

export interface ZipFile {
  name: string;
  bytes: number;
  /** The file ended early while it was read; what was read is in the ZIP. */
  incomplete?: true;
}

export interface ZipMissing {
  name: string;
  reason: string;
}

interface Entry {
  name: string;
  lastModified: Date;
  input: string | AsyncIterable<Uint8Array>;
}

/** A folder name per job, from its prompt; a clash (in any letter case) adds the id's start. */
export function jobFolders(jobs: Pick<ZipJob, "id" | "kind" | "prompt">[]): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const job of jobs) {
    const stem = fileStem(job.prompt, job.kind === "mesh" ? "model" : "image");
    let name = stem;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      name = n === 2 ? `${stem}-${job.id.slice(0, 8)}` : `${stem}-${job.id.slice(0, 8)}-${n}`;
    }
    used.add(name.toLowerCase());
    out.set(job.id, name);
  }
  return out;
}

function missingReason(state: string) {
  if (state === "PENDING") return "not downloaded from the gateway yet";
  if (state === "FAILED") return "could not be downloaded from the gateway";
  return "missing from the media store";
}

/** The job's settings as a person reads them; the input image's link (a credential) left out. */
export function jobJson(job: ZipJob, files: ZipFile[], missing: ZipMissing[]) {
  const params = sentParams(job.params);
  return {
    id: job.id,
    kind: job.kind,
    model: job.model,
    modelLabel: MODELS[job.model as ModelId]?.label ?? job.model,
    prompt: job.prompt,
    negativePrompt: job.negativePrompt,
    seed: job.seed,
    params,
    state: job.state,
    error: job.errorMessage,
    favorite: job.favorite,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    files,
    missing,
  };
}

/** The body's chunks; an error while reading ends the file early and is reported, not thrown. */
async function* guarded(body: ReadableStream<Uint8Array>, file: ZipFile) {
  const reader = body.getReader();
  let done = false;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      file.bytes += r.value.byteLength;
      yield r.value;
    }
    done = true;
  } catch (err) {
    done = true;
    file.incomplete = true;
    console.warn("[zip] a file ended early:", file.name, String(err));
  } finally {
    // The download was cancelled: let go of the file (or the bucket's response) now.
    if (!done) await reader.cancel().catch(() => undefined);
  }
}

export function zipJobs(
  jobs: ZipJob[],
  opts: {
    open: (key: string) => Promise<OpenedMedia | null>;
    notFound?: string[];
    now?: Date;
  },
): ReadableStream<Uint8Array> {
  const now = opts.now ?? new Date();
  const folders = jobFolders(jobs);
  async function* entries(): AsyncGenerator<Entry> {
    const manifest = [];
    for (const job of jobs) {
      const folder = folders.get(job.id)!;
      const when = job.finishedAt ?? job.createdAt;
      const files: ZipFile[] = [];
      const missing: ZipMissing[] = [];
      for (const o of job.outputs) {
        const ext = formatOfName(o.mediaKey ?? "")?.ext ?? (job.kind === "mesh" ? "glb" : "png");
        const name = `${o.index + 1}.${ext}`;
        const opened = o.state === "STORED" && o.mediaKey ? await opts.open(o.mediaKey) : null;
        if (!opened) {
          missing.push({ name, reason: missingReason(o.state) });
          continue;
        }
        const file: ZipFile = { name, bytes: 0 };
        files.push(file);
        // client-zip asks for the next entry only once this one is written whole.
        yield { name: `${folder}/${name}`, lastModified: when, input: guarded(opened.body, file) };
      }
      const settings = jobJson(job, files, missing);
      yield {
        name: `${folder}/job.json`,
        lastModified: when,
        input: `${JSON.stringify(settings, null, 2)}\n`,
      };
      manifest.push({
        id: job.id,
        folder,
        prompt: job.prompt,
        model: job.model,
        state: job.state,
        files: files.map((f) => ({ ...f, name: `${folder}/${f.name}` })),
        missing: missing.map((m) => ({ ...m, name: `${folder}/${m.name}` })),
      });
    }
    const body = {
      generator: "Hunyuan Studio",
      createdAt: now.toISOString(),
      jobCount: jobs.length,
      fileCount: manifest.reduce((n, j) => n + j.files.length, 0),
      missingCount: manifest.reduce((n, j) => n + j.missing.length, 0),
      notFound: opts.notFound ?? [],
      jobs: manifest,
    };
    yield { name: "manifest.json", lastModified: now, input: `${JSON.stringify(body, null, 2)}\n` };
  }
  return makeZip(entries(), { buffersAreUTF8: true });
}
