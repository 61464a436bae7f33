/**
 * The served course's models (<course>/models/<name>/): pretrained weights that lessons' demos load in the browser
 * and graders load from disk. Only the files of the TF.js LayersModel format and the model card are served, by
 * exact name; everything else is a 404. Models are public course material (no hidden values in them).
 */
import "server-only";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { courseRoot } from "./course-root";

const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const FILES: Record<string, string> = { "model.json": "application/json", "card.json": "application/json", "weights.bin": "application/octet-stream" };

export interface CourseModelFile {
  body: Buffer;
  contentType: string;
}

/** The file, or null when the name or file is not one that is served or does not exist. */
export function readCourseModelFile(name: string, file: string, root: string = courseRoot()): CourseModelFile | null {
  const contentType = FILES[file];
  if (!contentType || !NAME.test(name)) return null;
  const full = path.join(root, "models", name, file);
  if (!existsSync(full) || !statSync(full).isFile()) return null;
  return { body: readFileSync(full), contentType };
}
