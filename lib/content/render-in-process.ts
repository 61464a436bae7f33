/** Compiles and renders MDX files in this process (needs React's full build, not react-server). */
import { z } from "zod";
import { readTextFile, displayPath } from "./content-files";
import { lessonFrontmatterSchema } from "./lesson-schema";
import { compileMdxFile } from "./mdx-compiler";
import type { RenderRequest, RenderResult } from "./render-pages";
import { renderStatic } from "./render-static";

const readmeFrontmatter = z.record(z.string(), z.unknown());

export async function renderInProcess(requests: RenderRequest[]): Promise<RenderResult[]> {
  const results: RenderResult[] = [];
  for (const { file, kind } of requests) {
    const shown = displayPath(file);
    const text = await readTextFile(file);
    if (!text.ok) {
      results.push({ file, problems: text.problems, html: "" });
      continue;
    }
    const compiled = kind === "lesson" ? await compileMdxFile(file, text.value, lessonFrontmatterSchema) : await compileMdxFile(file, text.value, readmeFrontmatter);
    if (!compiled.ok) {
      results.push({ file, problems: compiled.problems, html: "" });
      continue;
    }
    const problems = (kind === "lesson" ? compiled.value.h1 : []).map((h) => `${shown}: has a level-1 heading '${h}'; the page title is the only h1, start sections at ##`);
    const rendered = renderStatic(compiled.value.content);
    problems.push(...rendered.errors.map((e) => `${shown}: ${e}`));
    results.push({ file, problems, html: rendered.html });
  }
  return results;
}
