import "server-only";
import { z } from "zod";
import { insertLessonRead } from "@/db/queries/progress";
import { loadCourse, courseLessonSlugs } from "@/lib/content/course";
import { slugSchema } from "@/lib/content/assignment-schema";
import { AppError } from "../errors";
import { defineVerb } from "../verb";

const inputSchema = z.object({ lesson: slugSchema });

/** Records that the signed-in student has read a lesson (idempotent). */
export const markLessonRead = defineVerb({
  input: inputSchema,
  run: async (ctx, { lesson }): Promise<void> => {
    const actor = ctx.actor;
    if (!courseLessonSlugs(await loadCourse(ctx.contentDir)).includes(lesson))
      throw new AppError("not_found", `There is no lesson '${lesson}'.`);
    await insertLessonRead(ctx.db, actor.id, lesson);
  },
});
