/**
 * The names student code (and the public tests) can see. A submission is compiled as a function whose parameters
 * shadow every global of the runner process: the standard language globals keep their (frozen) values, a few web
 * globals are replaced by small facades (console, timers, performance), and everything else — process, Buffer,
 * require, the real globalThis, TF.js's engine slots — is undefined. Strict mode, the tamed Function constructor
 * and disabled eval (the runner's lockdown) leave no other way to the real global object.
 */
/** Language globals handed through unchanged (all frozen by lockdown). */
const LANGUAGE = [
  "AggregateError", "Array", "ArrayBuffer", "Atomics", "BigInt", "BigInt64Array", "BigUint64Array", "Boolean", "DataView", "Date",
  "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "Error", "escape", "EvalError", "FinalizationRegistry",
  "Float32Array", "Float64Array", "Infinity", "Int16Array", "Int32Array", "Int8Array", "Intl", "isFinite", "isNaN", "JSON", "Map",
  "Math", "NaN", "Number", "Object", "parseFloat", "parseInt", "Promise", "Proxy", "RangeError", "ReferenceError", "Reflect",
  "RegExp", "Set", "SharedArrayBuffer", "String", "Symbol", "SyntaxError", "TypeError", "Uint16Array", "Uint32Array", "Uint8Array",
  "Uint8ClampedArray", "undefined", "unescape", "URIError", "WeakMap", "WeakRef", "WeakSet", "WebAssembly",
] as const;

/** Host functions and classes that are safe to share once frozen (they reach nothing of the runner's). */
const HOST = ["atob", "btoa", "queueMicrotask", "structuredClone", "TextDecoder", "TextEncoder"] as const;

/** Node and browser globals whose absence deserves a clear message rather than "undefined". */
const EXPLAINED = ["process", "Buffer", "global", "fetch", "crypto", "navigator", "setImmediate", "clearImmediate", "XMLHttpRequest", "WebSocket", "Worker", "document", "localStorage"] as const;

/** Names that may not be parameters of strict-mode code. */
const UNSHADOWABLE = new Set(["eval", "arguments"]);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export interface StudentScope {
  names: string[];
  values: unknown[];
}

function consoleFacade(real: Console): Console {
  const methods = ["log", "info", "warn", "error", "debug", "trace", "dir", "table", "assert", "count", "countReset", "group", "groupEnd", "time", "timeEnd", "timeLog"] as const;
  const facade: Record<string, unknown> = {};
  for (const name of methods) {
    const method = real[name] as (...args: unknown[]) => void;
    facade[name] = (...args: unknown[]) => method.apply(real, args);
  }
  facade.groupCollapsed = facade.group;
  return Object.freeze(facade) as unknown as Console;
}

/** Browser-style timers: handles are numbers, the runner's Timeout objects never reach student code. */
function timerFacades(): Record<string, unknown> {
  const setTimer = setTimeout;
  const clearTimer = clearTimeout;
  const setRepeat = setInterval;
  const clearRepeat = clearInterval;
  const timers = new Map<number, NodeJS.Timeout>();
  let next = 1;
  const check = (fn: unknown): ((...a: unknown[]) => void) => {
    if (typeof fn !== "function") throw new TypeError("the callback must be a function");
    return fn as (...a: unknown[]) => void;
  };
  return {
    setTimeout: (fn: unknown, ms?: number, ...args: unknown[]) => {
      const callback = check(fn);
      const id = next++;
      timers.set(id, setTimer(() => {
        timers.delete(id);
        callback(...args);
      }, ms));
      return id;
    },
    setInterval: (fn: unknown, ms?: number, ...args: unknown[]) => {
      const callback = check(fn);
      const id = next++;
      timers.set(id, setRepeat(() => callback(...args), ms));
      return id;
    },
    clearTimeout: (id: unknown) => {
      const t = timers.get(id as number);
      if (t) clearTimer(t);
      timers.delete(id as number);
    },
    clearInterval: (id: unknown) => {
      const t = timers.get(id as number);
      if (t) clearRepeat(t);
      timers.delete(id as number);
    },
  };
}

/** A stand-in whose every use throws one clear sentence (typeof still says "object"). */
function unavailable(name: string): unknown {
  const callable = name !== "process" && name !== "navigator" && name !== "document" && name !== "localStorage" && name !== "crypto";
  const fail = (): never => {
    throw new Error(`${name} is not available while grading: submissions run with TensorFlow.js and the language alone (no file system, network, processes or environment)`);
  };
  return new Proxy(callable ? Object.freeze(function unavailable() {}) : Object.freeze({}), {
    get: fail, set: fail, has: fail, apply: fail, construct: fail, ownKeys: fail, getOwnPropertyDescriptor: fail,
    defineProperty: fail, deleteProperty: fail, getPrototypeOf: fail, setPrototypeOf: fail, isExtensible: fail, preventExtensions: fail,
  });
}

/** Freezes a host class and its prototype chain below Object.prototype. */
function freezeClass(value: unknown): void {
  if (typeof value !== "function") return;
  Object.freeze(value);
  for (let p = (value as { prototype?: object }).prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object) Object.freeze(p);
}

/**
 * Builds the scope once, after lockdown. The returned names cover every identifier-named own property of the real
 * global object.
 */
export function buildStudentScope(globalObject: typeof globalThis, opts: { hostAccess?: boolean } = {}): StudentScope {
  const g = globalObject as unknown as Record<string, unknown>;
  const allowed: Record<string, unknown> = {};
  // Tests only (a launch option, never set by the worker or the CLI): the real host objects, to prove the OS walls.
  for (const name of EXPLAINED) allowed[name] = opts.hostAccess ? g[name] : unavailable(name);
  for (const name of LANGUAGE) allowed[name] = g[name];
  for (const name of HOST) {
    freezeClass(g[name]);
    allowed[name] = g[name];
  }
  allowed.Function = Function.prototype.constructor;
  allowed.console = consoleFacade(console);
  Object.assign(allowed, timerFacades());
  const now = performance.now.bind(performance);
  allowed.performance = Object.freeze({ now: () => now(), timeOrigin: performance.timeOrigin });
  const studentGlobal = Object.freeze({ ...allowed });
  for (const alias of ["globalThis", "self", "window"]) allowed[alias] = studentGlobal;
  const names = new Set<string>(Object.keys(allowed));
  for (const name of Reflect.ownKeys(g)) if (typeof name === "string") names.add(name);
  for (const name of ["process", "Buffer", "require", "module", "exports", "__filename", "__dirname", "_tfengine", "_tfGlobals"]) names.add(name);
  const list = [...names].filter((n) => IDENTIFIER.test(n) && !UNSHADOWABLE.has(n) && !["exports", "require", "module", "__filename", "__dirname"].includes(n));
  return { names: list, values: list.map((n) => (Object.prototype.hasOwnProperty.call(allowed, n) ? allowed[n] : undefined)) };
}
