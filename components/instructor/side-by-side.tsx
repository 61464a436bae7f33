import { highlightRuns } from "@/lib/similarity/highlight";
import styles from "./similarity.module.css";

interface Range {
  start: number;
  end: number;
  startLine: number;
  endLine: number;
}

export interface SidePair {
  left: { label: string; source: string };
  right: { label: string; source: string };
  fragments: { left: Range; right: Range; kgrams: number }[];
}

/**
 * Two sources side by side with the matched fragments as <mark>, each labelled with its number ([1], [2] …) in the
 * text itself, so nothing relies on colour. Each label is a link to the same fragment in the other source, and the
 * fragment list links to both: the view is usable with the keyboard alone.
 */
export function SideBySide({ pair }: { pair: SidePair }) {
  const side = (which: "left" | "right") => {
    const other = which === "left" ? "right" : "left";
    const runs = highlightRuns(
      pair[which].source,
      pair.fragments.map((f) => f[which]),
    );
    return (
      <figure className={styles.side} aria-labelledby={`${which}-caption`}>
        <figcaption id={`${which}-caption`}>{pair[which].label}</figcaption>
        <pre className={styles.code}>
          <code>
            {runs.map((r, i) => {
              const labels = r.starts.map((n) => (
                <a key={n} id={`${which}-f${n}`} href={`#${other}-f${n}`} className={styles.label}>
                  [{n}]
                </a>
              ));
              return r.fragments.length ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: runs are fixed for a page
                <mark key={i} className={styles.mark} title={`fragment ${r.fragments.join(", ")}`}>
                  {labels}
                  {r.text}
                </mark>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: runs are fixed for a page
                <span key={i}>{r.text}</span>
              );
            })}
          </code>
        </pre>
      </figure>
    );
  };
  return (
    <div>
      <h3>Matched fragments</h3>
      {pair.fragments.length ? (
        <ol className={styles.fragments}>
          {pair.fragments.map((f, i) => (
            <li key={`${f.left.start}-${f.right.start}`}>
              [{i + 1}] {f.kgrams} k-gram(s):{" "}
              <a href={`#left-f${i + 1}`}>
                {pair.left.label} lines {f.left.startLine}–{f.left.endLine}
              </a>{" "}
              ↔{" "}
              <a href={`#right-f${i + 1}`}>
                {pair.right.label} lines {f.right.startLine}–{f.right.endLine}
              </a>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No fragment was stored for this pair.</p>
      )}
      <div className={styles.sides}>
        {side("left")}
        {side("right")}
      </div>
    </div>
  );
}
