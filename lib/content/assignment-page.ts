/** The public face of one assignment: its config and README.mdx compiled to React. Server-only. */
import "server-only";
import path from "node:path";
import type { ReactElement } from "react";
import { z } from "zod";
import { ContentError } from "./content-error";
import { assignmentDir, readTextFile } from "./content-files";
import { contentRoot } from "./course";
import { compileMdxFile } from "./mdx-compiler";
import { listAssignments, type AssignmentEntry } from "./assignments";

const readmeFrontmatter = z.looseObject({});

export interface AssignmentPage extends AssignmentEntry {
  readme: ReactElement;
}

export async function getAssignmentPage(slug: string, contentDir: string = contentRoot()): Promise<AssignmentPage | null> {
  const entry = (await listAssignments(contentDir)).find((a) => a.slug === slug);
  if (!entry) return null;
  const file = path.join(assignmentDir(contentDir, slug), "README.mdx");
  const text = await readTextFile(file);
  if (!text.ok) throw new ContentError(text.problems);
  const compiled = await compileMdxFile(file, text.value, readmeFrontmatter);
  if (!compiled.ok) throw new ContentError(compiled.problems);
  return { ...entry, readme: compiled.value.content };
}
