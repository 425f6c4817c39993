import "server-only";
// The poll step: reads one job's status at the gateway with the key and moves the job as the
// answer says. A webhook or a browser can only ask for this step to run sooner.
import { randomUUID } from "node:crypto";
import { completeJob, findJob, updateJobIf } from "@/lib/db/jobs";
import { GatewayError } from "@/lib/gateway/errors";
import type { StatusResponse } from "@/lib/gateway/models";
import { callbackBaseUrl, gatewayClient } from "@/lib/gateway/configured";
import { cachedEstimate } from "./estimates";
import { TRACKED_STATES, isTracked, type OutputState } from "./states";
import { newToken } from "./tokens";
import { transition } from "./transitions";

/**
 * Reads the status of one QUEUED or PROCESSING job whose lease this process holds. Returns
 * true when the job completed and its outputs now wait to be downloaded.
 */
export async function pollJob(jobId: string, now: Date): Promise<boolean> {
  const job = await findJob(jobId);
  if (!job?.requestId || !isTracked(job.state)) return false;
  const hasWebhook = Boolean(callbackBaseUrl());
  let answer: StatusResponse;
  try {
    answer = await gatewayClient().status(job.requestId);
  } catch (err) {
    const error = err instanceof GatewayError ? err : null;
    const move = transition(job, { type: "statusReadFailed", error, detail: String(err) }, now);
    if (move) await updateJobIf(jobId, TRACKED_STATES, move.patch);
    return false;
  }
  const estimateMs = await cachedEstimate(job.model);
  const move = transition(job, { type: "statusRead", answer, hasWebhook, estimateMs }, now);
  if (!move) return false;
  if (!move.outputUrls) {
    await updateJobIf(jobId, TRACKED_STATES, move.patch);
    return false;
  }
  const pending: OutputState = "PENDING";
  return completeJob(
    jobId,
    move.patch,
    move.outputUrls.map((sourceUrl, index) => ({
      id: randomUUID(),
      jobId,
      index,
      sourceUrl,
      state: pending,
      publicToken: newToken(),
    })),
  );
}
