/** The format of content/course.yaml: title, units and lesson order, and where each assignment belongs. */
import { z } from "zod";
import { slugSchema } from "./assignment-schema";

export const unitSchema = z.strictObject({
  title: z.string().min(1).max(200),
  summary: z.string().max(1000).optional(),
  /** Lesson slugs in reading order; each is content/lessons/<slug>.mdx. */
  lessons: z.array(slugSchema).min(1),
});

export const courseSchema = z.strictObject({
  title: z.string().min(1).max(200),
  tagline: z.string().max(300).optional(),
  units: z.array(unitSchema).min(1),
  /** Assignment slug -> lesson slug it belongs to. */
  assignments: z.record(slugSchema, slugSchema).default({}),
});

export type CourseConfig = z.infer<typeof courseSchema>;
