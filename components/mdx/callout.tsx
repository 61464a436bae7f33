import type { ReactNode } from "react";

const LABELS = { note: "Note", tip: "Tip", warning: "Watch out", analogy: "Analogy", maths: "The maths" } as const;

export type CalloutKind = keyof typeof LABELS;

/** A boxed aside. `kind` picks the label and colour; `title` replaces the label. */
export function Callout({ kind = "note", title, children }: { kind?: string; title?: string; children: ReactNode }) {
  const k: CalloutKind = kind in LABELS ? (kind as CalloutKind) : "note";
  return (
    <aside className={`mdx-callout mdx-callout-${k}`} aria-label={title ?? LABELS[k]}>
      <p className="mdx-callout-title">{title ?? LABELS[k]}</p>
      <div className="mdx-callout-body">{children}</div>
    </aside>
  );
}
