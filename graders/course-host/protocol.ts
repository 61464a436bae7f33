/**
 * The protocol between the trusted engine and a course-check host (graders/course-host/main.ts): one JSON object
 * per line, engine → host on stdin, host → engine on fd 3 (console output stays on stdout/stderr). The engine
 * validates every line the host sends with zod (graders/engine/course-host.ts): the host runs a course author's
 * code, so nothing it says is trusted beyond its shape. Values cross as wire values (tensors as data, NaN kept).
 */
import type { Wire } from "../runner/protocol-types";
import type { Visibility } from "../../lib/content/assignment-schema";
import type { CheckLimits } from "../engine/check";

export const HOST_PROTOCOL_FD = 3;

/** What a check is, as the engine needs to know it without its code. */
export interface CheckDescription {
  id: string;
  title: string;
  visibility: Visibility;
  limits?: Partial<CheckLimits>;
  dependsOn?: string[];
  isolate?: boolean;
  experiment?: boolean;
  /** A built-in task's name, or a course task's (from some assignment's task.ts). */
  task: { builtin: string } | { course: string };
}

export interface HostDescription {
  checks: CheckDescription[];
  /** The course's task.ts default exports by name, with the file each came from. */
  tasks: Array<{ name: string; file: string }>;
  /** String exports of hidden/checks.ts that start with `unlabeled-hidden-` (the leak tests' canary). */
  canaries: string[];
}

export interface HostContext {
  assignment: string;
  checkId: string;
  seed: number;
  /** The assignment's folder (absolute; the same path inside the host). */
  dir: string;
}

export interface PreparedWire {
  handle: number;
  input: Wire;
  runnerSeed?: number;
}

export type HostRequest =
  | { id: number; op: "load"; checks: CourseCode | null; tasks: CourseCode[]; courseRoot: string }
  | { id: number; op: "prepare"; ctx: HostContext }
  | { id: number; op: "next"; ctx: HostContext; handle: number; output: Wire; stage: number }
  | { id: number; op: "validate"; checkId: string; output: Wire }
  | { id: number; op: "score"; ctx: HostContext; handle: number; output: Wire }
  /** A grading ended: its hidden data can go. */
  | { id: number; op: "release"; handles: number[] }
  /** The answer to the host's compile request (public tests are compiled in the compile sandbox, by the engine). */
  | { id: number; op: "compiled"; outcome: { ok: true; code: string; map: string } | { ok: false; message: string } };

export interface CourseCode {
  /** The module's file (absolute), for messages and stacks. */
  file: string;
  /** CommonJS, bundled by the engine (graders/engine/course-code.ts). */
  code: string;
}

export type HostMessage =
  | { type: "ready" }
  | { type: "reply"; id: number; ok: true; value: unknown }
  | { type: "reply"; id: number; ok: false; error: string; config?: boolean }
  | { type: "compile"; id: number; source: string; filename: string; imports: string[] };
