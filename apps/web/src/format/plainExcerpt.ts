// Line-start markers: quotes, list bullets and numbers, headings, code fences.
const LINE_MARKERS = /^\s{0,3}(?:>\s?|[-+*]\s+|\d+[.)]\s+|#{1,6}\s+|```\S*)/gmu;
// Paired inline markers around some text: **bold**, __bold__, *em*, _em_, `code`, ~~strike~~.
// Not inside a word, so snake_case_names keep their underscores.
const INLINE_PAIRS = /(?<![\p{L}\p{N}])(\*\*|__|~~|[*_`])(?=\S)(.+?)(?<=\S)\1(?![\p{L}\p{N}])/gu;

/**
 * A quoted message as one line of plain text: the Markdown markers its author typed are dropped, so
 * a quote reads "Ship it today? Checklist: pnpm build tests green", not its source.
 */
export function plainExcerpt(text: string): string {
  let plain = text.replace(LINE_MARKERS, "");
  // Nested pairs (**_x_**) need a second pass; two cover what people type.
  for (let pass = 0; pass < 2; pass += 1) plain = plain.replace(INLINE_PAIRS, "$2");
  return plain.replace(/\s+/gu, " ").trim();
}
