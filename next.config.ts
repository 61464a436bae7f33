import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  allowedDevOrigins: ["127.0.0.1"],
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
