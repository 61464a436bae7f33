/**
 * A small TypeScript lexer for the similarity report (docs/similarity.md). Pure.
 *
 * Each token keeps where it stands in the original source (`start`/`end` offsets, 1-based `line`) and a normalised
 * `kind`, the text that is hashed:
 * - identifiers become `<id>`, so renaming variables, parameters and functions does not hide copying; a name right
 *   after `.` or `?.` (a member: `tf.matMul`, `x.shape`, `.dispose()`) is kept as written, because these are the
 *   library's API and tell `tf.add(a, b)` from `tf.matMul(a, b)`;
 * - keywords (TypeScript's included: `const`, `return`, `number`, `as` …) are kept;
 * - numbers become `<num>`, strings, template literals and regular expressions `<str>`;
 * - punctuation and operators are kept, except `;` and a trailing comma before `)`, `]` or `}` (formatters add and
 *   remove them);
 * - comments and whitespace are dropped.
 */

export interface Token {
  kind: string;
  start: number;
  end: number;
  line: number;
}

export const ID = "<id>";
export const NUM = "<num>";
export const STR = "<str>";

const KEYWORDS = new Set(
  (
    "abstract any as async await bigint boolean break case catch class const continue debugger declare default delete do " +
    "else enum export extends false finally for from function get if implements import in infer instanceof interface is " +
    "keyof let namespace never new null number object of private protected public readonly return satisfies set static " +
    "string super switch symbol this throw true try type typeof undefined unique unknown var void while with yield"
  ).split(" "),
);

/** After one of these (or at the start) a `/` begins a regular expression rather than a division. */
const BEFORE_REGEX = new Set([
  "return",
  "typeof",
  "case",
  "do",
  "else",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "yield",
  "await",
]);

const PUNCTUATION = [
  ">>>=",
  "...",
  "===",
  "!==",
  "**=",
  "<<=",
  ">>=",
  ">>>",
  "&&=",
  "||=",
  "??=",
  "=>",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "??",
  "?.",
  "++",
  "--",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "**",
  "<<",
  ">>",
];

const IDENT = /[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/uy;
const NUMBER = /(?:0[xXbBoO][\da-fA-F_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d+)?)n?/y;

function matchAt(re: RegExp, src: string, i: number): string | null {
  re.lastIndex = i;
  const m = re.exec(src);
  return m ? m[0] : null;
}

/** The end (exclusive) of a quoted string starting at i; an unterminated one ends at the line's end. */
function scanQuoted(src: string, i: number): number {
  const quote = src[i];
  let j = i + 1;
  while (j < src.length) {
    const c = src[j];
    if (c === "\\") j += 2;
    else if (c === quote) return j + 1;
    else if (c === "\n") return j;
    else j++;
  }
  return src.length;
}

/** The end of a template literal starting at i, `${…}` expressions (with nested strings and templates) included. */
function scanTemplate(src: string, i: number): number {
  let j = i + 1;
  while (j < src.length) {
    const c = src[j];
    if (c === "\\") j += 2;
    else if (c === "`") return j + 1;
    else if (c === "$" && src[j + 1] === "{") {
      j += 2;
      let depth = 1;
      while (j < src.length && depth > 0) {
        const d = src[j];
        if (d === "{") depth++;
        else if (d === "}") depth--;
        if (d === "'" || d === '"') j = scanQuoted(src, j);
        else if (d === "`") j = scanTemplate(src, j);
        else j++;
      }
    } else j++;
  }
  return src.length;
}

/** The end of a regular expression literal starting at i (flags included), or -1 when it is not one. */
function scanRegex(src: string, i: number): number {
  let j = i + 1;
  let inClass = false;
  while (j < src.length) {
    const c = src[j];
    if (c === "\n") return -1;
    if (c === "\\") j += 2;
    else {
      if (c === "[") inClass = true;
      else if (c === "]") inClass = false;
      else if (c === "/" && !inClass) {
        j++;
        while (j < src.length && /[a-z]/i.test(src[j]!)) j++;
        return j;
      }
      j++;
    }
  }
  return -1;
}

function regexAllowed(prev: Token | undefined): boolean {
  if (!prev) return true;
  if (prev.kind === ID || prev.kind === NUM || prev.kind === STR) return false;
  if (prev.kind === ")" || prev.kind === "]" || prev.kind === "}") return false;
  if (/^[\p{ID_Start}$_]/u.test(prev.kind)) return BEFORE_REGEX.has(prev.kind);
  return true;
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  const push = (kind: string, start: number, end: number) => {
    out.push({ kind, start, end, line });
    for (let p = start; p < end; p++) if (src.charCodeAt(p) === 10) line++;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === "\n") {
      line++;
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "/") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      const close = src.indexOf("*/", i + 2);
      const end = close === -1 ? src.length : close + 2;
      for (let p = i; p < end; p++) if (src.charCodeAt(p) === 10) line++;
      i = end;
      continue;
    }
    const prev = out[out.length - 1];
    const ident = matchAt(IDENT, src, c === "#" ? i + 1 : i);
    if (ident) {
      const end = (c === "#" ? i + 1 : i) + ident.length;
      const member = prev && (prev.kind === "." || prev.kind === "?.");
      push(member ? ident : c !== "#" && KEYWORDS.has(ident) ? ident : ID, i, end);
      i = end;
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      const num = matchAt(NUMBER, src, i) ?? c;
      push(NUM, i, i + num.length);
      i += num.length;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = scanQuoted(src, i);
      push(STR, i, end);
      i = end;
      continue;
    }
    if (c === "`") {
      const end = scanTemplate(src, i);
      push(STR, i, end);
      i = end;
      continue;
    }
    if (c === "/" && regexAllowed(prev)) {
      const end = scanRegex(src, i);
      if (end > 0) {
        push(STR, i, end);
        i = end;
        continue;
      }
    }
    const op = PUNCTUATION.find((p) => src.startsWith(p, i)) ?? c;
    if (op !== ";") push(op, i, i + op.length);
    i += op.length;
  }
  return out.filter((t, n) => !(t.kind === "," && /^[)\]}]$/.test(out[n + 1]?.kind ?? "")));
}
