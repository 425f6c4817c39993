// The body of a status read, which webhooks deliver too: what the gateway says about a request
// at a given moment.
import { stateAt, type RequestRecord } from "./records";

export type StatusBody = ReturnType<typeof statusBody>;

/**
 * `base` is the sandbox's own origin and prefix, which media links start with. Under
 * `media=expire-once` the links carry `linkSet`, the number of the set handed out (0 first).
 */
export function statusBody(rec: RequestRecord, at: number, base: string, linkSet = 0) {
  const state = stateAt(rec, at);
  const terminal = state === "COMPLETED" || state === "FAILED" || state === "ERROR";
  const sync = rec.params.sync_mode === true;
  let output: { media_url: string[]; media_type: string } | null = null;
  if (state === "COMPLETED" && rec.outcome) {
    const query = rec.plan.media === "expire-once" ? `?link=${linkSet}` : "";
    output = {
      // Like the gateway's CDN links, they end in ".ext" whatever the format.
      media_url: rec.outcome.files.map((f) =>
        sync ? "" : `${base}/media/v1/${rec.id}/${f.replace(/\.[a-z]+$/, ".ext")}${query}`,
      ),
      media_type: rec.outcome.mediaType,
    };
  }
  return {
    request_id: rec.id,
    status: state,
    model_id: rec.model,
    error: terminal && state !== "COMPLETED" ? (rec.outcome?.error ?? null) : null,
    output,
    created_at: new Date(rec.createdAt).toISOString(),
    updated_at: new Date(terminal && rec.outcome ? rec.outcome.finishedAt : at).toISOString(),
    completed_at: terminal && rec.outcome ? new Date(rec.outcome.finishedAt).toISOString() : null,
  };
}
