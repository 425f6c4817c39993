import "server-only";
// Speaks the Pixazo protocol over HTTP: submit to a model, read a request's status. It knows
// nothing of the database. The key is sent only to the configured gateway base URL, and
// redirects are never followed, so it cannot leak to another origin.
import { GatewayError, errorFromResponse } from "./errors";
import {
  MODELS,
  statusResponse,
  submitResponse,
  type ModelId,
  type StatusResponse,
} from "./models";

export interface GatewayClientConfig {
  baseUrl: string;
  apiKey: string;
  submitTimeoutMs?: number;
  statusTimeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export interface SubmitResult {
  requestId: string;
}

export interface GatewayClient {
  submit(model: ModelId, body: object, opts?: { webhookUrl?: string }): Promise<SubmitResult>;
  status(requestId: string): Promise<StatusResponse>;
  readonly baseUrl: string;
}

const MAX_ANSWER_BYTES = 64 * 1024 * 1024; // sync_mode answers carry data URIs

const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

function causeCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === "object"; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function networkError(err: unknown, what: string): GatewayError {
  const code = causeCode(err);
  const isTimeout =
    (err as Error)?.name === "TimeoutError" ||
    (err as Error)?.name === "AbortError" ||
    code === "UND_ERR_HEADERS_TIMEOUT";
  if (isTimeout) {
    return new GatewayError({
      code: "timeout",
      retryable: true,
      accepted: null,
      userMessage: `The gateway did not answer in time while ${what}.`,
      detail: String(err),
    });
  }
  const notSent = code !== undefined && NOT_SENT_CODES.has(code);
  return new GatewayError({
    code: "unreachable",
    retryable: true,
    accepted: notSent ? false : null,
    userMessage: `The studio could not reach the gateway while ${what}${code ? ` (${code})` : ""}.`,
    detail: `${String(err)} ${code ?? ""}`,
  });
}

/** Reads an answer, stopping as soon as it passes the cap instead of after buffering it all. */
async function readCapped(res: Response): Promise<string> {
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > MAX_ANSWER_BYTES) throw new Error(`answer too large (${declared} bytes)`);
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new Error("answer too large");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The answer as JSON, or undefined when it is not JSON at all (a cut-off or HTML body). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createGatewayClient(config: GatewayClientConfig): GatewayClient {
  const baseUrl = config.baseUrl.replace(/\/+$/, "");
  const doFetch = config.fetchImpl ?? fetch;
  const headers = {
    "Content-Type": "application/json",
    "Cache-Control": "no-cache",
    "Ocp-Apim-Subscription-Key": config.apiKey,
  };

  async function call(url: string, init: RequestInit, timeoutMs: number, what: string) {
    let res: Response;
    try {
      res = await doFetch(url, {
        ...init,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw networkError(err, what);
    }
    let text: string;
    try {
      text = await readCapped(res);
    } catch (err) {
      throw networkError(err, what);
    }
    return { res, text };
  }

  return {
    baseUrl,
    async submit(model, body, opts) {
      const url = `${baseUrl}${MODELS[model].path}`;
      const extra: Record<string, string> = opts?.webhookUrl
        ? { "X-Webhook-URL": opts.webhookUrl }
        : {};
      const { res, text } = await call(
        url,
        { method: "POST", headers: { ...headers, ...extra }, body: JSON.stringify(body) },
        config.submitTimeoutMs ?? 30_000,
        "sending the job",
      );
      if (res.status < 200 || res.status >= 300) {
        throw errorFromResponse(res.status, text, res.headers.get("retry-after"));
      }
      const parsed = submitResponse.safeParse(parseJson(text));
      if (!parsed.success) {
        throw new GatewayError({
          code: "malformed_response",
          httpStatus: res.status,
          retryable: false,
          accepted: null,
          userMessage:
            "The gateway accepted the job but its answer could not be read, so the studio cannot follow it. It was not sent again, to avoid paying twice.",
          detail: text.slice(0, 300),
        });
      }
      return { requestId: parsed.data.request_id };
    },
    async status(requestId) {
      const url = `${baseUrl}/v2/requests/status/${encodeURIComponent(requestId)}`;
      const { res, text } = await call(
        url,
        {
          method: "GET",
          headers: { "Ocp-Apim-Subscription-Key": config.apiKey, "Cache-Control": "no-cache" },
        },
        config.statusTimeoutMs ?? 15_000,
        "reading the job's status",
      );
      if (res.status < 200 || res.status >= 300) {
        throw errorFromResponse(res.status, text, res.headers.get("retry-after"));
      }
      const json = parseJson(text);
      if (json === undefined) {
        throw new GatewayError({
          code: "malformed_response",
          httpStatus: res.status,
          retryable: true,
          accepted: null,
          userMessage: "The gateway's status answer could not be read. The studio will ask again.",
          detail: text.slice(0, 300),
        });
      }
      const parsed = statusResponse.safeParse(json);
      if (!parsed.success || parsed.data.request_id !== requestId) {
        throw new GatewayError({
          code: "malformed_response",
          httpStatus: res.status,
          retryable: true,
          accepted: null,
          userMessage:
            "The gateway's status answer was not in the expected form. The studio will ask again.",
          detail: parsed.success ? "request_id mismatch" : parsed.error.message.slice(0, 300),
        });
      }
      return parsed.data;
    },
  };
}
