/**
 * A small English corpus for character-level language modelling, written for this project (no third-party
 * text). Lines are short paragraphs; splits are by line so no sentence straddles train and validation.
 */
import { createRng, deriveSeed, permutation } from "../rng";

const LINES: readonly string[] = [
  "the river runs past the old mill and under the stone bridge before it reaches the sea.",
  "every morning the baker opens the shutters, and the smell of warm bread drifts down the street.",
  "a model that predicts the next letter must learn which letters tend to follow which.",
  "the children counted the boats in the harbour: seven red ones, three blue ones and a grey one.",
  "when the wind turns cold, the swallows gather on the wires and then, one day, they are gone.",
  "she wrote the numbers in a notebook and checked them twice before she trusted them.",
  "a good teacher asks a question and then waits, because the silence is where the thinking happens.",
  "the library keeps its maps in wide flat drawers, and the oldest ones smell of dust and glue.",
  "if you hide a word in a sentence, a reader can often guess it from the words around it.",
  "the train to the coast leaves at nine, stops at every village, and arrives a little after noon.",
  "rain fell all night, and by morning the path through the garden had turned into a small stream.",
  "learning without labels means finding structure in the data itself, not in the answers we give.",
  "two views of the same picture should look alike to the network, and views of different pictures should not.",
  "the cat slept on the warm side of the window while the snow piled up on the other side.",
  "he repaired the clock with a tiny screwdriver, and it has kept good time ever since.",
  "a map is useful because it leaves things out; a map as large as the land would help no one.",
  "the market is busy on saturdays, with apples, cheese, honey and flowers on long wooden tables.",
  "we measured the loss after every epoch and watched it fall quickly at first and then slowly.",
  "an old lighthouse stands at the end of the pier, and its lamp still turns every night.",
  "the recipe says to stir the soup gently, add a pinch of salt, and let it rest before serving.",
  "patterns that repeat are easy to predict; surprises carry the most information.",
  "the students built a small network, trained it for two epochs, and compared their curves.",
  "in spring the hills turn green, the lambs appear, and the farmers work from dawn until dusk.",
  "a compressed file is smaller because it describes the regular parts of the data in fewer symbols.",
  "the museum guard knows every painting by heart and has a favourite for each season.",
  "she taught the robot to sort the blocks by colour, then by size, and finally by shape.",
  "at low tide you can walk to the island, but you must come back before the water returns.",
  "the choir practised the same four bars until every voice arrived at the final note together.",
  "a word is known by the company it keeps, so similar words appear in similar places.",
  "the kettle whistled, the toast popped, and the radio read the morning news in a calm voice.",
  "mountains look close in clear air, yet the walk to the first ridge took the whole afternoon.",
  "the encoder turns an image into a short vector, and the decoder tries to rebuild the image.",
  "on the last day of summer the town held a fair with music, lanterns and a race for the children.",
  "the fisherman mended his nets in the sun and told stories about storms he had outlasted.",
  "good data is carefully collected, honestly labelled where labels exist, and kept in order.",
  "the bees moved from flower to flower, and the garden hummed with their quiet work.",
  "a clock in the hall struck twelve, and the house fell silent except for the rain.",
  "if the validation loss rises while the training loss falls, the model is starting to memorise.",
  "the painter mixed blue with a little yellow and found exactly the green of the river.",
  "every puzzle has an edge to start from, and every long journey has a first step.",
];

export const CORPUS: string = LINES.join("\n");

export interface CharVocabulary {
  chars: string[];
  index: Map<string, number>;
}

/** Sorted distinct characters of the corpus (newline included). */
export function charVocabulary(text: string = CORPUS): CharVocabulary {
  const chars = [...new Set(text)].sort();
  return { chars, index: new Map(chars.map((c, i) => [c, i])) };
}

export function encodeChars(text: string, vocab: CharVocabulary = charVocabulary()): Int32Array {
  return Int32Array.from(text, (c) => {
    const id = vocab.index.get(c);
    if (id === undefined) throw new Error(`character ${JSON.stringify(c)} is not in the vocabulary`);
    return id;
  });
}

export function decodeChars(ids: ArrayLike<number>, vocab: CharVocabulary = charVocabulary()): string {
  return Array.from(ids, (i) => vocab.chars[i] ?? "?").join("");
}

/** A fixed-seed split of the corpus lines: 80% train, 20% validation. */
export function corpusSplits(seed = 1): { train: string; validation: string } {
  const order = permutation(LINES.length, createRng(deriveSeed(seed, "corpus")));
  const cut = Math.round(LINES.length * 0.8);
  const pick = (ids: Int32Array) => Array.from(ids, (i) => LINES[i]).join("\n");
  return { train: pick(order.subarray(0, cut)), validation: pick(order.subarray(cut)) };
}
