/**
 * Hardens the runner process after TF.js has booted and before any student code exists in it:
 * - SES lockdown: every language intrinsic (Array.prototype, Object, JSON, Number, Math, Promise, …) is frozen,
 *   the Function constructors are tamed and eval is disabled, so student code cannot patch what the runner's
 *   measurements and encoders call, nor evaluate code in the real global scope;
 * - Math.random delegates to a source only the runner can reseed (graders/tf/random-source.ts);
 * - TF.js's exports, namespaces and class prototypes are frozen and its global slots made read-only;
 * - the tensor ledger is installed on the engine (tensor-ledger.ts).
 * Student code then sees only the names of student-scope.ts and the facade of tf-facade.ts.
 */
import "ses";
import type * as tfType from "@tensorflow/tfjs";
import { installRandomSource } from "../tf/random-source";
import { createRng } from "../tf/rng";
import { buildStudentScope, type StudentScope } from "./student-scope";
import { installTensorLedger, type TensorLedger } from "./tensor-ledger";

declare const lockdown: (options: Record<string, string>) => void;

function freezeChain(proto: unknown): void {
  for (let p = proto; p && typeof p === "object" && p !== Object.prototype && p !== Function.prototype; p = Object.getPrototypeOf(p)) {
    if (Object.isFrozen(p)) break;
    Object.freeze(p);
  }
}

/**
 * Freezes a prototype chain without the "override mistake": TF.js assigns to instance properties that shadow a
 * prototype method (CustomCallback's constructor does `this.maybeWait = debounce(...)` during model.fit), which a
 * frozen, non-writable prototype property forbids in strict code. Each writable data property becomes an accessor
 * whose setter defines an own property on the instance (the technique of SES's property-override enablement);
 * assigning to the prototype itself still throws. Then the prototype is frozen.
 */
function freezeChainOverridable(proto: unknown): void {
  for (let p = proto; p && typeof p === "object" && p !== Object.prototype && p !== Function.prototype; p = Object.getPrototypeOf(p)) {
    if (Object.isFrozen(p)) break;
    const target = p as Record<PropertyKey, unknown>;
    for (const key of Reflect.ownKeys(target)) {
      const desc = Object.getOwnPropertyDescriptor(target, key);
      if (!desc || !("value" in desc) || !desc.writable || !desc.configurable) continue;
      const value: unknown = desc.value;
      Object.defineProperty(target, key, {
        get: () => value,
        set(this: object, v: unknown) {
          if (this === target) throw new TypeError(`Cannot assign to read only property '${String(key)}' of a frozen prototype`);
          Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
        },
        enumerable: desc.enumerable,
        configurable: false,
      });
    }
    Object.freeze(p);
  }
}

/**
 * Freezes a module's exports, the plain namespace objects in it and the prototypes of the classes it exports.
 * Tensor and Variable keep plain frozen prototypes: no instance may shadow a tensor method (the runner's encoders
 * and the ledger call them on tensors the student returns), and TF.js never tries to.
 */
function freezeModule(exports: Record<string, unknown>, strict: Set<unknown>, depth = 0): void {
  for (const key of Object.keys(exports)) {
    let value: unknown;
    try {
      value = exports[key];
    } catch {
      continue;
    }
    if (typeof value === "function") {
      const proto = (value as { prototype?: unknown }).prototype;
      if (strict.has(value)) freezeChain(proto);
      else freezeChainOverridable(proto);
    }
    else if (value && typeof value === "object" && depth < 2) {
      const proto = Object.getPrototypeOf(value);
      if (proto === Object.prototype || proto === null) freezeModule(value as Record<string, unknown>, strict, depth + 1);
    }
  }
  Object.freeze(exports);
}

function lockGlobal(name: string): void {
  const g = globalThis as unknown as Record<string, unknown>;
  if (!(name in g)) return;
  Object.defineProperty(g, name, { value: g[name], writable: false, configurable: false, enumerable: false });
}

export interface HardenedRunner {
  scope: StudentScope;
  ledger: TensorLedger;
}

export function hardenRunner(tf: typeof tfType, loadedModules: Record<string, { exports: unknown }>, opts: { hostAccess?: boolean } = {}): HardenedRunner {
  installRandomSource(createRng(0));
  lockdown({
    errorTaming: "unsafe",
    stackFiltering: "verbose",
    consoleTaming: "unsafe",
    overrideTaming: "moderate",
    evalTaming: "noEval",
    domainTaming: "unsafe",
    localeTaming: "unsafe",
    regExpTaming: "unsafe",
    reporting: "none",
    errorTrapping: "none",
    unhandledRejectionTrapping: "none",
  });
  const ledger = installTensorLedger(tf);
  const strict = new Set<unknown>([tf.Tensor, tf.Variable]);
  freezeChain(tf.Variable.prototype);
  for (const [id, mod] of Object.entries(loadedModules)) {
    if (id.includes("/@tensorflow/") && mod.exports && typeof mod.exports === "object") freezeModule(mod.exports as Record<string, unknown>, strict);
  }
  for (const host of [Buffer, Buffer.prototype]) Object.freeze(host);
  // The engine and the active backend are not exported classes: their prototypes are frozen here.
  freezeChain(Object.getPrototypeOf(tf.engine()));
  freezeChain(Object.getPrototypeOf(tf.backend()));
  lockGlobal("_tfengine");
  lockGlobal("_tfGlobals");
  return { scope: buildStudentScope(globalThis, opts), ledger };
}
