import type { NextConfig } from "next";
import { copyBrowserAssets } from "./scripts/copy-browser-assets";

// The workspace's TF.js wasm binaries and typings live in git-ignored public/tfjs/ (see that script). Every
// `next dev|build|start` refreshes them (a no-op when up to date), so npm test, npm start and Docker need no step.
copyBrowserAssets();

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
