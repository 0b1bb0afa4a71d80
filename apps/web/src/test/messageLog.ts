import { screen, within } from "@testing-library/react";

/** The rows of the message log on screen. */
export const logRows = (): HTMLElement[] =>
  within(screen.getByRole("log")).getAllByRole("listitem");

/** Each row's message text, in order. */
export const logTexts = () => logRows().map((li) => li.querySelector(".message-text")?.textContent);

/** The row whose message text contains `text` (not its header: "Bob · 2 h ago" must not match "b2"). */
export function messageItem(text: string): HTMLElement {
  const match = logRows().find((li) =>
    li.querySelector(".message-text")?.textContent?.includes(text),
  );
  if (!match) throw new Error(`no message containing ${text}`);
  return match;
}
