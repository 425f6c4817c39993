import "server-only";
// Creates jobs from validated input. A job is stored before anything is sent; the tracker
// sends it when a slot at the gateway is free.
import { randomInt, randomUUID } from "node:crypto";
import { MODELS, SEED_MAX, type GenerateInput } from "@/lib/gateway/models";
import { createJobRow, findJob } from "@/lib/db/jobs";
import { checkInput, ownBaseForGateway } from "./input-image";
import { newToken } from "./tokens";

export async function createJob(input: GenerateInput, retryOfId?: string) {
  const { model, ...rest } = input;
  const base = {
    id: randomUUID(),
    model,
    kind: MODELS[model].kind,
    state: "WAITING",
    webhookToken: newToken(),
    retryOfId: retryOfId ?? null,
  };
  if (model === "hunyuan3d-3-0-api-294") {
    const { inputOutputId, inputUploadId, ...params } = rest as Extract<
      GenerateInput,
      { model: typeof model }
    >;
    const ref = { inputOutputId: inputOutputId ?? null, inputUploadId: inputUploadId ?? null };
    // Refuse now, before anything is stored or sent, if the gateway could not fetch the image.
    await checkInput(ref);
    await ownBaseForGateway();
    return createJobRow({
      ...base,
      ...ref,
      prompt: params.prompt ?? "",
      params: JSON.stringify(params),
    });
  }
  const params = { ...rest } as Record<string, unknown>;
  // Every image can be reproduced: when no seed is given, the studio picks one and sends it.
  // Other optional fields left unset stay out (JSON drops them), so the gateway's defaults apply.
  if (model === "hunyuan-image" && params.seed === undefined) params.seed = randomInt(0, SEED_MAX);
  return createJobRow({
    ...base,
    prompt: String(params.prompt),
    seed: typeof params.seed === "number" ? params.seed : null,
    params: JSON.stringify(params),
  });
}

/** A new job with the same parameters as an ended one. */
export async function jobInputForRetry(jobId: string): Promise<GenerateInput | null> {
  const job = await findJob(jobId);
  if (!job) return null;
  const params = JSON.parse(job.params) as Record<string, unknown>;
  delete params.input_image_url;
  return {
    ...params,
    model: job.model,
    ...(job.inputOutputId ? { inputOutputId: job.inputOutputId } : {}),
    ...(job.inputUploadId ? { inputUploadId: job.inputUploadId } : {}),
  } as GenerateInput;
}
