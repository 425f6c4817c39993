// Runs before every page and server action: gives each page a fresh CSP nonce, and refuses
// server-action bodies that are not JSON with a 400 (the framework would decode them before
// any of our code runs and end in a 500).
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/server/content-policy";

const MAX_ACTION_BODY = 2 * 1024 * 1024;

async function unreadableAction(request: NextRequest): Promise<boolean> {
  if (request.method !== "POST" || !request.headers.get("next-action")) return false;
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("text/plain")) return false;
  const text = await request.clone().text();
  if (text.length > MAX_ACTION_BODY) return true;
  try {
    return !Array.isArray(JSON.parse(text) as unknown);
  } catch {
    return true;
  }
}

export async function proxy(request: NextRequest) {
  if (await unreadableAction(request)) {
    return NextResponse.json(
      { ok: false, code: "bad_request", message: "The request could not be read." },
      { status: 400 },
    );
  }
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: routes under api/, media/ and sandbox/ answer JSON or files, and Next's own
  // static files need no nonce.
  matcher: [
    {
      source: "/((?!api/|media/|sandbox/|_next/static|_next/image|favicon.ico|icon|apple-touch-icon|manifest).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
