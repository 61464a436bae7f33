/** The site's content API (lib/content/*) and the quality bar every lesson must meet. */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { renderToStaticMarkup } from "react-dom/server";
import { parse } from "yaml";
import { beforeAll, describe, expect, test } from "vitest";
import { listAssignments } from "@/lib/content/assignments";
import { ContentError } from "@/lib/content/content-error";
import { loadCourse } from "@/lib/content/course";
import type { CourseConfig } from "@/lib/content/course-schema";
import { getLesson, listLessons, type LessonMeta } from "@/lib/content/lessons";

let course: CourseConfig;
let lessons: LessonMeta[];
beforeAll(async () => {
  course = await loadCourse();
  lessons = await listLessons();
});

describe("content API", () => {
  test("loadCourse reads content/course.yaml", async () => {
    const raw = parse(await readFile("content/course.yaml", "utf8")) as { title: string };
    expect(course.title).toBe(raw.title);
  });

  test("listLessons follows course.yaml order and names each lesson's unit", () => {
    const order = course.units.flatMap((u) => u.lessons.map((slug) => ({ slug, unit: u.title })));
    expect(lessons.map((l) => ({ slug: l.slug, unit: l.unit }))).toEqual(order);
    for (const l of lessons) expect(l.title.length && l.summary.length).toBeGreaterThan(0);
  });

  test("getLesson returns content and a table of contents, and null for an unknown slug", async () => {
    const lesson = await getLesson("getting-started");
    expect(lesson?.meta.slug).toBe("getting-started");
    expect(lesson?.toc[0]).toEqual({ id: "what-this-course-is-about", text: "What this course is about", depth: 2 });
    expect(await getLesson("no-such-lesson")).toBeNull();
  });

  test("listAssignments returns each assignment.yaml, validated, in lesson order", async () => {
    const all = await listAssignments();
    expect(all.map((a) => a.slug).sort()).toEqual(Object.keys(course.assignments).sort());
    for (const a of all) expect(a.config.lesson).toBe(course.assignments[a.slug]);
    const rank = all.map((a) => lessons.findIndex((l) => l.slug === a.config.lesson));
    expect(rank).toEqual([...rank].sort((x, y) => x - y)); // in the order of the lessons they belong to
  });

  test("errors name the file and the field", async () => {
    const bad = "tests/fixtures/courses/bad-yaml-field";
    await expect(loadCourse(bad)).rejects.toThrow(new ContentError([`${bad}/course.yaml: units.0.title: Invalid input: expected string, received number`, `${bad}/course.yaml: units.0: Unrecognized key: "color"`]));
    const sum = "tests/fixtures/courses/bad-points-sum";
    await expect(listAssignments(sum)).rejects.toThrow(`${sum}/assignments/add-one/assignment.yaml: points: points is 12 but the rubric items add up to 10`);
    await expect(listLessons("tests/fixtures/courses/bad-missing-lesson")).rejects.toThrow("lessons/ghost.mdx: file not found");
  });
});

describe("every lesson", () => {
  const slugs = (parse(readFileSync("content/course.yaml", "utf8")) as CourseConfig).units.flatMap((u) => u.lessons);

  test.each(slugs)("%s: renders, has 3–5 self-check questions, a diagram, a live demo, and ends with its assignment and its references", async (slug) => {
    const lesson = (await getLesson(slug))!;
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    let html: string;
    try {
      html = renderToStaticMarkup(lesson.content);
    } finally {
      console.error = original;
    }
    expect(errors).toEqual([]);
    // KaTeX renders a formula it cannot parse as red text instead of failing.
    expect(html.match(/class="katex-error"[^>]*title="[^"]*"/g) ?? []).toEqual([]);
    const questions = html.match(/class="mdx-question"/g)?.length ?? 0;
    expect(questions).toBeGreaterThanOrEqual(3);
    expect(questions).toBeLessThanOrEqual(5);
    expect(html).toMatch(/<svg class="dg"[^>]*role="img"[^>]*><title id="[^"]+">[^<]+<\/title><desc/);
    // course.yaml and getting-started promise a live demo in every lesson: each renders a registered one.
    const demoIds = [...html.matchAll(/<section[^>]*data-demo="([^"]+)"/g)].map((m) => m[1]);
    expect(demoIds.length, `${slug} has a live demo`).toBeGreaterThanOrEqual(1);
    expect(lesson.toc.slice(-3).map((e) => e.text)).toEqual(["Self-check", "Assignment", "References"]);
    const assignment = Object.entries(course.assignments).find(([, l]) => l === slug)?.[0];
    const tail = html.slice(html.lastIndexOf('id="assignment"'), html.lastIndexOf('id="references"'));
    if (assignment) expect(tail).toContain(`href="/assignments/${assignment}"`);
    else expect(tail).toMatch(/no assignment of its own|opens later in\s+the course/);
    const source = await readFile(`content/lessons/${slug}.mdx`, "utf8");
    // The reference list is not counted as prose (tests/content/references.test.ts checks it).
    const words = source.replace(/^---[\s\S]*?---/, "").replace(/\n## References\n[\s\S]*$/, "").split(/\s+/).filter(Boolean).length;
    expect(words).toBeGreaterThanOrEqual(800);
    expect(words).toBeLessThanOrEqual(1800);
    expect(source).toMatch(/\$\$[\s\S]+?\$\$/);
  });
});
