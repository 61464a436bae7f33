/** Reads a lesson's YAML frontmatter without compiling the MDX body (for fast lesson lists). */
import { parse } from "yaml";
import { displayPath, type Parsed } from "./content-files";
import { lessonFrontmatterSchema, type LessonFrontmatter } from "./lesson-schema";

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

export function parseLessonFrontmatter(file: string, source: string): Parsed<LessonFrontmatter> {
  const shown = displayPath(file);
  const match = FRONTMATTER.exec(source);
  if (!match) return { ok: false, problems: [`${shown}: frontmatter: missing (start the file with a --- block)`] };
  let data: unknown;
  try {
    data = parse(match[1]!);
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
    return { ok: false, problems: [`${shown}: frontmatter: ${message}`] };
  }
  const result = lessonFrontmatterSchema.safeParse(data ?? {});
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => `${shown}: ${["frontmatter", ...i.path].join(".")}: ${i.message}`),
  };
}
