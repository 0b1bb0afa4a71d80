import { expect, test } from "@playwright/test";
import { sendMessage, signIn } from "../support/chat.js";

test("the inspector shows this connection's handshake, a matching Accept, and sized frames", async ({
  browser,
}) => {
  const page = await signIn(browser, `Insp${Date.now() % 100_000}`);
  await page.getByRole("button", { name: "Inspector" }).click();
  const panel = page.getByRole("complementary", { name: "Protocol inspector" });
  await expect(panel).toBeVisible();

  // The handshake as the server saw it, and the Accept recomputed in this browser.
  const request = panel.getByRole("table", { name: "Request the server received" });
  await expect(request.getByRole("row", { name: /Sec-WebSocket-Key/ })).toContainText(/==$/);
  await expect(request.getByRole("row", { name: /Sec-WebSocket-Protocol/ })).toContainText(
    "duplex.v1",
  );
  await expect(panel.getByTestId("accept-check")).toHaveText("✓ matches");
  const response = panel.getByRole("table", { name: "Response it sent" });
  const sent = await response
    .getByRole("row", { name: /^Sec-WebSocket-Accept/ })
    .locator("td")
    .innerText();
  const computed = await response
    .getByRole("row", { name: /Recomputed here/ })
    .locator("td")
    .innerText();
  expect(computed).toBe(sent);

  // A chat message appears in the log with its payload and header sizes (masked: browser → server).
  const text = `inspect me ${Date.now()}`;
  await sendMessage(page, text);
  const log = panel.getByRole("table", { name: "Frame log" });
  const sendRow = log.getByRole("row").filter({ hasText: "send" }).first();
  await expect(sendRow).toBeVisible();
  const [, direction, , payload, header] = await sendRow.locator("td").allInnerTexts();
  expect(direction).toContain("out");
  expect(Number(/(\d+) B/.exec(payload ?? "")?.[1])).toBeGreaterThan(text.length);
  expect(header).toMatch(/^(2|4)\+4 B$/);
  // The server's answer and the broadcast come in unmasked.
  const ackRow = log.getByRole("row").filter({ hasText: "ack" }).first();
  await expect(ackRow).toBeVisible();
  const [, ackDirection, , , ackHeader] = await ackRow.locator("td").allInnerTexts();
  expect(ackDirection).toContain("in");
  expect(ackHeader).toMatch(/^(2|4) B$/);

  // The WebSocket vs HTTP comparison is measured, not assumed.
  await expect(panel.getByTestId("http-header-bytes")).toHaveText(/^\d+ B$/);

  // Closing with an application code shows both close frames and the final code.
  await panel.getByRole("button", { name: "Close with 4000" }).click();
  await expect(panel.getByTestId("final-close")).toHaveText(/Final code: 4000/);
  await expect(log.getByRole("row").filter({ hasText: "4000" })).toHaveCount(2);
});
