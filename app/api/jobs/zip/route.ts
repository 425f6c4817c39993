// Many jobs in one ZIP download: GET ?ids=a,b,c, or a POST form with the field `ids` (comma-
// separated or repeated) for selections too long for a URL. Streamed as it is made.
import { z } from "zod";
import { requestHasSession } from "@/lib/auth/access";
import { JOB_IDS_MAX } from "@/lib/gallery/schemas";
import { findZipJobs, zipJobs } from "@/lib/gallery/zip";
import { apiError } from "@/lib/http/api-error";
import { attachment } from "@/lib/media/download-name";
import { openMedia } from "@/lib/media/store";

export const dynamic = "force-dynamic";

const jobId = z.string().uuid();

/** The ids asked for, or the error answer that says what is wrong with them. */
function readIds(values: string[]): string[] | Response {
  const ids = [...new Set(values.flatMap((v) => v.split(/[\s,]+/)).filter(Boolean))];
  if (ids.length === 0)
    return apiError(400, "invalid_input", "Choose at least one job to download.");
  if (ids.length > JOB_IDS_MAX) {
    return apiError(
      413,
      "too_large",
      `Download at most ${JOB_IDS_MAX} jobs at once (${ids.length} were chosen).`,
    );
  }
  const bad = ids.find((id) => !jobId.safeParse(id).success);
  if (bad !== undefined) {
    return apiError(400, "invalid_input", `“${bad.slice(0, 40)}” is not a job id.`);
  }
  return ids;
}

async function zipOf(values: string[]): Promise<Response> {
  const ids = readIds(values);
  if (ids instanceof Response) return ids;
  const jobs = await findZipJobs(ids);
  if (jobs.length === 0) return apiError(404, "not_found", "None of these jobs exist any more.");
  const found = new Set(jobs.map((j) => j.id));
  const body = zipJobs(jobs, { open: openMedia, notFound: ids.filter((id) => !found.has(id)) });
  return new Response(body, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": attachment(`hunyuan-studio-${jobs.length}-jobs.zip`),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

export async function GET(req: Request) {
  if (!(await requestHasSession(req))) return apiError(401, "unauthorized", "Sign in to download.");
  return zipOf(new URL(req.url).searchParams.getAll("ids"));
}

export async function POST(req: Request) {
  if (!(await requestHasSession(req))) return apiError(401, "unauthorized", "Sign in to download.");
  let values: string[];
  try {
    const form = await req.formData();
    values = form.getAll("ids").filter((v): v is string => typeof v === "string");
  } catch {
    return apiError(400, "invalid_input", "Send the job ids as a form field named ids.");
  }
  return zipOf(values);
}
