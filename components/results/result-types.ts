/**
 * What the browser receives from GET /api/submissions/[id] and its event stream (a student sees the result
 * through lib/grading/student-view.ts), and the artifact shapes of graders/engine/artifacts.ts, re-declared here
 * so client code imports nothing from the grader. Artifacts are checked again before drawing.
 */
import type { StudentResult } from "@/lib/grading/student-view";

export type ResultView = StudentResult;

export interface SubmissionView {
  id: string;
  assignment: string;
  status: "queued" | "running" | "graded" | "failed" | "superseded";
  phase: string | null;
  progress: ProgressView | null;
  queuePosition: number | null;
  /** Place in the queue and the wait estimate while queued or running (lib/grading/queue-status.ts). */
  queue: QueueView | null;
  attempts: number;
  failure: string | null;
  /** Status superseded: the newer submission, numbered as in the history, and a sentence saying so. */
  supersededBy: { id: string; number: number } | null;
  message: string | null;
  createdAt: string;
  gradedAt: string | null;
  result: ResultView | null;
}

/** lib/grading/queue-status.ts QueueStatus, re-declared for client code. */
export interface QueueView {
  position: number | null;
  graders: number;
  lowSeconds: number | null;
  highSeconds: number | null;
  unknownReason: string | null;
  samples: number;
  medianSeconds: number | null;
}

export interface ProgressView {
  phase?: string;
  check?: string;
  epoch?: number;
  metrics?: Record<string, number>;
  message?: string;
  /** A check the student may not see by name is running. */
  hidden?: boolean;
}

export interface CurveArtifact {
  kind: "curve";
  name: string;
  x_label?: string;
  y_label?: string;
  series: { name: string; x: number[]; y: (number | null)[] }[];
}

export interface ImageGridArtifact {
  kind: "image-grid";
  name: string;
  columns?: number;
  images: { shape: [number, number] | [number, number, number]; data: string; caption?: string }[];
}

export interface MatrixArtifact {
  kind: "matrix";
  name: string;
  rows?: string[];
  columns?: string[];
  values: number[][];
}

export type ArtifactView = CurveArtifact | ImageGridArtifact | MatrixArtifact;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isNumbers = (v: unknown): v is number[] =>
  Array.isArray(v) && v.every((x) => typeof x === "number" || x === null);

/** The artifacts of a test that can be drawn; anything malformed is dropped. */
export function drawableArtifacts(raw: unknown): ArtifactView[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((a): a is ArtifactView => {
    if (!isObject(a) || typeof a.name !== "string") return false;
    if (a.kind === "curve")
      return Array.isArray(a.series) && a.series.every((s) => isObject(s) && isNumbers(s.x) && isNumbers(s.y));
    if (a.kind === "image-grid")
      return (
        Array.isArray(a.images) &&
        a.images.every((i) => isObject(i) && Array.isArray(i.shape) && typeof i.data === "string")
      );
    if (a.kind === "matrix") return Array.isArray(a.values) && a.values.every(isNumbers);
    return false;
  });
}
