import "server-only";
// A job's output as downloaded: the stored file with the job's generation data inside. The
// stored original is never changed; the data is added to the copy sent.
import sharp from "sharp";
import { findJob } from "@/lib/db/jobs";
import { formatOfName } from "@/lib/media/formats";
import { embedInGlb } from "./glb";
import { embedInImage } from "./image";
import { generationDataOf } from "./schema";

/** The job an output key (`outputs/<job id>/<index>.<ext>`) belongs to. */
function jobIdOfKey(key: string): string | null {
  const [top, jobId, file] = key.split("/");
  return top === "outputs" && jobId && file ? jobId : null;
}

/** Whether a stored key gets generation data when downloaded. */
export function carriesGenerationData(key: string): boolean {
  const format = formatOfName(key);
  return jobIdOfKey(key) !== null && (format?.kind === "image" || format?.kind === "mesh");
}

/** The file's bytes with its job's data inside; unchanged when the job is gone. */
export async function withGenerationData(key: string, bytes: Uint8Array): Promise<Uint8Array> {
  const jobId = jobIdOfKey(key);
  const format = formatOfName(key);
  const job = jobId ? await findJob(jobId) : null;
  if (!job || !format) return bytes;
  const data = generationDataOf(job);
  if (format.kind === "mesh") return embedInGlb(bytes, data);
  const meta = await sharp(bytes).metadata();
  return embedInImage(bytes, format.mime, data, {
    width: meta.width,
    height: meta.height,
    alpha: !!meta.hasAlpha,
  });
}
