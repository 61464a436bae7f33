import { describe, expect, test } from "vitest";
import { gradedAssignments, loadAssignment } from "@/graders/engine/assignments";
import { UnknownAssignmentError } from "@/graders/engine/errors";
import { graderVersion } from "@/graders/engine/version";

describe("loadAssignment", () => {
  test("merges hello-tensor's rubric with its hidden checks, in rubric order", async () => {
    const a = await loadAssignment("hello-tensor");
    expect(a.config.lesson).toBe("getting-started");
    expect(a.checks.map((c) => [c.id, c.points, c.visibility])).toEqual([
      ["public-tests", 0, "visible"],
      ["same-shape", 4, "visible"],
      ["broadcasting", 3, "visible"],
      ["random-inputs", 2, "hidden"],
      ["no-leaks", 1, "after_due_date"],
    ]);
    expect(a.checks[0]!.title).toBe("Public tests (informational)");
    expect(a.checks[3]!.dependsOn).toEqual(["same-shape"]);
    expect(a.checks[1]!.limits).toMatchObject({ wallSeconds: 10, memoryMb: 512, outputBytes: 1024 * 1024 });
    expect(a.checks.reduce((s, c) => s + c.points, 0)).toBe(a.config.points);
  });

  test("unknown or malformed slugs are UnknownAssignmentError", async () => {
    await expect(loadAssignment("no-such-assignment")).rejects.toBeInstanceOf(UnknownAssignmentError);
    await expect(loadAssignment("../hello-tensor")).rejects.toBeInstanceOf(UnknownAssignmentError);
    await expect(loadAssignment("constructor")).rejects.toBeInstanceOf(UnknownAssignmentError);
  });

  test("every assignment folder's grader loads and every hidden checks module carries a canary", async () => {
    expect(gradedAssignments()).toHaveLength(12);
    for (const slug of gradedAssignments()) {
      const a = await loadAssignment(slug);
      expect(a.canaries.length, slug).toBeGreaterThan(0);
      expect(a.canaries[0]).toMatch(/^unlabeled-hidden-/);
      await a.host.close();
    }
  });

  test("the grader version is a stable 16-hex-digit hash", async () => {
    const v = await graderVersion("hello-tensor");
    expect(v).toMatch(/^[0-9a-f]{16}$/);
    expect(await graderVersion("hello-tensor")).toBe(v);
  });
});
