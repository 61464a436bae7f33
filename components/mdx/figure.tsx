import type { ReactNode } from "react";

/** A figure with a caption; the caption is the `caption` prop or, failing that, nothing. */
export function Figure({ caption, children }: { caption?: string; children: ReactNode }) {
  return (
    <figure className="mdx-figure">
      {children}
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}
