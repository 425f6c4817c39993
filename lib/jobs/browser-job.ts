// What the browser sees of a job: plain JSON, no secrets (no webhook token, no lease, no key),
// media as the studio's own URLs.
import { MODELS, type ModelId } from "@/lib/gateway/models";
import { isInFlight, type JobState, type OutputState } from "./states";

export interface BrowserOutput {
  id: string;
  index: number;
  state: OutputState;
  error: string | null;
  url: string | null;
  thumbUrl: string | null;
  downloadUrl: string | null;
  previewUrl: string | null;
  mimeType: string | null;
  bytes: number | null;
  width: number | null;
  height: number | null;
  previewBytes: number | null;
  triangles: number | null;
  vertices: number | null;
}

export interface BrowserJob {
  id: string;
  kind: "image" | "mesh";
  model: ModelId;
  modelLabel: string;
  prompt: string;
  params: Record<string, unknown>;
  seed: number | null;
  state: JobState;
  favorite: boolean;
  error: string | null;
  note: string | null;
  waitingPlace: number | null;
  createdAt: string;
  submittedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  inputImageUrl: string | null;
  input: { source: "output" | "upload"; id: string } | null;
  outputs: BrowserOutput[];
  /** Boards the job is on. */
  boardIds: string[];
  /** Jobs this one comes from or led to; each opens that job. */
  lineage: JobLineage;
}

export interface JobLineage {
  /** A 3D job's source image job. */
  sourceJobId: string | null;
  /** The job this one retried. */
  retryOfId: string | null;
  /** 3D jobs made from this job's images. */
  meshJobIds: string[];
}

export function mediaUrl(key: string | null | undefined): string | null {
  return key ? `/media/${key}` : null;
}

interface OutputRow {
  id: string;
  index: number;
  state: string;
  errorMessage: string | null;
  mediaKey: string | null;
  thumbKey: string | null;
  previewKey: string | null;
  mimeType: string | null;
  bytes: number | null;
  width: number | null;
  height: number | null;
  previewBytes: number | null;
  triangles: number | null;
  vertices: number | null;
}

interface JobRowLike {
  id: string;
  kind: string;
  model: string;
  prompt: string;
  params: string;
  seed: number | null;
  state: string;
  favorite: boolean;
  errorMessage: string | null;
  lastPollError: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  inputOutputId: string | null;
  inputUploadId: string | null;
  retryOfId?: string | null;
  outputs: OutputRow[];
  boards?: { boardId: string }[];
}

export function toBrowserOutput(o: OutputRow): BrowserOutput {
  return {
    id: o.id,
    index: o.index,
    state: o.state as BrowserOutput["state"],
    error: o.errorMessage,
    url: mediaUrl(o.mediaKey),
    thumbUrl: mediaUrl(o.thumbKey) ?? mediaUrl(o.mediaKey),
    downloadUrl: o.mediaKey ? `/media/${o.mediaKey}?download=1` : null,
    previewUrl: mediaUrl(o.previewKey),
    mimeType: o.mimeType,
    bytes: o.bytes,
    width: o.width,
    height: o.height,
    previewBytes: o.previewBytes,
    triangles: o.triangles,
    vertices: o.vertices,
  };
}

export function toBrowserJob(
  job: JobRowLike,
  extra: {
    waitingPlace?: number | null;
    inputImageUrl?: string | null;
    sourceJobId?: string | null;
    meshJobIds?: string[];
  } = {},
): BrowserJob {
  const params = sentParams(job.params);
  const model = job.model as ModelId;
  return {
    id: job.id,
    kind: job.kind === "mesh" ? "mesh" : "image",
    model,
    modelLabel: MODELS[model]?.label ?? job.model,
    prompt: job.prompt,
    params,
    seed: job.seed,
    state: job.state as JobState,
    favorite: job.favorite,
    error: job.errorMessage,
    note: job.state === "COMPLETED" || job.state === "FAILED" ? null : job.lastPollError,
    waitingPlace: extra.waitingPlace ?? null,
    createdAt: job.createdAt.toISOString(),
    submittedAt: job.submittedAt?.toISOString() ?? null,
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    inputImageUrl: extra.inputImageUrl ?? null,
    input: job.inputOutputId
      ? { source: "output", id: job.inputOutputId }
      : job.inputUploadId
        ? { source: "upload", id: job.inputUploadId }
        : null,
    outputs: job.outputs.map(toBrowserOutput),
    boardIds: (job.boards ?? []).map((b) => b.boardId),
    lineage: {
      sourceJobId: extra.sourceJobId ?? null,
      retryOfId: job.retryOfId ?? null,
      meshJobIds: extra.meshJobIds ?? [],
    },
  };
}

/**
 * A job's request fields as sent, read from their stored JSON, without the input image's link
 * (a credential while it lives). Unreadable JSON gives none: the rest of the job still shows.
 */
export function sentParams(json: string): Record<string, unknown> {
  let params: Record<string, unknown> = {};
  try {
    params = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
  delete params.input_image_url;
  return params;
}

/** A finished job with nothing but what names and recalls it: a file's generation data, a test. */
export function describedJob(
  job: Pick<BrowserJob, "id" | "model" | "prompt" | "params" | "seed" | "createdAt">,
): BrowserJob {
  const model = MODELS[job.model];
  return {
    ...job,
    kind: model.kind === "mesh" ? "mesh" : "image",
    modelLabel: model.label,
    state: "COMPLETED",
    favorite: false,
    error: null,
    note: null,
    waitingPlace: null,
    submittedAt: null,
    startedAt: null,
    finishedAt: null,
    inputImageUrl: null,
    input: null,
    outputs: [],
    boardIds: [],
    lineage: { sourceJobId: null, retryOfId: null, meshJobIds: [] },
  };
}

/** Whether the browser should keep polling: a job is in flight or an output is being saved. */
export function isBusy(job: BrowserJob): boolean {
  return (
    isInFlight(job.state) ||
    (job.state === "COMPLETED" && job.outputs.some((o) => o.state === "PENDING"))
  );
}
