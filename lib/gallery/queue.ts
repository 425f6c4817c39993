import "server-only";
// The queue panel: every job still in flight, oldest first, with its place among the waiting
// ones, how long it has been going, and how long jobs of its model usually take.
import { db } from "@/lib/db/client";
import { waitingPlaces } from "@/lib/db/jobs";
import { modelEstimate } from "@/lib/jobs/estimates";
import { MODELS, type ModelId } from "@/lib/gateway/models";
import { IN_FLIGHT_STATES, type JobState } from "@/lib/jobs/states";

export interface QueueJob {
  id: string;
  kind: "image" | "mesh";
  model: string;
  modelLabel: string;
  prompt: string;
  state: JobState;
  /** 1 for the next WAITING job to be sent; null once sent. */
  place: number | null;
  createdAt: string;
  submittedAt: string | null;
  startedAt: string | null;
  /** Since it was sent (submittedAt), or since it was made while it still waits. */
  elapsedMs: number;
  /** Median submittedAt→finishedAt of the model's last completed jobs; null without any. */
  estimateMs: number | null;
}

export interface QueueState {
  jobs: QueueJob[];
  inFlight: number;
}

export async function loadQueue(now = new Date()): Promise<QueueState> {
  const rows = await db.job.findMany({
    where: { state: { in: [...IN_FLIGHT_STATES] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      model: true,
      prompt: true,
      state: true,
      createdAt: true,
      submittedAt: true,
      startedAt: true,
    },
  });
  const models = [...new Set(rows.map((r) => r.model))];
  const [waiting, estimates] = await Promise.all([
    rows.some((r) => r.state === "WAITING") ? waitingPlaces() : [],
    Promise.all(models.map(async (m) => [m, await modelEstimate(m)] as const)),
  ]);
  const place = new Map(waiting.map((w, i) => [w.id, i + 1]));
  const estimate = new Map(estimates);
  const jobs = rows.map((r): QueueJob => {
    const since = r.submittedAt ?? r.createdAt;
    return {
      id: r.id,
      kind: r.kind === "mesh" ? "mesh" : "image",
      model: r.model,
      modelLabel: MODELS[r.model as ModelId]?.label ?? r.model,
      prompt: r.prompt,
      state: r.state as JobState,
      place: place.get(r.id) ?? null,
      createdAt: r.createdAt.toISOString(),
      submittedAt: r.submittedAt?.toISOString() ?? null,
      startedAt: r.startedAt?.toISOString() ?? null,
      elapsedMs: Math.max(0, now.getTime() - since.getTime()),
      estimateMs: estimate.get(r.model) ?? null,
    };
  });
  return { jobs, inFlight: jobs.length };
}
