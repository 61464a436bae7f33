import type { RubricOverride } from "@/lib/content/settings-schema";
import type { StoredResult } from "./record-result";
import type { GradePhase } from "./schedule";

export interface GradeProgress {
  phase: string;
  [key: string]: unknown;
}

/**
 * The engine as the worker calls it. `phase` (lib/grading/phases.ts): `all` grades everything (today's engine
 * supports only this); with `splitsPhases`, `cheap` runs the checks that train nothing and returns a result with
 * `pending_expensive: true` when the expensive experiment must still run; `expensive` is given that result as
 * `prior` and returns the complete one. `rubric` is the instructor's term override of rubric items (points,
 * visibility by check id; lib/content/effective-settings.ts), layered over assignment.yaml by the engine; absent
 * when there is none.
 */
export type GradeFn = (args: {
  slug: string;
  source: string;
  seed: number;
  onProgress: (progress: GradeProgress) => void;
  signal: AbortSignal;
  phase: GradePhase;
  prior: StoredResult | null;
  rubric?: Record<string, RubricOverride>;
}) => Promise<StoredResult>;

export interface GraderDeps {
  grade: GradeFn;
  graderVersion(slug: string): Promise<string>;
  /** Assignments this engine's checks make training (lib/grading/cost.ts); none when absent. */
  trainingAssignments?(): Promise<string[]>;
  /** The engine can grade a training assignment in two phases (cheap, then expensive). */
  splitsPhases?: boolean;
}

export type JobLike = { id: string; data: unknown; retryCount?: number; retryLimit?: number; priority?: number };
