// Search over prompts that treats every character literally and ignores case in any script.
// Each job keeps `searchText`: its prompt and negative prompt, lower-cased by JavaScript (full
// Unicode, unlike SQL's lower()), with LIKE's two wildcards swapped for private-use characters.
// A query goes through the same mapping, so the database's `contains` never sees a wildcard.

const PERCENT = "\uE000";
const UNDERSCORE = "\uE001";

function fold(text: string): string {
  return text.toLowerCase().replaceAll("%", PERCENT).replaceAll("_", UNDERSCORE);
}

export function searchTextOf(prompt: string, negativePrompt?: string | null): string {
  return fold(negativePrompt ? `${prompt}\n${negativePrompt}` : prompt);
}

export function searchNeedle(query: string): string {
  return fold(query);
}
