/** A tiny training corpus for the bigram demo, written for this course. */
export const BIGRAM_CORPUS = [
  "the robot reads the map",
  "the robot opens the door",
  "the cat reads the room",
  "the cat sleeps on the mat",
  "a cat sleeps in the sun",
  "a robot sleeps in the lab",
  "the student reads a book",
  "the student opens a book",
  "the student writes a program",
  "a student writes the answer",
  "the program reads the data",
  "the program learns from the data",
  "a model learns from data",
  "the model predicts the next word",
  "the model reads the next word",
  "the cat opens the box",
  "the robot learns the map",
  "a student learns from the model",
];

export const START = "<s>";
export const END = "</s>";

export function corpusTokens(): string[][] {
  return BIGRAM_CORPUS.map((line) => [START, ...line.split(" "), END]);
}
