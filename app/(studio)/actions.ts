"use server";
// The studio's server actions. Each one goes through `action`: access, zod, then the work.
import { isEnded } from "@/lib/jobs/states";
import { z } from "zod";
import { ActionError, action, clientKey } from "@/lib/auth/access";
import { LIMITS, takeLimit, waitMessage } from "@/lib/auth/rate-limit";
import { findJob, updateJob } from "@/lib/db/jobs";
import { generateInput } from "@/lib/gateway/models";
import { createJob, jobInputForRetry } from "@/lib/jobs/create";
import { fetchOutputAgain } from "@/lib/jobs/download";
import { InputImageError } from "@/lib/jobs/input-image";
import { tracker } from "@/lib/jobs/tracker";
import { toBrowserJob, type BrowserJob } from "@/lib/jobs/browser-job";

/** Gives the tracker a moment to send the job, so the answer already says QUEUED or why not. */
async function sendSoon(jobId: string): Promise<BrowserJob> {
  await Promise.race([tracker().kick(), new Promise((r) => setTimeout(r, 8000))]);
  const job = await findJob(jobId);
  if (!job) throw new Error(`job ${jobId} vanished`);
  return toBrowserJob(job);
}

async function limited() {
  const wait = await takeLimit(LIMITS.generate, await clientKey());
  if (wait > 0) {
    throw new ActionError(
      "rate_limited",
      `Too many jobs at once. Wait ${waitMessage(wait)} before sending another.`,
    );
  }
}

async function create(input: z.infer<typeof generateInput>, retryOf?: string) {
  try {
    return await createJob(input, retryOf);
  } catch (err) {
    if (err instanceof InputImageError)
      throw new ActionError("input_image", err.message, { input: err.message });
    throw err;
  }
}

export const generate = action(generateInput, async (input) => {
  await limited();
  const job = await create(input);
  return sendSoon(job.id);
});

export const retryJob = action(z.object({ jobId: z.string().uuid() }), async ({ jobId }) => {
  await limited();
  const original = await findJob(jobId);
  if (!original) throw new ActionError("not_found", "That job no longer exists.");
  if (!isEnded(original.state)) {
    throw new ActionError(
      "in_flight",
      "This job is still running; Retry is for jobs that have ended.",
    );
  }
  const input = await jobInputForRetry(jobId);
  if (!input) throw new ActionError("not_found", "That job no longer exists.");
  const parsed = generateInput.safeParse(input);
  if (!parsed.success)
    throw new ActionError("invalid_input", "This job's parameters can no longer be sent.");
  const job = await create(parsed.data, jobId);
  return sendSoon(job.id);
});

const jobRef = z.object({ jobId: z.string().uuid() });

/**
 * "Fetch again" on an output whose download failed: the studio asks the gateway for fresh links
 * and tries for another day. The job is not sent again, so nothing is paid twice.
 */
export const fetchAgain = action(
  z.object({ outputId: z.string().uuid() }),
  async ({ outputId }) => {
    const result = await fetchOutputAgain(outputId);
    if (result === "missing") throw new ActionError("not_found", "That output no longer exists.");
    if (result === "stored") throw new ActionError("stored", "This output is already saved.");
    if (result === "pending") {
      throw new ActionError("in_flight", "The studio is already fetching this output.");
    }
    void tracker().kick();
    return { outputId };
  },
);

export const setFavorite = action(
  jobRef.extend({ favorite: z.boolean() }),
  async ({ jobId, favorite }) => {
    if (!(await findJob(jobId))) throw new ActionError("not_found", "That job no longer exists.");
    await updateJob(jobId, { favorite });
    return { jobId, favorite };
  },
);

/** Takes a job out of the gallery. Its record and files stay, so "Undo" brings it back. */
export const hideJob = action(jobRef, async ({ jobId }) => {
  if (!(await findJob(jobId))) throw new ActionError("not_found", "That job no longer exists.");
  await updateJob(jobId, { hiddenAt: new Date() });
  return { jobId };
});

export const restoreJob = action(jobRef, async ({ jobId }) => {
  if (!(await findJob(jobId))) throw new ActionError("not_found", "That job no longer exists.");
  await updateJob(jobId, { hiddenAt: null });
  return { jobId };
});
