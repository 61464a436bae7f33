import type { ReactNode } from "react";

/** A numbered list of self-check questions; put <Question> elements inside. */
export function SelfCheck({ children }: { children: ReactNode }) {
  return <ol className="mdx-self-check">{children}</ol>;
}

/** One self-check question: the question text, then an <Answer>. */
export function Question({ children }: { children: ReactNode }) {
  return <li className="mdx-question">{children}</li>;
}

/** The answer to a question, hidden until the reader opens it. */
export function Answer({ children }: { children: ReactNode }) {
  return (
    <details className="mdx-answer">
      <summary>Show answer</summary>
      <div className="mdx-answer-body">{children}</div>
    </details>
  );
}
