/**
 * The `@tensorflow/tfjs` that student code imports inside the sandbox: a frozen copy of the real module's exports
 * without the handles on TF.js's internals (engine, backends, kernel and gradient registries, environment flags,
 * the platform). Ops, layers, optimizers and tensors are the real ones, so student code behaves as in the browser;
 * what it cannot do is swap a kernel, a backend or the engine under the trusted measurements of the runner.
 */
import type * as tfType from "@tensorflow/tfjs";

type TF = typeof tfType;

function unavailable(name: string, instead: string): () => never {
  return () => {
    throw new Error(`tf.${name}() is not available while grading${instead ? `: ${instead}` : ""}`);
  };
}

const WITHHELD: Record<string, string> = {
  engine: "use tf.tidy, tf.keep, tf.dispose and tf.memory",
  backend: "",
  findBackend: "",
  findBackendFactory: "",
  registerBackend: "",
  removeBackend: "",
  setPlatform: "",
  registerKernel: "",
  unregisterKernel: "",
  registerGradient: "use tf.customGrad for a custom gradient",
  unregisterGradient: "",
  copyRegisteredKernels: "",
  getKernel: "",
  getKernelsForBackend: "",
  getGradient: "",
  registerOp: "",
  deregisterOp: "",
  registerCallbackConstructor: "pass callbacks to model.fit directly",
  enableDebugMode: "",
  enableProdMode: "",
};

/** Namespaces that only make sense in a browser with WebGL; graders run TF.js on wasm or cpu. */
const OMITTED = new Set(["webgl", "gpgpu_util", "webgl_util", "ENV"]);

function environment(tf: TF): object {
  const env = tf.env();
  const refuse = () => {
    throw new Error("TF.js environment flags cannot be changed while grading");
  };
  return Object.freeze({
    get: (name: string) => env.get(name),
    getBool: (name: string) => env.getBool(name),
    getNumber: (name: string) => env.getNumber(name),
    getFlags: () => ({ ...env.getFlags() }),
    set: refuse,
    setFlags: refuse,
    reset: refuse,
  });
}

/** The frozen facade; `backendName` is the backend the runner selected (tf.setBackend may only name it). */
export function studentTf(tf: TF, backendName: string): Readonly<Record<string, unknown>> {
  const facade: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(tf)) {
    if (OMITTED.has(key)) continue;
    facade[key] = key in WITHHELD ? unavailable(key, WITHHELD[key]!) : (tf as unknown as Record<string, unknown>)[key];
  }
  const env = environment(tf);
  facade.env = () => env;
  facade.setBackend = async (name: string) => {
    if (name === backendName) return true;
    throw new Error(`tf.setBackend('${name}') is not available while grading: the grader runs on '${backendName}'`);
  };
  Object.defineProperty(facade, "__esModule", { value: true });
  return Object.freeze(facade);
}
