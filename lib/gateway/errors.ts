// One error type for everything the gateway can answer badly, with a message a designer
// understands. Raw gateway bodies go to the log, never to the screen.
import { errorBody } from "./models";

export type GatewayErrorCode =
  | "bad_request"
  | "unauthorized"
  | "insufficient_balance"
  | "forbidden"
  | "not_found"
  | "rate_limited"
  | "server_error"
  | "malformed_response"
  | "unreachable"
  | "timeout"
  | "unexpected_status";

export class GatewayError extends Error {
  readonly code: GatewayErrorCode;
  readonly httpStatus: number | null;
  readonly userMessage: string;
  /** Whether the same request may be sent again later with a chance of success. */
  readonly retryable: boolean;
  /** For a submit: false when the gateway certainly did not accept it, null when unknown. */
  readonly accepted: false | null;
  readonly retryAfterMs: number | null;
  readonly gatewayMessage: string | null;

  constructor(args: {
    code: GatewayErrorCode;
    httpStatus?: number | null;
    userMessage: string;
    retryable: boolean;
    accepted: false | null;
    retryAfterMs?: number | null;
    gatewayMessage?: string | null;
    detail?: string;
  }) {
    super(
      `${args.code}${args.httpStatus ? ` (${args.httpStatus})` : ""}: ${args.detail ?? args.userMessage}`,
    );
    this.name = "GatewayError";
    this.code = args.code;
    this.httpStatus = args.httpStatus ?? null;
    this.userMessage = args.userMessage;
    this.retryable = args.retryable;
    this.accepted = args.accepted;
    this.retryAfterMs = args.retryAfterMs ?? null;
    this.gatewayMessage = args.gatewayMessage ?? null;
  }
}

const MAX_GATEWAY_TEXT = 300;

function clean(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_GATEWAY_TEXT ? `${oneLine.slice(0, MAX_GATEWAY_TEXT)}…` : oneLine;
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Turns a non-2xx gateway answer into a GatewayError with a clear message. */
export function errorFromResponse(status: number, bodyText: string, retryAfter: string | null) {
  let parsed: { error?: string; message?: string } = {};
  let parsedOk = false;
  try {
    const r = errorBody.safeParse(JSON.parse(bodyText));
    if (r.success) {
      parsed = r.data;
      parsedOk = Boolean(r.data.error || r.data.message);
    }
  } catch {
    // Not JSON: an HTML error page from a proxy, say. The status code still tells enough.
  }
  const said = clean(parsed.message) ?? clean(parsed.error);
  const gatewayMessage = said ?? null;
  const detail = `${parsed.error ?? ""} ${parsed.message ?? ""} ${bodyText.slice(0, 200)}`.trim();
  const base = { httpStatus: status, gatewayMessage, detail, accepted: false as const };
  switch (status) {
    case 400:
      return new GatewayError({
        ...base,
        code: "bad_request",
        retryable: false,
        userMessage: `The gateway refused the request${said ? `: “${said}”` : ""}. Check the parameters and send it again.`,
      });
    case 401:
      return new GatewayError({
        ...base,
        code: "unauthorized",
        retryable: false,
        userMessage:
          "The gateway did not accept the studio's API key. Check PIXAZO_API_KEY in the studio's configuration.",
      });
    case 402:
      return new GatewayError({
        ...base,
        code: "insufficient_balance",
        retryable: false,
        userMessage: `Your Pixazo balance is too low${said ? ` (“${said}”)` : ""}. Top up your Pixazo wallet, then retry.`,
      });
    case 403:
      return new GatewayError({
        ...base,
        code: "forbidden",
        retryable: false,
        userMessage: `The gateway refused access${said ? `: “${said}”` : ""}. Check that your Pixazo plan includes this model.`,
      });
    case 404:
      return new GatewayError({
        ...base,
        code: "not_found",
        retryable: false,
        userMessage: `The gateway does not know this request or model${said ? `: “${said}”` : ""}.`,
      });
    case 429:
      return new GatewayError({
        ...base,
        code: "rate_limited",
        retryable: true,
        retryAfterMs: parseRetryAfter(retryAfter),
        userMessage: "The gateway is busy (too many requests). The studio will try again shortly.",
      });
    default:
      if (status >= 500) {
        // The gateway's own error body (500/503) means its queue refused the job. A proxy's
        // 502/504, or a body that is not the gateway's, may come after the job was queued.
        const fromGateway = (status === 500 || status === 503) && parsedOk;
        return new GatewayError({
          ...base,
          accepted: fromGateway ? false : null,
          code: "server_error",
          retryable: true,
          userMessage: `The gateway had an internal error${said ? `: “${said}”` : ""}. The studio will try again shortly.`,
        });
      }
      return new GatewayError({
        ...base,
        code: "unexpected_status",
        retryable: false,
        accepted: null,
        userMessage: `The gateway answered with an unexpected status ${status}.`,
      });
  }
}
