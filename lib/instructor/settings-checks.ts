/**
 * The rubric as the grading engine sees it, for the term-settings console and its save verb: each check's default
 * title, points and visibility and whether it runs the public tests (such a check keeps 0 points), and the engine's
 * own verdict on a rubric override (graders/engine/assignments.ts loadAssignment(slug, { rubric })). When this process
 * does not grade the assignment from the served course (a fixture course in tests), assignment.yaml answers alone:
 * a check id `public-tests` is taken as the public-tests check (publicTestsCheck()'s default id). Server-only.
 */
import "server-only";
import path from "node:path";
import type { AssignmentConfig, Visibility } from "@/lib/content/assignment-schema";
import { contentRoot } from "@/lib/content/course";
import type { RubricOverride } from "@/lib/content/settings-schema";

export interface RubricCheck {
  check: string;
  title: string;
  /** assignment.yaml's points. */
  points: number;
  /** The visibility the engine gives the check without an override. */
  visibility: Visibility;
  /** Runs the public tests in the student's sandbox: informational, its points stay 0. */
  publicTests: boolean;
}

export interface RubricChecks {
  checks: RubricCheck[];
  /** engine: read through the grading engine; file: from assignment.yaml alone. */
  source: "engine" | "file";
  /** Why the engine could not be asked (the console shows it). */
  problem: string | null;
}

type Engine = typeof import("@/graders/engine/assignments");

/** The engine, when it grades `slug` from the course this process serves; null otherwise. */
async function engineFor(slug: string, contentDir: string | undefined): Promise<Engine | null> {
  if (contentDir !== undefined && path.resolve(contentDir) !== path.resolve(contentRoot())) return null;
  const engine = await import("@/graders/engine/assignments");
  return engine.gradedAssignments().includes(slug) ? engine : null;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
const isConfigError = (err: unknown) => err instanceof Error && err.name === "AssignmentConfigError";

function fromFile(config: AssignmentConfig, problem: string | null): RubricChecks {
  return {
    checks: config.rubric.map((r) => ({
      check: r.check,
      title: r.title ?? r.check,
      points: r.points,
      visibility: r.visibility,
      publicTests: r.check === "public-tests",
    })),
    source: "file",
    problem,
  };
}

/** Each rubric item's defaults (assignment.yaml, as the engine loads it) in rubric order. */
export async function rubricChecks(slug: string, config: AssignmentConfig, contentDir?: string): Promise<RubricChecks> {
  const engine = await engineFor(slug, contentDir);
  if (!engine) return fromFile(config, null);
  try {
    const loaded = await engine.loadAssignment(slug);
    const checks = loaded.checks.map((c) => ({
      check: c.id,
      title: c.title,
      points: c.points,
      visibility: c.visibility,
      publicTests: c.definition.task === "public-tests",
    }));
    return { checks, source: "engine", problem: null };
  } catch (err) {
    if (!isConfigError(err)) throw err;
    return fromFile(config, `The grading engine cannot load this assignment: ${message(err)}`);
  }
}

/**
 * The engine's refusal of a rubric override, in its words, or null when it accepts it (or cannot be asked, when
 * assignment.yaml's checks in the save verb are all there is to go by).
 */
export async function engineRefusal(
  slug: string,
  rubric: Record<string, RubricOverride>,
  contentDir?: string,
): Promise<string | null> {
  const engine = await engineFor(slug, contentDir);
  if (!engine) return null;
  try {
    await engine.loadAssignment(slug, { rubric });
    return null;
  } catch (err) {
    if (!isConfigError(err)) throw err;
    return message(err);
  }
}
