import { expect, type Browser, type Page } from "@playwright/test";
import { signIn } from "./chat.js";

/** A short suffix that keeps names unique across specs sharing one e2e database. */
export function uniqueSuffix(): string {
  return Math.random().toString(36).slice(2, 7);
}

/** Alice and Bob, each in a fresh browser context, named for this run only (`Alice-<id>`). */
export async function aliceAndBob(
  browser: Browser,
): Promise<{ id: string; alice: Page; bob: Page }> {
  const id = uniqueSuffix();
  const alice = await signIn(browser, `Alice-${id}`);
  const bob = await signIn(browser, `Bob-${id}`);
  return { id, alice, bob };
}

/** The sidebar button of a room we are in (its accessible name starts with the room's label). */
export function roomButton(page: Page, label: string) {
  return page
    .getByRole("navigation", { name: "Rooms" })
    .getByRole("list", { name: /^(Your rooms|Private chats)$/ })
    .getByRole("button", { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) });
}

/** Joins (or creates) a room through the sidebar form. */
export async function joinRoom(page: Page, name: string): Promise<void> {
  const input = page.getByLabel("Room name");
  await input.fill(name);
  await input.press("Enter");
}

/** Joins (or creates) a room and waits until it is the room on screen. */
export async function enterRoom(page: Page, name: string): Promise<void> {
  await joinRoom(page, name);
  await expect(page.getByRole("heading", { name: `#${name}` })).toBeVisible();
}

/** The id of the room on screen, from the conversation log's label (`#<room> conversation`). */
export async function currentRoomId(page: Page): Promise<string> {
  const label = (await page.getByRole("log").getAttribute("aria-label")) ?? "";
  return label.replace(/^#/, "").replace(/ conversation$/, "");
}

/**
 * Outside the app: opens a raw socket as the page's own user (its stored token), asks to join
 * `room`, and returns the server's answer — what a curious user with dev tools could do.
 */
export async function rawJoin(page: Page, room: string): Promise<{ type: string; code?: string }> {
  return page.evaluate(async (target) => {
    const tokenKey = Object.keys(localStorage).find((k) => k.endsWith(":token"));
    const token = tokenKey ? localStorage.getItem(tokenKey) : null;
    return new Promise<{ type: string; code?: string }>((resolve, reject) => {
      const ws = new WebSocket(`ws://${location.host}/ws`, "duplex.v1");
      const timer = setTimeout(() => reject(new Error("no answer to join")), 5000);
      ws.onopen = () =>
        ws.send(JSON.stringify(token ? { type: "hello", token } : { type: "hello" }));
      ws.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as {
          type: string;
          ref?: string;
          code?: string;
        };
        if (message.type === "welcome") {
          ws.send(JSON.stringify({ type: "join", room: target, ref: "probe" }));
        } else if (message.ref === "probe") {
          clearTimeout(timer);
          ws.close();
          resolve(message);
        }
      };
    });
  }, room);
}
