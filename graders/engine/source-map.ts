/** Rewrites `submission.js:LINE:COL` positions in runner messages to the student's `submission.ts:LINE:COL`. */
import { SourceMap } from "node:module";
import { SUBMISSION_JS } from "../runner/protocol-types";

const POSITION = new RegExp(`${SUBMISSION_JS.replace(".", "\\.")}:(\\d+):(\\d+)`, "g");

export function sourceMapper(mapJson: string, filename = "submission.ts"): (text: string) => string {
  let map: SourceMap | null = null;
  try {
    map = new SourceMap(JSON.parse(mapJson) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    map = null;
  }
  return (text) =>
    text.replace(POSITION, (whole, line: string, column: string) => {
      const entry = map?.findEntry(Number(line) - 1, Number(column) - 1) as { originalLine?: number; originalColumn?: number } | undefined;
      if (!entry || entry.originalLine === undefined || entry.originalColumn === undefined) return whole;
      return `${filename}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    });
}
