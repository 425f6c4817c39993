import "server-only";
// The download step: brings one output of a completed job into the media store, or schedules
// another try. sync_mode data URIs are dropped from the row once the file is stored.
import { findOutput, updateOutput } from "@/lib/db/outputs";
import { MODELS, type ModelId } from "@/lib/gateway/models";
import { gatewayAllowHosts } from "@/lib/gateway/configured";
import { IngestError, ingestOutput } from "@/lib/media/ingest";
import { outputTransition, type OutputEvent } from "./output-transitions";

/** Downloads one PENDING output whose lease this process holds. */
export async function downloadOutput(outputId: string): Promise<void> {
  const out = await findOutput(outputId);
  if (!out || out.state !== "PENDING") return;
  const record = async (event: OutputEvent) => {
    const patch = outputTransition(out, event, new Date());
    if (patch) await updateOutput(outputId, patch);
  };
  try {
    const result = await ingestOutput({
      jobId: out.jobId,
      index: out.index,
      sourceUrl: out.sourceUrl,
      expect: MODELS[out.job.model as ModelId]?.kind === "mesh" ? "mesh" : "image",
      allowHosts: gatewayAllowHosts(),
    });
    await record({ type: "stored", result });
  } catch (err) {
    // A failed write of the stored file's row lands here too, and is tried again like a download.
    const error = err instanceof IngestError ? err : null;
    if (!error) console.error("[tracker] download failed", outputId, err);
    await record({ type: "downloadFailed", error });
  }
}
