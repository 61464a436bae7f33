/**
 * Loads an assignment: its public assignment.yaml (content/assignments/<slug>/) merged with its hidden checks
 * (graders/<slug>/checks.ts through graders/registry.ts). The rubric decides which checks run, in which order,
 * for how many points and with which visibility.
 */
import "server-only";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { assignmentSchema, formatIssues, slugSchema, type AssignmentConfig, type Visibility } from "../../lib/content/assignment-schema";
import { graderRegistry } from "../registry";
import { DEFAULT_LIMITS, EXPERIMENT_WALL_SECONDS, type AnyCheck, type CheckLimits } from "./check";
import { AssignmentConfigError, UnknownAssignmentError } from "./errors";
import { isTaskName } from "./tasks";

export interface LoadedCheck {
  id: string;
  title: string;
  points: number;
  visibility: Visibility;
  limits: CheckLimits;
  dependsOn: string[];
  isolate: boolean;
  /** An expensive experiment, or a check that builds on one: the second phase of two-phase grading. */
  experiment: boolean;
  definition: AnyCheck;
}

export interface LoadedAssignment {
  slug: string;
  config: AssignmentConfig;
  /** In rubric order. */
  checks: LoadedCheck[];
  /** content/assignments/<slug> (absolute). */
  contentDir: string;
}

/** Slugs with a grader in graders/registry.ts. */
export function gradedAssignments(): string[] {
  return Object.keys(graderRegistry).sort();
}

function readConfig(slug: string, file: string): { config: AssignmentConfig; raw: unknown } {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, "utf8"));
  } catch (err) {
    throw new AssignmentConfigError(`${file}: not valid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = assignmentSchema.safeParse(raw);
  if (!parsed.success) throw new AssignmentConfigError(`assignment '${slug}' is invalid:\n${formatIssues(file, parsed.error).join("\n")}`);
  return { config: parsed.data, raw };
}

function validLimits(id: string, limits: Partial<CheckLimits> | undefined): CheckLimits {
  const merged = { ...DEFAULT_LIMITS, ...limits };
  for (const [key, value] of Object.entries(merged)) {
    if (!(typeof value === "number" && value > 0 && Number.isFinite(value))) throw new AssignmentConfigError(`check '${id}': limits.${key} must be a positive number`);
  }
  return merged;
}

/** An instructor's change to a rubric item for the term, layered over assignment.yaml (lib/instructor settings). */
export interface RubricOverride {
  points?: number;
  visibility?: Visibility;
}

/**
 * Loads and cross-checks an assignment. UnknownAssignmentError for an unknown slug; AssignmentConfigError for bad
 * files. `rubric` overrides points or visibility of rubric items by check id; the total points follow.
 */
export async function loadAssignment(slug: string, opts: { rubric?: Record<string, RubricOverride> } = {}): Promise<LoadedAssignment> {
  const known = gradedAssignments();
  const contentDir = path.join(process.cwd(), "content", "assignments", slug);
  const file = path.join(contentDir, "assignment.yaml");
  const loader = slugSchema.safeParse(slug).success && Object.prototype.hasOwnProperty.call(graderRegistry, slug) ? graderRegistry[slug] : undefined;
  if (!loader || !existsSync(file)) {
    throw new UnknownAssignmentError(`unknown assignment '${slug}' (graded assignments: ${known.join(", ") || "none"})`);
  }
  const { config, raw } = readConfig(slug, file);
  const { checks } = await loader();
  const byId = new Map<string, AnyCheck>();
  for (const check of checks) {
    if (!slugSchema.safeParse(check.id).success) throw new AssignmentConfigError(`graders/${slug}: check id '${check.id}' is not kebab-case`);
    if (byId.has(check.id)) throw new AssignmentConfigError(`graders/${slug}: check '${check.id}' is defined twice`);
    if (!isTaskName(check.task)) throw new AssignmentConfigError(`graders/${slug}: check '${check.id}' names unknown task '${check.task}'`);
    byId.set(check.id, check);
  }
  const rawRubric = (raw as { rubric?: Array<{ visibility?: unknown }> }).rubric ?? [];
  const seen = new Set<string>();
  const loaded = config.rubric.map((item, i): LoadedCheck => {
    const definition = byId.get(item.check);
    if (!definition) throw new AssignmentConfigError(`${file}: rubric item ${i + 1} names check '${item.check}', which graders/${slug} does not define`);
    for (const dep of definition.dependsOn ?? []) {
      if (!seen.has(dep)) throw new AssignmentConfigError(`check '${item.check}' depends on '${dep}', which must come earlier in the rubric`);
    }
    if (definition.task === "public-tests" && item.points > 0) {
      throw new AssignmentConfigError(`${file}: '${item.check}' runs public tests, whose verdicts come from the sandbox; give it 0 points`);
    }
    seen.add(item.check);
    const limits = validLimits(item.check, definition.limits);
    return {
      id: item.check,
      title: item.title ?? definition.title,
      points: item.points,
      visibility: rawRubric[i]?.visibility === undefined ? definition.visibility : item.visibility,
      limits,
      dependsOn: [...(definition.dependsOn ?? [])],
      isolate: definition.isolate ?? false,
      experiment: definition.experiment ?? limits.wallSeconds >= EXPERIMENT_WALL_SECONDS,
      definition,
    };
  });
  // A check that depends on an experiment runs in the experiments' phase too.
  for (const check of loaded) if (check.dependsOn.some((id) => loaded.find((c) => c.id === id)?.experiment)) check.experiment = true;
  const unused = [...byId.keys()].filter((id) => !seen.has(id));
  if (unused.length) throw new AssignmentConfigError(`graders/${slug} defines checks missing from the rubric in ${file}: ${unused.join(", ")}`);
  const overrides = opts.rubric ?? {};
  for (const [id, o] of Object.entries(overrides)) {
    const check = loaded.find((c) => c.id === id);
    if (!check) throw new AssignmentConfigError(`a rubric override names check '${id}', which ${slug} does not have`);
    if (o.points !== undefined) {
      if (!(Number.isFinite(o.points) && o.points >= 0)) throw new AssignmentConfigError(`the rubric override of '${id}' has invalid points ${o.points}`);
      if (check.definition.task === "public-tests" && o.points > 0) throw new AssignmentConfigError(`'${id}' runs public tests, whose verdicts come from the sandbox; it keeps 0 points`);
      check.points = o.points;
    }
    if (o.visibility !== undefined) check.visibility = o.visibility;
  }
  const points = loaded.reduce((sum, c) => sum + c.points, 0);
  return { slug, config: Object.keys(overrides).length ? { ...config, points } : config, checks: loaded, contentDir };
}
