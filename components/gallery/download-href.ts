// Links to download an output under a readable name; the name follows the one rule in
// lib/media/download-name, and the media route applies it again before sending the file.
import type { BrowserJob, BrowserOutput } from "@/lib/jobs/browser-job";
import { fileStem } from "@/lib/media/download-name";

/** `?name=` for the media route or an export: the first 40 characters of the prompt. */
export function promptStem(job: BrowserJob, fallback: string): string {
  return fileStem(job.prompt.slice(0, 40), fallback);
}

/** An image output, named after its prompt and its place in the job: `a-cat-on-a-mat-2.png`. */
export function imageDownloadHref(job: BrowserJob, output: BrowserOutput): string {
  const name = `${promptStem(job, job.model)}-${output.index + 1}`;
  return `${output.downloadUrl}&name=${encodeURIComponent(name)}`;
}
