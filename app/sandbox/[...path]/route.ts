// The sandbox gateway's HTTP routes. They exist only while no PIXAZO_API_KEY is set, and check
// the sandbox's own key like the real gateway checks a subscription key.
import { mountedSandbox } from "@/lib/sandbox/mounted";

export const dynamic = "force-dynamic";

async function handle(req: Request) {
  const sandbox = mountedSandbox();
  if (!sandbox) return new Response("Not found", { status: 404 });
  return sandbox.handle(req);
}

export { handle as GET, handle as POST };
