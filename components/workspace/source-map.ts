/**
 * A minimal source-map (v3) reader for the code the browser compiles: maps a generated line:column back to the
 * TypeScript source, so runtime errors in the public-test worker point at the student's lines. No dependencies,
 * so the worker can use it.
 */
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((c, i) => [c, i] as const));

/** One decoded segment: generated column → original line/column (all 0-based). */
interface Segment {
  column: number;
  line: number;
  originalColumn: number;
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = DIGIT.get(ch);
    if (digit === undefined) throw new Error(`invalid base64 digit '${ch}' in source map`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

export interface SourceMapLookup {
  /** 1-based in, 1-based out; null when the position maps to nothing. */
  original(line: number, column: number): { line: number; column: number } | null;
}

export function parseSourceMap(json: string): SourceMapLookup {
  const map = JSON.parse(json) as { mappings?: unknown };
  if (typeof map.mappings !== "string") throw new Error("source map without mappings");
  const lines: Segment[][] = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const lineText of map.mappings.split(";")) {
    const segments: Segment[] = [];
    let column = 0;
    for (const part of lineText.split(",")) {
      if (!part) continue;
      const v = decodeVlq(part);
      column += v[0] ?? 0;
      if (v.length >= 4) {
        sourceLine += v[2]!;
        sourceColumn += v[3]!;
        segments.push({ column, line: sourceLine, originalColumn: sourceColumn });
      }
    }
    lines.push(segments);
  }
  return {
    original(line, column) {
      const segments = lines[line - 1];
      if (!segments || segments.length === 0) return null;
      let best = segments[0]!;
      for (const s of segments) {
        if (s.column <= column - 1) best = s;
        else break;
      }
      return { line: best.line + 1, column: best.originalColumn + 1 };
    },
  };
}

/** Rewrites `<generated>:L:C` positions in a message or stack to `<original>:L:C`. */
export function mapPositions(text: string, generated: string, original: string, map: SourceMapLookup | null): string {
  if (!map) return text;
  const pattern = new RegExp(`${generated.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+):(\\d+)`, "g");
  return text.replace(pattern, (whole, l: string, c: string) => {
    const pos = map.original(Number(l), Number(c));
    return pos ? `${original}:${pos.line}:${pos.column}` : whole;
  });
}
