/** The frontmatter of content/lessons/<slug>.mdx. */
import { z } from "zod";

export const lessonFrontmatterSchema = z.strictObject({
  title: z.string().min(1).max(200),
  /** One or two sentences shown in lesson lists and under the title. */
  summary: z.string().min(1).max(500),
  /** Estimated reading time in minutes. */
  minutes: z.number().int().positive().max(240).optional(),
});

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;

/** What lists and navigation need to know about a lesson, in course order. */
export interface LessonMeta {
  slug: string;
  title: string;
  summary: string;
  /** The title of the unit the lesson belongs to. */
  unit: string;
  minutes?: number;
}

/** One entry of a lesson's table of contents (h2 and h3 headings). */
export interface TocEntry {
  id: string;
  text: string;
  depth: 2 | 3;
}
