/**
 * Where Math.random draws from. By default it is simply reassigned; in the sandboxed runner, whose intrinsics are
 * frozen before student code loads, Math.random is first replaced by a function that delegates to a source only
 * this module can change, so seeding keeps working after the freeze and student code cannot reseed it.
 */
let source: (() => number) | null = null;

/** Makes Math.random delegate to a replaceable source (call once, before the intrinsics are frozen). */
export function installRandomSource(initial: () => number): void {
  if (source) return;
  source = initial;
  const delegate = function random(): number {
    return source!();
  };
  Math.random = delegate;
}

/** Makes Math.random draw from `next`; returns a function that restores the previous source. */
export function useRandomSource(next: () => number): () => void {
  if (source === null) {
    const original = Math.random;
    Math.random = next;
    return () => {
      Math.random = original;
    };
  }
  const previous = source;
  source = next;
  return () => {
    source = previous;
  };
}
