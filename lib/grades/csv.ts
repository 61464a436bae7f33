/** RFC 4180 CSV: CRLF line ends; a field with a comma, quote, CR or LF is quoted and its quotes doubled. */
import { AppError } from "../errors";

export type CsvValue = string | number | null | undefined;

/** Spreadsheet apps run text cells that start with these as formulas; such text gets a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

function field(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    text = String(Math.round(value * 1e4) / 1e4);
  } else {
    text = FORMULA_START.test(value) ? `'${value}` : value;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return `${[header, ...rows].map((r) => r.map(field).join(",")).join("\r\n")}\r\n`;
}

function malformed(line: number, what: string): AppError {
  return new AppError("validation", `csv: line ${line}: ${what}`, { csv: `line ${line}: ${what}` });
}

/**
 * Strict CSV (RFC 4180, plus LF line ends and a leading BOM): fields may be quoted, quotes inside are doubled; a quote
 * inside an unquoted field, text after a closing quote, or an unterminated quote is an error naming its line. Blank
 * lines are skipped. Each record carries the line it starts on.
 */
export function parseCsvRecords(input: string): { line: number; fields: string[] }[] {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const records: { line: number; fields: string[] }[] = [];
  let line = 1;
  let start = 1;
  let fields: string[] = [];
  let cur = "";
  let quoted = false;
  let closed = false; // just after a closing quote
  const endRecord = () => {
    fields.push(cur);
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: start, fields });
    fields = [];
    cur = "";
    closed = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
        closed = true;
      } else {
        if (c === "\n") line++;
        cur += c;
      }
      continue;
    }
    if (c === ",") {
      fields.push(cur);
      cur = "";
      closed = false;
    } else if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
      if (c === "\r") i++;
      endRecord();
      line++;
      start = line;
    } else if (closed) {
      throw malformed(line, "text after a closing quote");
    } else if (c === '"') {
      if (cur !== "") throw malformed(line, "a quote inside an unquoted field");
      quoted = true;
    } else if (c === "\r") {
      throw malformed(line, "a bare carriage return");
    } else cur += c;
  }
  if (quoted) throw malformed(start, "a quoted field is never closed");
  if (cur !== "" || fields.length) endRecord();
  return records;
}

/** Parses RFC 4180 text back into rows (tests and tools use it to read an export). */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((r) => r.fields);
}
