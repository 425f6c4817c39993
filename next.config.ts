import type { NextConfig } from "next";

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
    serverActions: { bodySizeLimit: "2mb" },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
