// Uploads of input images for 3D jobs: PNG, JPEG or WebP by their bytes, at most 20 MB.
import { randomUUID } from "node:crypto";
import type { Metadata } from "sharp";
import { openImage } from "@/lib/media/decode";
import { z } from "zod";
import { requestClient, requestHasSession } from "@/lib/auth/access";
import { LIMITS, takeLimit, waitMessage } from "@/lib/auth/rate-limit";
import { createUpload, uploadBytesTotal } from "@/lib/db/outputs";
import { env } from "@/lib/env";
import { sameOrigin } from "@/lib/http/same-origin";
import { apiError } from "@/lib/http/api-error";
import { newToken } from "@/lib/jobs/tokens";
import { describeType, sniff } from "@/lib/media/sniff";
import { writeMedia } from "@/lib/media/store";

export const dynamic = "force-dynamic";

const MAX_BYTES = 20 * 1024 * 1024;

const fileField = z.instanceof(File, { message: "Choose an image file to upload." });

export async function POST(req: Request) {
  if (!(await requestHasSession(req)))
    return apiError(401, "unauthorized", "Sign in to upload images.");
  if (!sameOrigin(req, env().allowedHosts))
    return apiError(403, "forbidden", "Uploads are accepted only from the studio's own page.");
  const wait = await takeLimit(LIMITS.upload, requestClient(req));
  if (wait > 0) {
    return apiError(429, "rate_limited", `Too many uploads. Try again in ${waitMessage(wait)}.`, {
      "retry-after": String(Math.ceil(wait / 1000)),
    });
  }
  const length = req.headers.get("content-length");
  // Without a declared length the body could be anything long; browsers always send one.
  if (length === null)
    return apiError(411, "invalid_input", "The upload must say how large it is.");
  const declared = Number(length);
  if (declared > MAX_BYTES + 64 * 1024) {
    return apiError(
      413,
      "too_large",
      `This image is ${(declared / 1024 / 1024).toFixed(1)} MB; the largest accepted is 20 MB.`,
    );
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return apiError(400, "invalid_input", "The upload could not be read. Choose the file again.");
  }
  const parsed = fileField.safeParse(form.get("file"));
  if (!parsed.success) return apiError(400, "invalid_input", parsed.error.issues[0].message);
  const file = parsed.data;
  const name = file.name.slice(0, 120) || "image";
  if (file.size > MAX_BYTES) {
    return apiError(
      413,
      "too_large",
      `“${name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; the largest image accepted is 20 MB.`,
    );
  }
  if (file.size === 0) return apiError(400, "invalid_input", `“${name}” is empty.`);
  const bytes = Buffer.from(await file.arrayBuffer());
  const type = await sniff(bytes);
  if (!type || type.kind !== "image") {
    return apiError(
      415,
      "invalid_input",
      `“${name}” is not a PNG, JPEG or WebP image (its contents look like ${await describeType(bytes)}), whatever its name says.`,
    );
  }
  let meta: Metadata;
  try {
    meta = await openImage(bytes).metadata();
    if (!meta.width || !meta.height) throw new Error("no size");
  } catch {
    return apiError(
      415,
      "invalid_input",
      `“${name}” looks like an image but could not be decoded.`,
    );
  }
  const quota = env().uploadQuotaBytes;
  const used = await uploadBytesTotal();
  if (used + bytes.length > quota) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
    return apiError(
      507,
      "too_large",
      `The studio's upload space is full (${mb(used)} of ${mb(quota)} used). Delete old jobs or raise UPLOAD_QUOTA_MB, then try again.`,
    );
  }
  const id = randomUUID();
  const mediaKey = `uploads/${id}.${type.ext}`;
  await writeMedia(mediaKey, bytes);
  await createUpload({
    id,
    mediaKey,
    mimeType: type.mime,
    bytes: bytes.length,
    width: meta.width,
    height: meta.height,
    fileName: name,
    publicToken: newToken(),
  });
  return Response.json({
    ok: true,
    upload: { id, url: `/media/${mediaKey}`, width: meta.width, height: meta.height },
  });
}
