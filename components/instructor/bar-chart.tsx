import styles from "./instructor.module.css";

export interface Bar {
  label: string;
  value: number;
  /** A second value drawn in red on top (e.g. failed runs). */
  failed?: number;
}

/** A small accessible bar chart in HTML: the bars are decorative, the table-like labels carry the numbers. */
export function BarChart({ bars, caption }: { bars: Bar[]; caption: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <figure>
      <div
        className={styles.chart}
        role="img"
        aria-label={`${caption}: ${bars.map((b) => `${b.label} ${b.value}`).join(", ")}`}
      >
        {bars.map((b) => (
          <div
            key={b.label}
            className={styles.bar}
            style={{ height: `${(100 * b.value) / max}%` }}
            title={`${b.label}: ${b.value}`}
          >
            <span>{b.value || ""}</span>
            {b.failed ? (
              <div
                className={`${styles.bar} ${styles.failedBar}`}
                style={{
                  height: `${(100 * b.failed) / Math.max(1, b.value)}%`,
                  position: "absolute",
                  bottom: 0,
                  left: 0,
                  right: 0,
                }}
              />
            ) : null}
          </div>
        ))}
      </div>
      <div className={styles.axis} aria-hidden="true">
        {bars.map((b) => (
          <span key={b.label}>{b.label}</span>
        ))}
      </div>
      <figcaption className="muted">{caption}</figcaption>
    </figure>
  );
}
