/**
 * Picks the TF.js backend in the public-test worker: WebGL where the browser has it on a GPU (a software renderer
 * such as headless Chromium's SwiftShader is slower than wasm, so it only runs when forced), else wasm with the project's
 * training kernels (graders/tf/kernels: the browser's wasm backend lacks the same gradients as Node's), else cpu
 * with the project's cpu fixes. tf.setBackend() returns false instead of throwing, so every result is checked.
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { registerCpuFixes, registerWasmTrainingKernels } from "@/graders/tf/kernels/register";

export interface BrowserBackend {
  name: "webgl" | "wasm" | "cpu";
  detail: string;
}

/** Where scripts/copy-browser-assets.ts puts tfjs-backend-wasm's binaries. */
export const WASM_PATH = "/tfjs/";

async function activate(name: string): Promise<boolean> {
  try {
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/** Software renderers (SwiftShader in headless Chromium, llvmpipe) run TF.js slower than wasm does. */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

/** "gpu" when WebGL runs on a GPU, "software" when only a software renderer offers it, else "none". */
export function webGlKind(): "gpu" | "software" | "none" {
  try {
    if (typeof OffscreenCanvas === "undefined") return "none";
    const canvas = new OffscreenCanvas(1, 1);
    const gl = (canvas.getContext("webgl2") ?? canvas.getContext("webgl")) as WebGLRenderingContext | null;
    if (!gl) return "none";
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension("WEBGL_lose_context")?.loseContext();
    return SOFTWARE_GL.test(renderer) ? "software" : "gpu";
  } catch {
    return "none";
  }
}

export async function selectBrowserBackend(forced?: string | null): Promise<BrowserBackend> {
  tf.enableProdMode();
  const tried: string[] = [];
  const gl = !forced || forced === "webgl" ? webGlKind() : "none";
  if (gl === "gpu" || (forced === "webgl" && gl === "software")) {
    if (await activate("webgl")) return { name: "webgl", detail: gl === "gpu" ? "webgl" : "webgl (software renderer)" };
    tried.push("webgl did not start");
  } else if (!forced)
    tried.push(gl === "software" ? "WebGL only through a software renderer" : "no WebGL in this browser");
  if (!forced || forced === "wasm") {
    setWasmPaths(WASM_PATH);
    registerWasmTrainingKernels();
    if (await activate("wasm")) return { name: "wasm", detail: "wasm+unlabeled-kernels" };
    tried.push("wasm did not start");
  }
  registerCpuFixes();
  if (await activate("cpu")) return { name: "cpu", detail: `cpu+unlabeled-fixes (${tried.join("; ")})` };
  throw new Error(`no TensorFlow.js backend started: ${[...tried, "cpu did not start"].join("; ")}`);
}
