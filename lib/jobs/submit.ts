import "server-only";
// The submit step: sends one job whose lease this process holds to the gateway and records
// the answer, and settles submits that a stopped process left half done.
import { findJob, releaseLease, updateJobAsOwner, updateJobIf } from "@/lib/db/jobs";
import { GatewayError } from "@/lib/gateway/errors";
import { MODELS, type ModelId } from "@/lib/gateway/models";
import { callbackBaseUrl, gatewayClient } from "@/lib/gateway/configured";
import { cachedEstimate } from "./estimates";
import { InputImageError, resolveInputImageUrl } from "./input-image";
import { transition, type JobFacts, type Move } from "./transitions";

const RECORD_TRIES = 5;

/** A job left SUBMITTING by a stopped process, once this process holds its lease. */
export async function recoverOrphan(job: JobFacts & { id: string }, now: Date): Promise<void> {
  const move = transition(job, { type: "orphaned" }, now);
  if (move) await updateJobIf(job.id, ["SUBMITTING"], move.patch);
}

function asOwner(jobId: string, owner: string, move: Move | null) {
  return move ? updateJobAsOwner(jobId, owner, move.patch) : Promise.resolve(false);
}

/** Submits one SUBMITTING job whose lease `owner` holds; every way out gives the lease back. */
export async function submitJob(jobId: string, owner: string): Promise<void> {
  const job = await findJob(jobId);
  if (!job || job.state !== "SUBMITTING") return void (await releaseLease(jobId, owner));
  const model = job.model as ModelId;
  const body = JSON.parse(job.params) as Record<string, unknown>;
  try {
    if (MODELS[model].kind === "mesh") {
      body.input_image_url = await resolveInputImageUrl(job);
    }
  } catch (err) {
    const known = err instanceof InputImageError;
    if (!known) console.error("[tracker] input image", err);
    const event = { type: "inputImageFailed", message: known ? err.message : null } as const;
    await asOwner(jobId, owner, transition(job, event, new Date()));
    return;
  }
  const base = callbackBaseUrl();
  const webhookUrl = base ? `${base}/api/webhooks/pixazo/${job.webhookToken}` : undefined;
  if (
    !(await updateJobAsOwner(jobId, owner, {
      sendingAt: new Date(),
      params: JSON.stringify(body),
    }))
  ) {
    return; // the lease ran out before sending: another process owns the job now
  }
  // Read before sending: once the gateway accepts, recording the job comes first.
  const estimateMs = await cachedEstimate(model);
  let requestId: string;
  try {
    ({ requestId } = await gatewayClient().submit(model, body, { webhookUrl }));
  } catch (err) {
    console.warn("[tracker] submit failed", jobId, String(err));
    const error = err instanceof GatewayError ? err : null;
    await asOwner(jobId, owner, transition(job, { type: "submitFailed", error }, new Date()));
    return;
  }
  // Accepted and paid for: record it, trying hard. If it cannot be recorded, the job stays
  // SUBMITTING with sendingAt set, and recovery marks it UNKNOWN rather than sending it again.
  const event = {
    type: "submitted",
    requestId,
    hasWebhook: Boolean(webhookUrl),
    estimateMs,
  } as const;
  const queued = transition(job, event, new Date());
  for (let attempt = 1; attempt <= RECORD_TRIES; attempt++) {
    try {
      if (!(await asOwner(jobId, owner, queued))) {
        console.error("[tracker] lease lost after submit; request id", requestId, "for job", jobId);
      }
      console.log("[tracker] submitted", { jobId, requestId });
      return;
    } catch (err) {
      console.error("[tracker] could not record request id", requestId, "for job", jobId, err);
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}
