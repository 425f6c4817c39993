import "server-only";
// The download step: brings one output of a completed job into the media store, or schedules
// another try. When its link looks gone, the job's status is read again at the gateway for a
// fresh one first (the job stays COMPLETED; nothing is sent or paid again). Every write is
// conditional on this process still holding the output's lease, so a process whose lease ran out
// cannot overwrite what another stored. sync_mode data URIs are dropped once the file is stored.
import { claimStatusRead } from "@/lib/db/jobs";
import { findOutput, giveFreshLinks, updateOutputAsOwner, updateOutputIf } from "@/lib/db/outputs";
import { env } from "@/lib/env";
import { GatewayError } from "@/lib/gateway/errors";
import { MODELS, type ModelId } from "@/lib/gateway/models";
import { gatewayAllowHosts, gatewayClient } from "@/lib/gateway/configured";
import { IngestError, ingestOutput } from "@/lib/media/ingest";
import { outputTransition, type OutputEvent, type OutputFacts } from "./output-transitions";

/** One status read per job per second at most, as for jobs in flight. */
const STATUS_READ_GAP_MS = 1000;

type OutputRow = NonNullable<Awaited<ReturnType<typeof findOutput>>>;

/** Downloads one PENDING output whose lease `owner` (this process) holds. */
export async function downloadOutput(outputId: string, owner: string): Promise<void> {
  const out = await findOutput(outputId);
  if (!out || out.state !== "PENDING" || out.leaseOwner !== owner) return;
  let facts: OutputFacts = out;
  /** Writes the event's patch while the lease is still ours; false when it was not written. */
  const record = async (event: OutputEvent) => {
    const now = new Date();
    const patch = outputTransition(facts, event, now, Math.random, env().downloadGiveUpAfterMs);
    if (!patch) return false;
    if (!(await updateOutputAsOwner(outputId, owner, patch))) {
      console.warn("[tracker] output lease lost; leaving it to its new holder", outputId);
      return false;
    }
    facts = { ...facts, ...patch };
    return true;
  };
  const fresh = out.needsFreshLink;
  if (fresh) {
    const event = await readFreshLink(out, owner);
    if (!(await record(event)) || event.type !== "freshLink") return;
  }
  try {
    const result = await ingestOutput({
      jobId: out.jobId,
      index: out.index,
      sourceUrl: facts.sourceUrl,
      expect: MODELS[out.job.model as ModelId]?.kind === "mesh" ? "mesh" : "image",
      allowHosts: gatewayAllowHosts(),
    });
    await record({ type: "stored", result });
  } catch (err) {
    // A failed write of the stored file's row lands here too, and is tried again like a download.
    const error = err instanceof IngestError ? err : null;
    if (!error) console.error("[tracker] download failed", outputId, err);
    await record({ type: "downloadFailed", error, freshLink: fresh });
  }
}

/**
 * Reads the job's status again for a fresh link to this output. The same answer also serves the
 * job's other outputs waiting for one, so a job with four expired images costs one read, not four.
 */
async function readFreshLink(out: OutputRow, owner: string): Promise<OutputEvent> {
  const now = new Date();
  const requestId = out.job.requestId;
  if (!requestId) {
    return { type: "freshLinkFailed", message: "The gateway never gave this job a request id." };
  }
  if (!(await claimStatusRead(out.jobId, now, STATUS_READ_GAP_MS))) {
    return { type: "statusReadTooSoon", at: new Date(now.getTime() + STATUS_READ_GAP_MS) };
  }
  let urls: string[];
  try {
    const answer = await gatewayClient().status(requestId);
    urls = answer.status === "COMPLETED" ? (answer.output?.media_url ?? []) : [];
    if (!urls[out.index]) {
      return {
        type: "freshLinkFailed",
        message: `The gateway gave no fresh link for this output (its status says ${answer.status}).`,
      };
    }
  } catch (err) {
    if (!(err instanceof GatewayError)) console.warn("[tracker] fresh link", out.id, String(err));
    const message =
      err instanceof GatewayError
        ? err.userMessage
        : "The job's status could not be read at the gateway for a fresh link.";
    return { type: "freshLinkFailed", message };
  }
  console.log("[tracker] fresh links", { jobId: out.jobId, requestId });
  await giveFreshLinks(out.jobId, out.id, urls, owner, now);
  return { type: "freshLink", url: urls[out.index] };
}

export type FetchAgainResult = "restarted" | "missing" | "stored" | "pending";

/** "Fetch again": a FAILED output goes back to PENDING with a fresh link and a new day of tries. */
export async function fetchOutputAgain(outputId: string): Promise<FetchAgainResult> {
  const out = await findOutput(outputId);
  if (!out) return "missing";
  const patch = outputTransition(out, { type: "fetchAgain" }, new Date());
  if (patch && (await updateOutputIf(outputId, "FAILED", patch))) return "restarted";
  return out.state === "STORED" ? "stored" : "pending";
}
