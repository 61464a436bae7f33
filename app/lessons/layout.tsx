import type { ReactNode } from "react";
import "katex/dist/katex.min.css";
import "@/components/mdx/mdx.css";
import "@/components/demos/demos.css";

/** Lesson pages share the maths, prose and demo styles; KaTeX's CSS and fonts are served from our origin. */
export default function LessonsLayout({ children }: { children: ReactNode }) {
  return children;
}
