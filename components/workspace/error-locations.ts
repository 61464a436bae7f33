/**
 * Finds `<file>.ts:LINE:COLUMN` positions in grader and worker messages (compile errors, mapped runtime stacks) so
 * the workspace can put markers on the student's lines. Pure; shared by the editor and the result views.
 */
export interface ErrorLocation {
  line: number;
  column: number;
  /** The text after the position on its line, or the whole message when that is empty. */
  message: string;
}

const POSITION = /(?:^|[\s(])(?:submission|starter)\.ts:(\d+):(\d+)(?::\s*([^\n]*))?/g;

/** Every position in `text`, in order, without duplicates (same line and column). */
export function findErrorLocations(text: string, fallbackMessage?: string): ErrorLocation[] {
  const seen = new Set<string>();
  const out: ErrorLocation[] = [];
  for (const m of text.matchAll(POSITION)) {
    const line = Number(m[1]);
    const column = Number(m[2]);
    if (!(line > 0) || !(column > 0)) continue;
    const key = `${line}:${column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const rest = (m[3] ?? "").trim();
    out.push({ line, column, message: rest || fallbackMessage || text.split("\n")[0]!.trim() });
  }
  return out;
}
