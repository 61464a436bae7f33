/** Float64 reference gradients for hidden checks: central differences of a scalar function of one input array. */

/**
 * d f / d x_i for every i by central differences, with a step of h × max(1, |x_i|). `f` receives a moved copy of
 * `x` (one element changed) and must not keep it.
 */
export function centralDifferences(f: (x: Float64Array) => number, x: ArrayLike<number>, h = 1e-6): Float64Array {
  const base = Float64Array.from(x);
  const out = new Float64Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const at = (delta: number) => {
      const moved = Float64Array.from(base);
      moved[i]! += delta;
      return f(moved);
    };
    const step = h * Math.max(1, Math.abs(base[i]!));
    out[i] = (at(step) - at(-step)) / (2 * step);
  }
  return out;
}
