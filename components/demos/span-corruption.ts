import type { Tf } from "./load-tf";

/** T5's sentinel tokens, written as <X>, <Y>, <Z>, then <S4>, <S5>… as in the lesson's example. */
export function sentinel(i: number): string {
  return i < 3 ? `<${"XYZ"[i]}>` : `<S${i + 1}>`;
}

/**
 * Splits `items` things into `segments` non-empty consecutive runs at random and returns the run lengths, the
 * way T5's TensorFlow code does it: shuffle `segments − 1` "a new run starts here" flags among the first
 * `items − 1` gaps, then count with a cumulative sum.
 */
export function randomSegmentation(tf: Tf, items: number, segments: number, seed: number): number[] {
  if (segments <= 1 || items <= 1) return [items];
  const ids = tf.tidy(() => {
    const gaps = items - 1;
    const { indices } = tf.topk(tf.randomUniform([gaps], 0, 1, "float32", seed), segments - 1); // gaps that start a run
    const starts = tf.oneHot(indices, gaps).sum(0).cast("int32"); // [gaps], 1 where a new run starts
    return tf
      .concat([tf.zeros([1], "int32"), starts])
      .cumsum()
      .arraySync() as number[]; // run id of each item
  });
  const lengths = new Array<number>(segments).fill(0);
  for (const id of ids) lengths[id]!++;
  return lengths;
}

export interface SpanCorruption {
  /** true where the original token was dropped. */
  noise: boolean[];
  encoderInput: string[];
  decoderTarget: string[];
  noiseTokens: number;
  spans: number;
}

/**
 * T5's span corruption of one token sequence: about `rate` of the tokens, in spans of mean length `meanSpan`,
 * each span replaced by one sentinel in the encoder input; the target lists each sentinel and the tokens it hid,
 * and ends with one more sentinel.
 */
export function spanCorrupt(tf: Tf, tokens: string[], rate: number, meanSpan: number, seed: number): SpanCorruption {
  const n = tokens.length;
  if (n < 2)
    return {
      noise: tokens.map(() => false),
      encoderInput: [...tokens],
      decoderTarget: [sentinel(0)],
      noiseTokens: 0,
      spans: 0,
    };
  const noiseTokens = Math.min(Math.max(Math.round(n * rate), 1), n - 1);
  const spans = Math.max(1, Math.min(Math.round(noiseTokens / meanSpan), noiseTokens, n - noiseTokens));
  const noiseLengths = randomSegmentation(tf, noiseTokens, spans, seed * 7919);
  // T5 cuts the kept tokens into as many runs as there are spans (so its text always ends inside a span); with one
  // more kept run, when there are enough kept tokens, the text can end with kept words as in the lesson's example.
  const keepRuns = n - noiseTokens >= spans + 1 ? spans + 1 : spans;
  const keepLengths = randomSegmentation(tf, n - noiseTokens, keepRuns, seed * 7919 + 17);
  const noise: boolean[] = [];
  for (let s = 0; s < keepRuns; s++)
    noise.push(
      ...new Array<boolean>(keepLengths[s]!).fill(false),
      ...new Array<boolean>(noiseLengths[s] ?? 0).fill(true),
    );
  const encoderInput: string[] = [];
  const decoderTarget: string[] = [];
  let span = -1;
  tokens.forEach((tok, i) => {
    if (!noise[i]) return void encoderInput.push(tok);
    if (i === 0 || !noise[i - 1]) {
      span++;
      encoderInput.push(sentinel(span));
      decoderTarget.push(sentinel(span));
    }
    decoderTarget.push(tok);
  });
  decoderTarget.push(sentinel(span + 1));
  return { noise, encoderInput, decoderTarget, noiseTokens, spans };
}
