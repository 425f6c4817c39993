// Reads the generation data out of a file dropped on the composer (the file is the request's
// body), so the composer can offer "Use all parameters" from it. Nothing is stored.
import { requestClient, requestHasSession } from "@/lib/auth/access";
import { LIMITS, takeLimit, waitMessage } from "@/lib/auth/rate-limit";
import { env } from "@/lib/env";
import { apiError } from "@/lib/http/api-error";
import { sameOrigin } from "@/lib/http/same-origin";
import { readGenerationData } from "@/lib/media/generation-data/read";

export const dynamic = "force-dynamic";

/** A 1.5M-face textured GLB is about 60 MB. */
const MAX_BYTES = 80 * 1024 * 1024;

export async function POST(req: Request) {
  if (!(await requestHasSession(req)))
    return apiError(401, "unauthorized", "Sign in to read files.");
  if (!sameOrigin(req, env().allowedHosts))
    return apiError(403, "forbidden", "Files are read only from the studio's own page.");
  const wait = await takeLimit(LIMITS.upload, requestClient(req));
  if (wait > 0) {
    return apiError(429, "rate_limited", `Too many files. Try again in ${waitMessage(wait)}.`, {
      "retry-after": String(Math.ceil(wait / 1000)),
    });
  }
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (!Number.isFinite(declared)) {
    return apiError(411, "invalid_input", "The file must say how large it is.");
  }
  if (declared > MAX_BYTES) {
    return apiError(413, "too_large", "This file is larger than any the studio makes (80 MB).");
  }
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.length === 0) return apiError(400, "invalid_input", "The file is empty.");
  const result = await readGenerationData(bytes.subarray(0, MAX_BYTES));
  if (!result.ok) return apiError(422, "unprocessable", result.message);
  return Response.json(result.data);
}
