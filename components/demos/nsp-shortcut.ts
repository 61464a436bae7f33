import type { Tf } from "./load-tf";
import { mulberry32 } from "./seeded-random";

/** Four short documents on four topics, written for this course; sentences in their original order. */
export const DOCUMENTS: string[][] = [
  [
    "the baker mixed flour water and salt into a dough",
    "she left the dough to rise in a warm bowl",
    "after an hour the dough had doubled in size",
    "she shaped two loaves and baked them in a hot oven",
    "the bread cooled on a rack before slicing",
  ],
  [
    "the astronomer pointed the telescope at the moon",
    "craters cast long shadows near the edge of the moon",
    "later that night she tracked a faint comet",
    "its tail glowed as the comet crossed the stars",
    "by dawn the telescope was wet with dew",
  ],
  [
    "the striker dribbled past two defenders",
    "her shot hit the post and bounced back into play",
    "the goalkeeper dived and held the ball",
    "in the last minute the striker scored with a header",
    "the crowd sang as the referee blew the whistle",
  ],
  [
    "the gardener dug a bed for the tomato seedlings",
    "he watered the seedlings every morning",
    "by july the tomato plants reached his shoulders",
    "he tied each plant to a wooden stake",
    "the first ripe tomato was sweet and warm from the sun",
  ],
];

export interface Pair {
  a: string;
  b: string;
  /** true: IsNext (NSP) or right order (SOP). */
  positive: boolean;
}

/** Next-sentence pairs: A is every sentence with a successor; B its successor or, half the time, a sentence of another document. */
export function nspPairs(docs: string[][], seed: number): Pair[] {
  const rand = mulberry32(seed);
  const pairs: Pair[] = [];
  docs.forEach((doc, d) => {
    for (let i = 0; i + 1 < doc.length; i++) {
      if (rand() < 0.5) pairs.push({ a: doc[i]!, b: doc[i + 1]!, positive: true });
      else {
        const others = docs.flatMap((o, j) => (j === d ? [] : o));
        pairs.push({ a: doc[i]!, b: others[Math.floor(rand() * others.length)]!, positive: false });
      }
    }
  });
  return pairs;
}

/** Sentence-order pairs: every consecutive pair once in its order (positive) and once swapped (negative). */
export function sopPairs(docs: string[][]): Pair[] {
  return docs.flatMap((doc) =>
    doc.slice(0, -1).flatMap((s, i) => [
      { a: s, b: doc[i + 1]!, positive: true },
      { a: doc[i + 1]!, b: s, positive: false },
    ]),
  );
}

const STOP = new Set(
  "a an and as at back before by each every first for from had he her his hit in into is it its last later long near of on past she that the them to two was with".split(
    " ",
  ),
);

export const contentWords = (s: string) => s.split(" ").filter((w) => !STOP.has(w));

/**
 * A topic detector that knows nothing about order: each word is represented by the documents it occurs in (a
 * word-by-document count matrix), a sentence by the sum of its words' rows, and a pair scores the cosine of its two
 * sentence vectors. The score of (A, B) equals that of (B, A).
 */
export function topicScores(tf: Tf, docs: string[][], pairs: Pair[]): number[] {
  const vocab = Array.from(new Set(docs.flat().flatMap(contentWords)));
  const index = new Map(vocab.map((w, i) => [w, i]));
  const bag = (s: string) => {
    const v = new Array<number>(vocab.length).fill(0);
    for (const w of contentWords(s)) if (index.has(w)) v[index.get(w)!]! += 1;
    return v;
  };
  return tf.tidy(() => {
    const wordDoc = tf.tensor2d(
      vocab.map((w) => docs.map((doc) => doc.filter((s) => contentWords(s).includes(w)).length)),
    );
    const embed = (ss: string[]) => {
      const v = tf.tensor2d(ss.map(bag), [ss.length, vocab.length]).matMul(wordDoc); // [pairs, documents]
      return v.div(v.norm("euclidean", 1, true).add(1e-8));
    };
    return embed(pairs.map((p) => p.a))
      .mul(embed(pairs.map((p) => p.b)))
      .sum(1)
      .arraySync() as number[];
  });
}

/** Accuracy of "positive when the topic score is above `threshold`". */
export function accuracy(pairs: Pair[], scores: number[], threshold: number): number {
  return pairs.filter((p, i) => scores[i]! > threshold === p.positive).length / Math.max(1, pairs.length);
}

/** BERT's packed input for a pair: tokens and segment ids (0 for [CLS], A and its [SEP]; 1 for B and the last [SEP]). */
export function packPair(a: string, b: string): { tokens: string[]; segments: number[] } {
  const ta = a.split(" ");
  const tb = b.split(" ");
  const tokens = ["[CLS]", ...ta, "[SEP]", ...tb, "[SEP]"];
  return { tokens, segments: tokens.map((_, i) => (i <= ta.length + 1 ? 0 : 1)) };
}
