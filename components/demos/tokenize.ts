/** Lower-cases a sentence and splits it into words and punctuation marks. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9']+|[^\sa-z0-9']/g) ?? [];
}
