/**
 * Loads an assignment of the served course package (COURSE_DIR, or ./content): its assignment.yaml merged with its
 * hidden checks (assignments/<slug>/hidden/checks.ts, compiled on the trusted side by course-code.ts and run in the
 * course-check host, course-checks.ts, which describes them). The rubric
 * decides which checks run, in which order, for how many points and with which visibility. The assignments are the
 * folders of assignments/ that hold an assignment.yaml and a hidden/checks.ts: no registry to keep.
 */
import "server-only";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { slugSchema, type AssignmentConfig, type Visibility } from "../../lib/content/assignment-schema";
import { readAssignmentFile } from "../../lib/content/content-files";
import { assignmentRoot, courseRoot } from "../../lib/content/course-root";
import type { CheckDescription, CourseCode } from "../course-host/protocol";
import { bundleCourseModule } from "./course-code";
import { describeCourseCode, remoteCheck, type HostLease } from "./course-checks";
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
  /** The course-check host that runs this assignment's checks: close it when the grading is done. */
  host: HostLease;
  /** The `unlabeled-hidden-` string exports of hidden/checks.ts (leak tests look for them). */
  canaries: string[];
}

/** Slugs of the served course's graded assignments: folders with assignment.yaml and hidden/checks.ts. */
export function gradedAssignments(): string[] {
  const dir = path.join(courseRoot(), "assignments");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "assignment.yaml")) && existsSync(path.join(dir, d.name, "hidden", "checks.ts")))
    .map((d) => d.name)
    .sort();
}

/** The course's task.ts files, bundled (never run here: the course-check host runs them). */
async function courseTaskCode(): Promise<CourseCode[]> {
  return Promise.all(courseTaskFiles().map(async (file) => ({ file, code: await bundleCourseModule(file, path.dirname(file)) })));
}

/** The course's own tasks (assignments/<slug>/task.ts, each exporting default defineTask(...)): names and files. */
export async function courseTasks(): Promise<Array<{ name: string; file: string }>> {
  const { description, lease } = await describeCourseCode(courseRoot(), { checks: null, tasks: await courseTaskCode() });
  await lease.close();
  return description.tasks;
}

/** Where assignments/<slug>/task.ts files are, for the runner bundle. */
export function courseTaskFiles(): string[] {
  const dir = path.join(courseRoot(), "assignments");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((slug) => path.join(dir, slug, "task.ts"))
    .filter((f) => existsSync(f));
}

async function readConfig(slug: string, file: string): Promise<{ config: AssignmentConfig; raw: unknown }> {
  const parsed = await readAssignmentFile(courseRoot(), slug);
  if (!parsed.ok) throw new AssignmentConfigError(`assignment '${slug}' is invalid:\n${parsed.problems.join("\n")}`);
  // The raw YAML tells a rubric item that sets its visibility from one that leaves the check's default.
  return { config: parsed.value, raw: parseYaml(readFileSync(file, "utf8")) };
}

/** A path as messages show it: relative to the working directory when inside it. */
function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
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
  const contentDir = assignmentRoot(slug);
  const file = path.join(contentDir, "assignment.yaml");
  if (!slugSchema.safeParse(slug).success || !known.includes(slug)) {
    throw new UnknownAssignmentError(`unknown assignment '${slug}' (graded assignments: ${known.join(", ") || "none"})`);
  }
  const { config, raw } = await readConfig(slug, file);
  const hiddenFile = path.join(contentDir, "hidden", "checks.ts");
  const shown = shownPath(hiddenFile);
  const shownYaml = shownPath(file);
  const code = { checks: { file: hiddenFile, code: await bundleCourseModule(hiddenFile, contentDir) }, tasks: await courseTaskCode() };
  const { description, lease } = await describeCourseCode(courseRoot(), code);
  const taskNames = new Set(description.tasks.map((t) => t.name));
  const byId = new Map<string, CheckDescription>();
  for (const check of description.checks) {
    if (!slugSchema.safeParse(check.id).success) throw new AssignmentConfigError(`${shown}: check id '${check.id}' is not kebab-case`);
    if (byId.has(check.id)) throw new AssignmentConfigError(`${shown}: check '${check.id}' is defined twice`);
    const known = "builtin" in check.task ? isTaskName(check.task.builtin) : taskNames.has(check.task.course);
    if (!known) {
      const name = "builtin" in check.task ? check.task.builtin : check.task.course;
      throw new AssignmentConfigError(`${shown}: check '${check.id}' uses task '${name}', which is neither built in (call, call-inspect, value-and-grads, public-tests) nor the default export of an assignment's task.ts`);
    }
    byId.set(check.id, check);
  }
  const rawRubric = (raw as { rubric?: Array<{ visibility?: unknown }> }).rubric ?? [];
  const seen = new Set<string>();
  const loaded = config.rubric.map((item, i): LoadedCheck => {
    const described = byId.get(item.check);
    if (!described) throw new AssignmentConfigError(`${shownYaml}: rubric item ${i + 1} names check '${item.check}', which ${shown} does not define`);
    const limits = validLimits(item.check, described.limits);
    const definition: AnyCheck = remoteCheck(described, limits, lease);
    for (const dep of definition.dependsOn ?? []) {
      if (!seen.has(dep)) throw new AssignmentConfigError(`check '${item.check}' depends on '${dep}', which must come earlier in the rubric`);
    }
    if (definition.task === "public-tests" && item.points > 0) {
      throw new AssignmentConfigError(`${shownYaml}: '${item.check}' runs public tests, whose verdicts come from the sandbox; give it 0 points`);
    }
    seen.add(item.check);
    return {
      id: item.check,
      title: item.title ?? definition.title,
      points: item.points,
      visibility: rawRubric[i]?.visibility === undefined ? definition.visibility : item.visibility,
      limits,
      dependsOn: [...(definition.dependsOn ?? [])],
      isolate: definition.isolate ?? false,
      // The default limits (30 s) do not make a check an experiment: only a wall limit it asks for does.
      experiment: definition.experiment ?? (definition.limits?.wallSeconds ?? 0) >= EXPERIMENT_WALL_SECONDS,
      definition,
    };
  });
  // A check that depends on an experiment runs in the experiments' phase too.
  for (const check of loaded) if (check.dependsOn.some((id) => loaded.find((c) => c.id === id)?.experiment)) check.experiment = true;
  const unused = [...byId.keys()].filter((id) => !seen.has(id));
  if (unused.length) throw new AssignmentConfigError(`${shown} defines checks missing from the rubric in ${shownYaml}: ${unused.join(", ")}`);
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
  return { slug, config: Object.keys(overrides).length ? { ...config, points } : config, checks: loaded, contentDir, host: lease, canaries: description.canaries };
}
