import "server-only";
import { z } from "zod";
import { insertLessonRead } from "@/db/queries/progress";
import { loadCourse, courseLessonSlugs } from "@/lib/content/course";
import { slugSchema } from "@/lib/content/assignment-schema";
import { authorize, type ServiceContext } from "../context";
import { AppError } from "../errors";
import { parseInput } from "../validation";

/** Records that the signed-in student has read a lesson (idempotent). */
export async function markLessonRead({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<void> {
  const actor = authorize(ctx.actor);
  const { lesson } = parseInput(z.object({ lesson: slugSchema }), input);
  if (!courseLessonSlugs(await loadCourse()).includes(lesson)) throw new AppError("not_found", `There is no lesson '${lesson}'.`);
  await insertLessonRead(ctx.db, actor.id, lesson);
}
