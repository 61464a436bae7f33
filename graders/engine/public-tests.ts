/**
 * A ready-made check that runs an assignment's public tests (<course>/assignments/<slug>/public.test.ts) in the
 * sandbox against the submission, the same tests students run in the browser. Their verdicts are computed inside
 * the sandbox, where the student's code could forge them, so this check is informational: it carries 0 points
 * (loadAssignment refuses more).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Visibility } from "../../lib/content/assignment-schema";
import { defineCheck, type CheckDefinition, type CheckLimits } from "./check";
import { compileTypeScript } from "./compile";
import { AssignmentConfigError } from "./errors";

export const PUBLIC_TEST_IMPORTS = ["@tensorflow/tfjs", "unlabeled:test", "./starter"] as const;

export function publicTestsCheck(
  opts: { id?: string; title?: string; visibility?: Visibility; limits?: Partial<CheckLimits> } = {},
): CheckDefinition<"public-tests", null> {
  return defineCheck({
    id: opts.id ?? "public-tests",
    title: opts.title ?? "Public tests pass",
    visibility: opts.visibility ?? "visible",
    limits: opts.limits,
    task: "public-tests",
    async prepare(ctx) {
      const file = path.join(ctx.dir, "public.test.ts");
      const compiled = await compileTypeScript(readFileSync(file, "utf8"), { filename: "public.test.ts", imports: PUBLIC_TEST_IMPORTS });
      if (!compiled.ok) throw new AssignmentConfigError(`${file} does not compile: ${compiled.message}`);
      return { input: { code: compiled.module.code }, hidden: null };
    },
    score({ tests }) {
      if (tests.length === 0) return { fraction: 0, feedback: "No public test ran." };
      const passed = tests.filter((t) => t.passed).length;
      const lines = tests.map((t) => (t.passed ? `✓ ${t.name}` : `✗ ${t.name}: ${t.message}`));
      return { fraction: passed / tests.length, feedback: `${passed} of ${tests.length} public tests pass.\n${lines.join("\n")}` };
    },
  });
}
