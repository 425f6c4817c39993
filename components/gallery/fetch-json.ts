// The one way the gallery reads the studio's JSON routes: a signed-out session goes to the
// sign-in page, and an error answer becomes an error carrying the studio's own message.
import { readApiError } from "@/lib/http/api-error";

export class StudioFetchError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** `cache: "no-cache"` lets a route's ETag answer 304 when nothing changed. */
export async function fetchJson<T>(
  url: string,
  init: { signal?: AbortSignal; cache?: RequestCache } = {},
): Promise<T> {
  const res = await fetch(url, { cache: init.cache ?? "no-store", signal: init.signal });
  if (res.status === 401) {
    // A full page load on purpose: the session ended, so no client state should survive it.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/sign-in");
    throw new StudioFetchError(401, "Signed out.");
  }
  if (!res.ok) throw new StudioFetchError(res.status, (await readApiError(res)).message);
  return (await res.json()) as T;
}

/** Retries what may pass on a second try (the network, a 5xx), never a refusal. */
export function retryTransient(failures: number, err: Error): boolean {
  return failures < 2 && !(err instanceof StudioFetchError && err.status < 500);
}
