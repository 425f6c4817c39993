// The one shape every studio route answers errors in, and the one place the browser reads it.
// Client-safe. A body is `{ error: { code, message } }`: `code` is stable for programs,
// `message` is a sentence for people.

export const API_ERROR_CODES = [
  "unauthorized",
  "forbidden",
  "not_found",
  "invalid_input",
  "too_large",
  "rate_limited",
  "busy",
  "conflict",
  "unprocessable",
  "upstream",
  "internal",
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string };
}

export function apiError(
  status: number,
  code: ApiErrorCode,
  message: string,
  headers?: Record<string, string>,
): Response {
  const body: ApiErrorBody = { error: { code, message } };
  return Response.json(body, { status, headers });
}

/** The message of a studio error answer, or a plain sentence naming the status. */
export async function readApiError(
  res: Response,
): Promise<{ code: ApiErrorCode | null; message: string }> {
  try {
    const body = (await res.json()) as Partial<ApiErrorBody>;
    if (body?.error && typeof body.error.message === "string") {
      const code = (API_ERROR_CODES as readonly string[]).includes(body.error.code as string)
        ? (body.error.code as ApiErrorCode)
        : null;
      return { code, message: body.error.message };
    }
  } catch {
    // not JSON
  }
  return {
    code: null,
    message: `The studio answered ${res.status}${res.statusText ? ` ${res.statusText}` : ""}.`,
  };
}
