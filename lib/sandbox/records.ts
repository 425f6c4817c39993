// Request records: one JSON file per accepted request, holding its parameters, its plan and its
// schedule. A request's state is a function of the time since it was accepted, so a restarted
// sandbox answers as if it had never stopped.
import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "@/lib/files/atomic";
import { MODELS, type GatewayState, type ModelId } from "@/lib/gateway/models";
import { planOf, type Plan } from "./plan";

export interface Outcome {
  state: "COMPLETED" | "FAILED" | "ERROR";
  error: string | null;
  /** File names under the request's media folder, in output order. */
  files: string[];
  mediaType: string;
  finishedAt: number;
}

export interface RequestRecord {
  id: string;
  model: ModelId;
  params: Record<string, unknown>;
  plan: Plan;
  createdAt: number;
  queuedMs: number;
  processingMs: number;
  webhookUrl?: string;
  webhookDelivered?: boolean;
  /** Set once outputs exist (or making them failed). */
  outcome?: Outcome;
}

/** A new request's record; `speed` 1 is the normal few seconds, 10 is ten times faster. */
export function newRecord(input: {
  model: ModelId;
  params: Record<string, unknown>;
  plan: Plan;
  now: number;
  speed: number;
  webhookUrl?: string;
}): RequestRecord {
  const { model, params, plan, speed } = input;
  const images = typeof params.num_images === "number" ? params.num_images : 1;
  const work = MODELS[model].kind === "mesh" ? 4000 : 2000 + 400 * images;
  return {
    id: `${model}_${randomUUID()}`,
    model,
    params,
    plan,
    createdAt: input.now,
    queuedMs: Math.round(1200 / speed),
    processingMs: Math.round(work / speed) * (plan.slow ? 5 : 1),
    webhookUrl: input.webhookUrl,
  };
}

/** QUEUED and PROCESSING follow the clock; a terminal state also waits for the outcome. */
export function stateAt(rec: RequestRecord, at: number): GatewayState {
  const age = at - rec.createdAt;
  if (age < rec.queuedMs) return "QUEUED";
  if (age < rec.queuedMs + rec.processingMs || !rec.outcome) return "PROCESSING";
  return rec.outcome.state;
}

export type Records = ReturnType<typeof createRecords>;

export function createRecords(dir: string) {
  const fileOf = (id: string) => path.join(dir, `${id}.json`);

  async function save(rec: RequestRecord): Promise<void> {
    await writeFileAtomic(fileOf(rec.id), JSON.stringify(rec));
  }

  /** Null for an id the sandbox never issued (which also keeps ids from naming other paths). */
  async function load(id: string): Promise<RequestRecord | null> {
    if (!/^[a-z0-9-]+_[0-9a-f-]{36}$/.test(id)) return null;
    let rec: RequestRecord;
    try {
      rec = JSON.parse(await fs.readFile(fileOf(id), "utf8"));
    } catch {
      return null;
    }
    // Records written before plans were stored carry only their prompt.
    rec.plan ??= planOf(rec.params);
    return rec;
  }

  async function ids(): Promise<string[]> {
    try {
      const names = await fs.readdir(dir);
      return names.filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -5));
    } catch {
      return [];
    }
  }

  return { save, load, ids };
}
