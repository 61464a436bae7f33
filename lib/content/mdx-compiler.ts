/**
 * Compiles lesson and assignment MDX the same way for the site and for `course check`: frontmatter, KaTeX maths,
 * shiki-highlighted code (themes ship in the package; nothing is fetched), heading ids and a table of contents.
 * Plain Node: no Next runtime needed.
 */
import { createHash } from "node:crypto";
import type { ReactElement } from "react";
import { compileMDX } from "next-mdx-remote/rsc";
import rehypeKatex from "rehype-katex";
import rehypePrettyCode, { type Options as PrettyCodeOptions } from "rehype-pretty-code";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import type { z } from "zod";
import { mdxComponents } from "../../components/mdx/mdx-components";
import { displayPath, type Parsed } from "./content-files";
import type { TocEntry } from "./lesson-schema";
import { rehypeHeadings } from "./rehype-headings";

const prettyCode: PrettyCodeOptions = {
  theme: { light: "github-light", dark: "github-dark" },
  keepBackground: false,
  defaultLang: { block: "text" },
};

export interface CompiledMdx<F> {
  frontmatter: F;
  content: ReactElement;
  toc: TocEntry[];
  /** Texts of h1 headings in the body (lessons must not have any: the page title is the h1). */
  h1: string[];
}

const FRONTMATTER = /^---(?:\r?\n|\r)(?:[\s\S]*?(?:\r?\n|\r))?---(?:\r?\n|\r|$)/;

/**
 * One line for an MDX compile error, with its line and column in the file. The compiler counts lines from the end
 * of the frontmatter, which next-mdx-remote strips first, so they are shifted by the frontmatter's length.
 */
function describeCompileError(err: unknown, source: string): string {
  const text = err instanceof Error ? err.message : String(err);
  const lines = text.split("\n").filter((l) => l.trim() && !l.startsWith("[next-mdx-remote]") && !/^\s*>?\s*\d+\s*\|/.test(l));
  const first = (lines[0] ?? text).trim();
  const shift = (FRONTMATTER.exec(source)?.[0].match(/\r?\n|\r/g) ?? []).length;
  const pos = /\(?(\d+):(\d+)(?:-\d+:\d+)?\)?\s*$/.exec(first);
  if (!pos) return `MDX does not compile: ${first}`;
  const message = first.slice(0, pos.index).trim();
  return `line ${Number(pos[1]) + shift}, column ${pos[2]}: MDX does not compile: ${message}`;
}

/**
 * Compiles MDX source with YAML frontmatter validated by `schema`. Problems are `file: field: message` lines.
 * JavaScript expressions in MDX are blocked (next-mdx-remote's default), so components take string props.
 */
export async function compileMdxFile<S extends z.ZodType>(
  file: string,
  source: string,
  schema: S,
): Promise<Parsed<CompiledMdx<z.infer<S>>>> {
  // Pages render at request time: a compiled file is reused until its text changes (keyed by path and content).
  const key = createHash("sha256").update(file).update("\0").update(source).digest("hex");
  const hit = compiledCache.get(key) as Promise<Parsed<CompiledMdx<z.infer<S>>>> | undefined;
  if (hit) {
    compiledCache.delete(key);
    compiledCache.set(key, hit);
    return hit;
  }
  const result = compileUncached(file, source, schema);
  compiledCache.set(key, result);
  while (compiledCache.size > COMPILED_CACHE_SIZE) compiledCache.delete(compiledCache.keys().next().value!);
  return result;
}

const COMPILED_CACHE_SIZE = 300;
const compiledCache = new Map<string, Promise<Parsed<CompiledMdx<unknown>>>>();

async function compileUncached<S extends z.ZodType>(file: string, source: string, schema: S): Promise<Parsed<CompiledMdx<z.infer<S>>>> {
  const shown = displayPath(file);
  const toc: TocEntry[] = [];
  const h1: string[] = [];
  let compiled: { content: ReactElement; frontmatter: Record<string, unknown> };
  try {
    compiled = await compileMDX<Record<string, unknown>>({
      source,
      components: mdxComponents,
      options: {
        parseFrontmatter: true,
        // A course package is another instructor's text: no JavaScript in it runs in the web server (expressions,
        // attribute expressions; imports and exports are removed too). Explicit, not the library's default.
        blockJS: true,
        blockDangerousJS: true,
        mdxOptions: {
          remarkPlugins: [remarkGfm, remarkMath],
          rehypePlugins: [
            [rehypeHeadings, { toc, onH1: (t: string) => h1.push(t) }],
            [rehypeKatex, { throwOnError: true, strict: "ignore" }],
            [rehypePrettyCode, prettyCode],
          ],
        },
      },
    });
  } catch (err) {
    return { ok: false, problems: [`${shown}: ${describeCompileError(err, source)}`] };
  }
  const fm = schema.safeParse(compiled.frontmatter);
  if (!fm.success) {
    return {
      ok: false,
      problems: fm.error.issues.map(
        (i) => `${shown}: ${["frontmatter", ...i.path].join(".")}: ${i.message}`,
      ),
    };
  }
  return { ok: true, value: { frontmatter: fm.data, content: compiled.content, toc, h1 } };
}
