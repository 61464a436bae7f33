/** The public files the workspace needs: the starter (initial editor content) and public.test.ts (run in the browser). */
import "server-only";
import path from "node:path";
import { ContentError } from "@/lib/content/content-error";
import { assignmentDir, readTextFile } from "@/lib/content/content-files";
import { contentRoot } from "@/lib/content/course";

export async function readWorkspaceFiles(
  slug: string,
  contentDir: string = contentRoot(),
): Promise<{ starter: string; publicTests: string }> {
  const dir = assignmentDir(contentDir, slug);
  const [starter, publicTests] = await Promise.all([
    readTextFile(path.join(dir, "starter.ts")),
    readTextFile(path.join(dir, "public.test.ts")),
  ]);
  const problems = [...(starter.ok ? [] : starter.problems), ...(publicTests.ok ? [] : publicTests.problems)];
  if (!starter.ok || !publicTests.ok) throw new ContentError(problems);
  return { starter: starter.value, publicTests: publicTests.value };
}
