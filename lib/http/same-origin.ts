// Route handlers that change state accept a browser's request only from the studio's own
// pages: its Origin must name the Host it was sent to, or the configured public address.
// (Server actions get the same check from Next; webhooks carry no Origin and their own token.)

export function sameOrigin(req: Request, allowedHosts: readonly string[] = []): boolean {
  const origin = req.headers.get("origin");
  // Browsers send Origin on every POST, PUT and DELETE; a request without one is not a
  // cross-site form or script, and still needs the session cookie.
  if (origin === null) return req.headers.get("sec-fetch-site") !== "cross-site";
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  const own = (req.headers.get("host") ?? "").toLowerCase();
  return host === own || allowedHosts.some((h) => h.toLowerCase() === host);
}
