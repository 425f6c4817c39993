import type { NextConfig } from "next";
import { publicHostFrom } from "./lib/env";

const publicHost = publicHostFrom(process.env);

const nextConfig: NextConfig = {
  // Native and WebAssembly packages stay as plain Node requires on the server.
  serverExternalPackages: [
    "better-sqlite3",
    "sharp",
    "meshoptimizer",
    "gltf-validator",
    "@gltf-transform/core",
    "@gltf-transform/functions",
    "@gltf-transform/extensions",
  ],
  poweredByHeader: false,
  experimental: {
    serverActions: {
      bodySizeLimit: "2mb",
      // Besides the request's own Host, the studio's public address (behind a proxy).
      allowedOrigins: publicHost ? [publicHost] : [],
    },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
