import type { Page } from "@playwright/test";

/**
 * Outside the app: as the page's own user (its stored token), stores `texts` in `room` over a raw
 * socket and resolves once every one is acked — a long history without typing it.
 */
export async function seedMessages(page: Page, room: string, texts: string[]): Promise<void> {
  await page.evaluate(
    async ({ target, all }) => {
      const tokenKey = Object.keys(localStorage).find((k) => k.endsWith(":token"));
      const token = tokenKey ? localStorage.getItem(tokenKey) : null;
      await new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(`ws://${location.host}/ws`, "duplex.v1");
        const timer = setTimeout(() => reject(new Error("seeding timed out")), 15_000);
        let acked = 0;
        ws.onopen = () =>
          ws.send(JSON.stringify(token ? { type: "hello", token } : { type: "hello" }));
        ws.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { type: string };
          if (message.type === "welcome") {
            ws.send(JSON.stringify({ type: "join", room: target }));
          } else if (message.type === "joined") {
            all.forEach((text, i) =>
              ws.send(JSON.stringify({ type: "send", room: target, cid: `seed-${i}`, text })),
            );
          } else if (message.type === "ack" && ++acked === all.length) {
            clearTimeout(timer);
            ws.close();
            resolve();
          }
        };
      });
    },
    { target: room, all: texts },
  );
}
