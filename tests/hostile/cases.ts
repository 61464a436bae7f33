/**
 * The hostile-submission suite's cases: each fixture in tests/fixtures/hostile/ with the outcome it must end in.
 * `kind` is the result's error kind (null: a graded result without an error, whose feedback must match instead).
 */
type ErrorKind = "compile" | "runtime" | "timeout" | "memory" | "sandbox" | "output";

/** The error kinds a case accepts (empty for a graded result without an error). */
export function acceptedKinds(c: Pick<HostileCase, "kind">): ErrorKind[] {
  return c.kind === null ? [] : Array.isArray(c.kind) ? c.kind : [c.kind];
}

export interface HostileCase {
  name: string;
  /** The fixture file (defaults to `name`). */
  fixture?: string;
  /** Or several kinds, where the outcome legitimately depends on timing (a busy CI machine). */
  kind: ErrorKind | ErrorKind[] | null;
  message: RegExp;
  /** Extra bytes appended to the fixture (generated sources). */
  append?: () => string;
  /** Assert on this check's error instead of the result's first one (when an earlier check fails otherwise). */
  check?: string;
  /** Sources above the submit verb's 200 KB cap go to the queue directly. */
  direct?: boolean;
  /**
   * What the case ends in when student code can reach the host's objects (the tests-only host access of
   * graders/engine/sandbox.ts): the proof that the OS walls hold where the student scope has stopped it first.
   */
  wall?: { kind: ErrorKind | ErrorKind[] | null; message: RegExp };
}

/** The message a submission gets for reaching for a Node or browser global that grading does not provide. */
export const notAvailable = (name: string) => new RegExp(`${name} is not available while grading: submissions run with TensorFlow\\.js and the language alone`);

const padding = (bytes: number) => `\n${"// padding padding padding padding padding padding padding padding padding\n".repeat(Math.ceil(bytes / 76))}`;
const network = (code: string) => new RegExp(`network access is not available while grading \\((?:${code})\\)`);
const denied = /the sandbox denied access \(Access to this API has been restricted\)/;

export const HOSTILE_CASES: HostileCase[] = [
  // Files outside the sandbox: hidden checks, the solution, .data/, /proc of the parent, the environment.
  { name: "read-relative-paths", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: /denied access to content\/assignments\/hello-tensor\/hidden\/checks\.ts/  } },
  { name: "read-data-dir", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: /denied access to \/.*\/\.data\/pglite/  } },
  { name: "proc-parent", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: /denied access to \/proc\/1\/environ/  } },
  { name: "proc-mountinfo", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: /denied access to \/proc\/self\/mountinfo/  } },
  { name: "env-secrets", kind: "runtime", message: notAvailable("process"), wall: { kind: "runtime", message: /environment: \{"NODE_ENV":"production","PATH":"\/usr\/bin:\/bin","HOME":"\/tmp"/  } },
  { name: "symlink-tmp", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: /denied access \(fs\.symlink API requires full fs\.read and fs\.write permissions\.\)/  } },
  { name: "hardlink-tmp", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: /denied access to \/sandbox\/runner\.cjs/  } },
  { name: "inherited-fds", kind: "runtime", message: notAvailable("process"), wall: { kind: "runtime", message: /open descriptors: 3:socket (?:\d+:(?:fifo|other|socket) ?)*\n/  } },
  { name: "dev-devices", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: /denied access to \/dev\/mem/  } },
  // Module loading past the submission's require.
  { name: "create-require", kind: "runtime", message: notAvailable("process"), wall: { kind: "runtime", message: /Cannot find module '\/.*\/package\.json'/  } },
  { name: "module-load", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: denied  } },
  { name: "eval-require", kind: "runtime", message: /Cannot eval with evalTaming set to "no-eval"/ },
  // An async failure the public tests do not await surfaces as an uncaught rejection, in that check or the next.
  { name: "dynamic-import", kind: "runtime", message: /Function\.prototype\.constructor is not a valid constructor/ },
  { name: "process-binding", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: /the sandbox denied access \(process\.binding\)/  } },
  { name: "native-addon", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: /the sandbox does not load native addons \(Cannot load native addon because loading addons is disabled\.\)/  } },
  // Processes, threads, debuggers, signals, privileges.
  { name: "worker-threads", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: denied  } },
  { name: "child-exec", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: denied  } },
  { name: "inspector-debug", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: /denied access to StartIoThread/  } },
  { name: "kill-parent", kind: "runtime", message: notAvailable("process"), wall: { kind: "runtime", message: /Error: kill ESRCH/  } },
  { name: "setuid-root", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: /does not allow changing the user or group \(setgid: EINVAL/  } },
  // Network in every form.
  { name: "http-loopback", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: network("ECONNREFUSED")  } },
  { name: "tcp-postgres", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: network("ECONNREFUSED")  } },
  { name: "unix-socket", kind: "runtime", message: notAvailable("process"), wall: { kind: "runtime", message: /no socket: \/var\/run\/postgresql\/\.s\.PGSQL\.5432: ENOENT; @\/tmp\/\.X11-unix\/X0: ECONNREFUSED/  } },
  { name: "udp-dgram", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: network("ENETUNREACH")  } },
  { name: "dns-lookup", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: network("EAI_AGAIN|ENOTFOUND")  } },
  { name: "tls-connect", kind: "runtime", message: notAvailable("process"), wall: { kind: "sandbox", message: network("ENETUNREACH")  } },
  { name: "websocket", kind: "runtime", message: notAvailable("WebSocket"), wall: { kind: "sandbox", message: network("ENETUNREACH")  } },
  // WebAssembly.
  // Filling 64 MiB at a time: on a busy machine the 3 s wall clock can come first.
  { name: "wasm-memory-grow", kind: ["memory", "timeout"], message: /ran out of memory \(WebAssembly\.Memory\(\): could not allocate memory\)|ran longer than 3 s, the time limit of this check/ },
  { name: "wasm-infinite-loop", kind: "timeout", message: /ran longer than 3 s, the time limit for loading the submission/ },
  { name: "wasm-garbage", kind: "runtime", message: /an uncaught error escaped(?: while the check ran)?: CompileError: WebAssembly\.compile\(\): section \(code 1, "Type"\) extends past end of the module/ },
  // TF.js: a kernel past the time limit, tensors past the memory limit, a patched engine and backend.
  { name: "tf-op-spin", kind: "timeout", message: /ran longer than 3 s, the time limit of this check/ },
  // On a busy machine the 3 s wall clock can come first; tests/graders/hostile-resources.test.ts proves the memory
  // watchdog itself with a longer wall clock.
  {
    name: "tensor-leak",
    kind: ["memory", "timeout"],
    message: /ran out of memory: the sandbox held \d+ MB, more than the 1536 MB allowed for a limit of 256 MB|ran longer than 3 s, the time limit of this check/,
  },
  { name: "tf-engine-patch", kind: "runtime", message: /tf\.engine\(\) is not available while grading: use tf\.tidy, tf\.keep, tf\.dispose and tf\.memory/ },
  { name: "set-backend-flags", kind: "runtime", message: /tf\.setBackend\('cpu'\) is not available while grading: the grader runs on 'wasm'/ },
  // Globals patched to fake outputs.
  { name: "patch-json-buffer", kind: "runtime", message: /Cannot assign to read only property 'stringify' of object '\[object JSON\]'/ },
  { name: "patch-typed-arrays", kind: "runtime", message: /Cannot assign to read only property 'Float32Array'/ },
  { name: "patch-dataview", kind: "runtime", message: /Cannot assign to read only property 'setInt32' of object '\[object DataView\]'/ },
  { name: "patch-time-random", kind: "runtime", message: /Cannot assign to read only property 'random' of object '\[object Math\]'/ },
  { name: "patch-stdout", kind: "runtime", message: notAvailable("process"), wall: { kind: null, message: /^0 of 6 sums are right\./  } },
  // Returned values that imitate tensors, throw, cycle or explode.
  { name: "proxy-tensor", kind: "output", message: /returned a tensor whose data \(4 values\) does not match its shape \[100000, 100000\]/ },
  { name: "impostor-prototype", kind: "output", message: /returned an object posing as a tf\.Tensor \(it is not a real tensor: reading it failed with TypeError/ },
  { name: "fake-tensor-object", kind: "output", message: /returned a function, which cannot be sent to the grader/ },
  { name: "throwing-getter", kind: "runtime", message: /reading the value the submission returned threw a non-Error value: an object that cannot be printed/ },
  { name: "cyclic-output", kind: "output", message: /returned a value nested deeper than 32 levels/ },
  { name: "bigint-output", kind: "output", message: /returned a bigint, which cannot be sent to the grader/ },
  // Bombs that fill memory step by step: on a busy machine the 3 s wall clock can stop them first.
  { name: "json-bomb-wide", kind: ["memory", "timeout"], message: /ran out of memory before the check finished \(limit 256 MB\)|ran longer than 3 s, the time limit of this check/ },
  // The public tests walk the structure themselves (inside the sandbox) and time out; the call check refuses it.
  { name: "json-bomb-shared", kind: "output", check: "same-shape", message: /returned more than 1,000,000 values/ },
  // zlib's native allocations fail in one of three ways, all memory: the watchdog, std::bad_alloc or a segfault.
  {
    name: "deflate-bomb",
    kind: "runtime",
    message: notAvailable("process"),
    wall: {
      kind: ["memory", "timeout"],
      message: /ran out of memory(?:: the sandbox held \d+ MB, more than the 1536 MB allowed| before the check finished)|ran longer than 3 s, the time limit of this check/,
    },
  },
  // The protocol channel.
  { name: "fd3-half-frame", kind: "runtime", message: notAvailable("process"), wall: { kind: "output", message: /protocol channel received a line the runner did not write \(it failed authentication\)/ } },
  { name: "fd3-oversized-frame", kind: "runtime", message: notAvailable("process"), wall: { kind: "output", message: /sent more than 1\.0 MiB of output to the grader/  } },
  { name: "fd3-flood", kind: "runtime", message: notAvailable("process"), wall: { kind: "output", message: /protocol channel received a line the runner did not write \(it failed authentication\)/ } },
  { name: "fd3-forge-fatal", kind: "runtime", message: notAvailable("process"), wall: { kind: "output", message: /protocol channel received a line the runner did not write \(it failed authentication\)/ } },
  { name: "fd3-close", kind: "runtime", message: notAvailable("process"), wall: { kind: "runtime", message: /the process exited with code \d+ before the check finished/  } },
  { name: "stdin-hijack", kind: "runtime", message: notAvailable("process"), wall: { kind: "timeout", message: /ran longer than 3 s, the time limit of this check/  } },
  { name: "exit-handler", kind: "runtime", message: notAvailable("process"), wall: { kind: "output", message: /wrote to the grader's protocol channel after the check finished/  } },
  // Unsigned lines on fd 3 fail authentication wherever they land; a late one may be noticed as a late write.
  { name: "timers-after-result", kind: "runtime", message: notAvailable("process"), wall: { kind: "output", message: /failed authentication|sent more messages after the check finished|wrote to the grader.s protocol channel after the check finished/ } },
  // The language and the runtime.
  { name: "unicode-homoglyph", kind: "runtime", message: /does not export a function named 'addTensors' \(it exports: \u0430ddTensors\)/ },
  { name: "exports-proxy", kind: "runtime", message: /loading the submission threw: Error: exports trap/ },
  { name: "top-level-await", kind: "compile", message: /submission\.ts:5:1: Top-level await is currently not supported/ },
  { name: "atomics-wait", kind: "timeout", message: /ran longer than 3 s, the time limit of this check/ },
  { name: "stack-overflow", kind: "runtime", message: /RangeError: Maximum call stack size exceeded\n\s+at down \(submission\.ts:6:3\)/ },
  { name: "freeze-globals", kind: null, message: /^0 of 6 sums are right\./ },
  { name: "prepare-stack-trace", kind: "runtime", message: /Error: frames: \/sandbox\/node_modules\/@tensorflow\// },
  // Extremely long or deep sources.
  {
    name: "compile-nesting-bomb",
    kind: "compile",
    message: /submission\.ts: the code is nested too deeply to compile/,
    append: () => `\nexport const deep = ${"[".repeat(50_000)}0${"]".repeat(50_000)};\n`,
  },
  // Issue #15, class 1: hidden files compiled into the submission (globs, text imports, re-exports by path).
  { name: "c1-glob-require", kind: "compile", message: /^submission\.ts:7:26: require\(\) needs a string literal naming one of '@tensorflow\/tfjs'/ },
  { name: "c1-text-secret", kind: "compile", message: /^submission\.ts:4:20: cannot import '\.\.\/\.\.\/\.data\/auth-secret': only '@tensorflow\/tfjs' can be imported here/ },
  { name: "c1-dynamic-glob", kind: "compile", message: /^submission\.ts:7:25: import\(\) is not available while grading/ },
  { name: "c1-reexport-hidden", kind: "compile", message: /cannot import '\/.*\/content\/assignments\/hello-tensor\/hidden\/solution': only '@tensorflow\/tfjs' can be imported here/ },
  { name: "c1-absolute-glob", kind: "compile", message: /require\(\) needs a string literal naming one of '@tensorflow\/tfjs'/ },
  // Class 2: the runner's protocol taken over from inside the sandbox.
  { name: "c2-console-stream", kind: "runtime", message: /TypeError: Cannot read properties of undefined \(reading 'write'\)/ },
  { name: "c2-sloppy-this", kind: "runtime", message: /TypeError: Cannot read properties of undefined \(reading 'process'\)/ },
  { name: "c2-constructor-escape", kind: "runtime", message: /Function\.prototype\.constructor is not a valid constructor/ },
  { name: "c2-tf-env-global", kind: "runtime", message: /TypeError: Cannot read properties of undefined \(reading 'process'\)/ },
  { name: "c2-signed-forge", kind: "runtime", message: notAvailable("process"), wall: { kind: "output", message: /protocol channel received a line the runner did not write \(it failed authentication\)/ } },
  // Class 3: measurements made through things the student can patch.
  { name: "c3-patch-array-map", kind: "runtime", message: /loading the submission threw: TypeError: Cannot assign to read only property 'map'/ },
  { name: "c3-patch-isfinite", kind: "runtime", message: /loading the submission threw: TypeError: Cannot assign to read only property 'isFinite'/ },
  { name: "c3-patch-tf-memory", kind: "runtime", message: /loading the submission threw: TypeError: Cannot set property memory of .* which has only a getter/ },
  { name: "c3-patch-tensor-proto", kind: "runtime", message: /loading the submission threw: TypeError: Cannot (?:redefine property: isDisposed|assign to read only property 'dataSync')/ },
  { name: "c3-patch-model-proto", kind: "runtime", message: /loading the submission threw: TypeError: Cannot assign to read only property 'predict' of a frozen prototype/ },
  { name: "c3-engine-state", kind: "runtime", message: /loading the submission threw: Error: tf\.engine\(\) is not available while grading/ },
  // Class 6: sources that make the TypeScript parser quadratic, compiled under a time limit outside the trusted process.
  { name: "c6-lt-paren", kind: "compile", message: /^submission\.ts: compiling took longer than 3 s, the limit for compiling a submission/, append: () => `\nlet q = a${"<(b".repeat(20_000)};\n` },
  { name: "c6-lt-chain", kind: "compile", message: /^submission\.ts: compiling took longer than 3 s/, append: () => `\nlet r = a${"<a".repeat(30_000)};\n` },
  { name: "c6-new-generic", kind: "compile", message: /^submission\.ts: compiling took longer than 3 s/, append: () => `\nlet s = new a${"<b".repeat(30_000)};\n` },
  // Class 7: garbage values a trusted check must score, never crash on.
  { name: "c7-garbage-values", kind: null, message: /^0 of 6 sums are right\./ },
  // Class 8: escape sequences for the instructor's terminal; a runner killed right after its result.
  { name: "c8-ansi-output", kind: "runtime", message: /Error: ␛\[1A␛\[2K␛\[32mall checks passed␛\[0m/ },
  { name: "c8-die-after-result", kind: "runtime", message: notAvailable("process"), wall: { kind: ["memory", "runtime", "output"], message: /after the check returned/ } },
  { name: "long-source-5mb", fixture: "long-source", kind: "compile", message: /^submission\.ts is larger than 256 KiB$/, append: () => padding(5e6), direct: true },
  { name: "long-source-50mb", fixture: "long-source", kind: "compile", message: /^submission\.ts is larger than 256 KiB$/, append: () => padding(50e6), direct: true },
];

/** Paths a hostile case tries to create on the host; none may exist afterwards. */
export const HOST_PATHS_NEVER_CREATED = [
  "/tmp/unlabeled-hostile-link",
  "/tmp/unlabeled-hostile-hardlink",
  "/tmp/unlabeled-hostile-hardlink-2",
  "/tmp/evil.node",
];
