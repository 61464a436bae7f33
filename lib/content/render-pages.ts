/**
 * Compiles and renders MDX files to static HTML for `course check`. Client components (the demos) need React's
 * full build, so under the `react-server` export condition (how `npm run course` runs, for server-only modules)
 * the work moves to a child Node process without that condition.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface RenderRequest {
  file: string;
  kind: "lesson" | "readme";
}

export interface RenderResult {
  file: string;
  /** Compile, frontmatter and render problems as `file: …` lines. */
  problems: string[];
  /** Empty when the file did not compile or render. */
  html: string;
}

async function canRenderHere(): Promise<boolean> {
  const react = (await import("react")) as { useState?: unknown };
  return typeof react.useState === "function";
}

export async function renderMdxFiles(requests: RenderRequest[]): Promise<RenderResult[]> {
  if (!requests.length) return [];
  if (await canRenderHere()) {
    const { renderInProcess } = await import("./render-in-process");
    return renderInProcess(requests);
  }
  return renderInChild(requests);
}

function renderInChild(requests: RenderRequest[]): Promise<RenderResult[]> {
  const worker = fileURLToPath(new URL("./render-worker.ts", import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", worker], { stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, NODE_NO_WARNINGS: "1" } });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => (out += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("{\"results\""));
      if (code !== 0 || !line) return reject(new Error(`the MDX render worker exited with code ${code}`));
      resolve((JSON.parse(line) as { results: RenderResult[] }).results);
    });
    child.stdin.end(JSON.stringify(requests));
  });
}
