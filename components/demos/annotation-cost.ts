import type { Tf } from "./load-tf";

/** Published ballpark times for one annotation, in seconds, with where they come from. */
export const ANNOTATION_PRESETS = {
  tag: {
    label: "image-level class label",
    perImage: 1,
    perObject: 0,
    source: "confirming a proposed class: about a second per image",
  },
  box: {
    label: "bounding boxes",
    perImage: 0,
    perObject: 34.5,
    source: "drawing and checking a box: 34.5 s (Papadopoulos et al., 2017, after Su et al., 2012)",
  },
  extreme: {
    label: "boxes by extreme clicking",
    perImage: 0,
    perObject: 7,
    source: "clicking four extreme points: 7 s (Papadopoulos et al., 2017)",
  },
  polygon: {
    label: "instance polygons",
    perImage: 0,
    perObject: 79,
    source: "about 79 s per object (COCO, Lin et al., 2014)",
  },
  segmentation: {
    label: "dense semantic segmentation",
    perImage: 5400,
    perObject: 0,
    source: "more than 1.5 h per image with quality control (Cityscapes, Cordts et al., 2016)",
  },
} as const;

export type AnnotationKind = keyof typeof ANNOTATION_PRESETS;

export interface AnnotationJob {
  images: number;
  objectsPerImage: number;
  kind: AnnotationKind;
  /** How many people label each item (for majority votes or review); 1 = no redundancy. */
  annotatorsPerItem: number;
  hourlyWage: number;
}

/** A full-time working year, for "person-years". */
export const HOURS_PER_YEAR = 1800;

export function annotationCost(job: AnnotationJob): {
  seconds: number;
  hours: number;
  personYears: number;
  cost: number;
} {
  const p = ANNOTATION_PRESETS[job.kind];
  const seconds = job.images * (p.perImage + job.objectsPerImage * p.perObject) * job.annotatorsPerItem;
  const hours = seconds / 3600;
  return { seconds, hours, personYears: hours / HOURS_PER_YEAR, cost: hours * job.hourlyWage };
}

/** The learning-curve model of the lesson: test error ε(N) = a·N^(−α) + ε∞. */
export interface PowerLaw {
  a: number;
  alpha: number;
  floor: number;
}

export function errorAt(law: PowerLaw, n: number): number {
  return law.a * n ** -law.alpha + law.floor;
}

/** Labelled examples needed to reach `target` error; Infinity when the target is at or below the floor ε∞. */
export function labelsForError(law: PowerLaw, target: number): number {
  return target <= law.floor ? Infinity : (law.a / (target - law.floor)) ** (1 / law.alpha);
}

/** ε(N) on a logarithmic grid of N from 10^lo to 10^hi, computed as one tensor expression. */
export function learningCurve(
  tf: Tf,
  law: PowerLaw,
  lo: number,
  hi: number,
  points = 61,
): { n: number[]; error: number[] } {
  const [n, error] = tf.tidy(() => {
    const exps = tf.linspace(lo, hi, points);
    const ns = tf.pow(10, exps);
    return [ns.arraySync() as number[], ns.pow(-law.alpha).mul(law.a).add(law.floor).arraySync() as number[]];
  });
  return { n: n!, error: error! };
}
