/** Word lists for leaderboard pseudonyms: "Adjective Animal NN". 48 × 48 × 90 ≈ 207,000 names per assignment. */
const ADJECTIVES = [
  "Amber", "Brave", "Calm", "Clever", "Cosmic", "Crimson", "Curious", "Daring", "Eager", "Electric", "Fancy", "Fearless",
  "Gentle", "Golden", "Happy", "Hidden", "Icy", "Jolly", "Keen", "Lively", "Lucky", "Mellow", "Misty", "Nimble",
  "Noble", "Patient", "Plucky", "Quiet", "Quick", "Rapid", "Rustic", "Silent", "Silver", "Sleepy", "Smooth", "Sneaky",
  "Solar", "Spry", "Steady", "Stormy", "Sunny", "Swift", "Tidy", "Velvet", "Vivid", "Wandering", "Witty", "Zesty",
] as const;

const ANIMALS = [
  "Albatross", "Badger", "Beaver", "Bison", "Capybara", "Cheetah", "Condor", "Coyote", "Crane", "Dolphin", "Falcon", "Ferret",
  "Gecko", "Gibbon", "Heron", "Hedgehog", "Ibex", "Jackal", "Jaguar", "Koala", "Lemur", "Lynx", "Manatee", "Marmot",
  "Meerkat", "Moose", "Narwhal", "Ocelot", "Otter", "Owl", "Panda", "Pelican", "Penguin", "Puffin", "Quokka", "Raven",
  "Salamander", "Seal", "Sparrow", "Tapir", "Tortoise", "Toucan", "Viper", "Walrus", "Weasel", "Wombat", "Yak", "Zebra",
] as const;

/** A pseudonym from three random integers (callers pass crypto.randomInt draws). */
export function aliasFrom(pick: (n: number) => number): string {
  return `${ADJECTIVES[pick(ADJECTIVES.length)]} ${ANIMALS[pick(ANIMALS.length)]} ${10 + pick(90)}`;
}
