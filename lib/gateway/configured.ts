import "server-only";
// The one gateway client of this process, configured from the environment, and the hosts the
// studio trusts although they may be private (the gateway the operator configured).
import { env } from "@/lib/env";
import { createGatewayClient, type GatewayClient } from "@/lib/gateway/client";

const g = globalThis as unknown as { studioGateway?: GatewayClient };

export function gatewayClient(): GatewayClient {
  g.studioGateway ??= createGatewayClient({ baseUrl: env().gatewayUrl, apiKey: env().apiKey });
  return g.studioGateway;
}

function hostPort(url: string) {
  const u = new URL(url);
  return u.port ? `${u.hostname}:${u.port}` : u.hostname;
}

/** Media URLs may come from the configured gateway's host even when it is private. */
export function gatewayAllowHosts(): string[] {
  const host = hostPort(env().gatewayUrl);
  const u = new URL(env().gatewayUrl);
  // The mounted sandbox may name itself localhost or 127.0.0.1, depending on the Host header.
  return u.hostname === "127.0.0.1" ? [host, `localhost:${u.port}`] : [host];
}

/**
 * Where the gateway can reach this studio (webhooks, input images): PUBLIC_BASE_URL, or in
 * sandbox mode the studio's own local address, since the sandbox runs beside it.
 */
export function callbackBaseUrl(): string | undefined {
  const e = env();
  return e.publicBaseUrl ?? (e.mode === "sandbox" ? e.internalBaseUrl : undefined);
}
