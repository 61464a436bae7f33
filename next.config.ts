import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // A separate build folder lets two dev servers share one checkout (e.g. NEXT_DIST_DIR=.next-lessons).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  allowedDevOrigins: ["127.0.0.1"],
  experimental: { authInterrupts: true },
  // `npm test` type-checks the whole project with tsc; the production build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@node-rs/argon2",
    "@tensorflow/tfjs",
    "@tensorflow/tfjs-backend-wasm",
    "esbuild",
    "pg",
    "pg-boss",
  ],
};

export default nextConfig;
