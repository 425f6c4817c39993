// Server actions are public endpoints. Their wire body (JSON for the studio's actions) is
// decoded by the framework before any of our code runs, and a body that is not JSON would
// end there in a 500; refuse such bodies here with a 400 instead.
import { NextResponse, type NextRequest } from "next/server";

const MAX_ACTION_BODY = 2 * 1024 * 1024;

export async function proxy(request: NextRequest) {
  if (request.method !== "POST" || !request.headers.get("next-action")) return NextResponse.next();
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("text/plain")) return NextResponse.next();
  const text = await request.clone().text();
  let ok = text.length <= MAX_ACTION_BODY;
  if (ok) {
    try {
      const args = JSON.parse(text) as unknown;
      ok = Array.isArray(args);
    } catch {
      ok = false;
    }
  }
  if (ok) return NextResponse.next();
  return NextResponse.json(
    { ok: false, code: "bad_request", message: "The request could not be read." },
    { status: 400 },
  );
}

export const config = { matcher: ["/", "/sign-in"] };
