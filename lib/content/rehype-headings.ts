/**
 * A rehype plugin that gives every h2/h3 an id (GitHub-style slug, de-duplicated) and records the
 * table of contents. h1 is reserved for the page title; its presence is reported through `onH1`.
 */
import type { Element, ElementContent, Root, RootContent } from "hast";
import type { TocEntry } from "./lesson-schema";

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s+/g, "-");
}

function textOf(node: ElementContent | RootContent): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") {
    // KaTeX output repeats the formula as MathML and HTML; take the TeX annotation once.
    const cls = node.properties?.className;
    if (Array.isArray(cls) && cls.includes("katex")) {
      return findAnnotation(node) ?? "";
    }
    return node.children.map(textOf).join("");
  }
  return "";
}

function findAnnotation(node: Element): string | undefined {
  for (const child of node.children) {
    if (child.type !== "element") continue;
    if (child.tagName === "annotation") return child.children.map(textOf).join("");
    const found = findAnnotation(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

export interface HeadingOptions {
  toc: TocEntry[];
  onH1?: (text: string) => void;
}

export function rehypeHeadings(options: HeadingOptions) {
  return (tree: Root) => {
    const used = new Map<string, number>();
    const visit = (node: Root | Element) => {
      for (const child of node.children) {
        if (child.type !== "element") continue;
        const depth = child.tagName === "h2" ? 2 : child.tagName === "h3" ? 3 : 0;
        if (child.tagName === "h1") options.onH1?.(textOf(child).trim());
        if (depth) {
          const text = textOf(child).trim().replace(/\s+/g, " ");
          const base = typeof child.properties.id === "string" ? child.properties.id : slugify(text) || "section";
          const n = used.get(base) ?? 0;
          used.set(base, n + 1);
          const id = n ? `${base}-${n}` : base;
          child.properties.id = id;
          options.toc.push({ id, text, depth: depth as 2 | 3 });
        } else {
          visit(child);
        }
      }
    };
    visit(tree);
  };
}
