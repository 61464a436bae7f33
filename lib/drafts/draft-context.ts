import "server-only";
import { listAssignments } from "@/lib/content/assignments";
import type { ServiceContext } from "../context";
import { AppError } from "../errors";

export interface DraftContext extends ServiceContext {
  /** The content folder (tests point it at a fixture course). */
  contentDir?: string;
}

/** Drafts exist only for published assignments: an unknown slug is not_found, never a new row. */
export async function requireAssignment(ctx: DraftContext, slug: string) {
  const entry = (await listAssignments(ctx.contentDir)).find((a) => a.slug === slug);
  if (!entry) throw new AppError("not_found", `There is no assignment '${slug}'.`);
  return entry;
}
