import "server-only";
// The sandbox gateway as mounted inside the studio at /sandbox, when no real key is set.
import { env } from "@/lib/env";
import { createSandbox } from "./server";

const g = globalThis as unknown as { studioSandbox?: ReturnType<typeof createSandbox> };

export function mountedSandbox() {
  const e = env();
  if (e.mode !== "sandbox") return null;
  if (!g.studioSandbox) {
    const own = new URL(e.internalBaseUrl);
    const allowHosts = [own.host, `localhost:${own.port}`];
    if (e.publicBaseUrl) allowHosts.push(new URL(e.publicBaseUrl).host);
    g.studioSandbox = createSandbox({
      dir: e.sandbox.dir,
      apiKey: e.apiKey,
      prefix: "/sandbox",
      speed: e.sandbox.speed,
      faultRate: e.sandbox.faultRate,
      allowHosts,
    });
    void g.studioSandbox.resume(e.internalBaseUrl);
  }
  return g.studioSandbox;
}
