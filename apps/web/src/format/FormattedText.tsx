import { renderMarkdown } from "./renderMarkdown.js";

/** A message's formatted text (loaded lazily with its parser). */
export function FormattedText({ text, myName }: { text: string; myName: string }) {
  return <div className="message-text">{renderMarkdown(text, myName)}</div>;
}
