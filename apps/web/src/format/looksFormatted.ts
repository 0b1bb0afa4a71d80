// Markers that may format: emphasis, code, quotes, lists, a heading or an HTML-looking tag.
const MARKERS = /[*_`]|^\s{0,3}(?:>|[-+*]\s|\d+[.)]\s|#)|</mu;

/**
 * Whether a text may render differently as Markdown. Most chat lines do not, and they are drawn
 * without loading the parser at all.
 */
export function looksFormatted(text: string): boolean {
  return MARKERS.test(text);
}
