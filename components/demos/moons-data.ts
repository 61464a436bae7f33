import { gaussian, mulberry32 } from "./seeded-random";

export interface Points {
  x: number[][];
  y: number[];
}

/**
 * Two interleaving half-moons in 2-D with Gaussian noise and a fraction of flipped labels: a dataset on which a
 * flexible model can memorise noise when it has few examples.
 */
export function makeMoons(count: number, seed: number, noise = 0.22, flip = 0.15): Points {
  const rand = mulberry32(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < count; i++) {
    const label = i % 2;
    const t = Math.PI * rand();
    const px = label === 0 ? Math.cos(t) : 1 - Math.cos(t);
    const py = label === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    x.push([px + noise * gaussian(rand) - 0.5, py + noise * gaussian(rand) - 0.25]);
    y.push(rand() < flip ? 1 - label : label);
  }
  return { x, y };
}
