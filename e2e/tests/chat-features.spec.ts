import { expect, test } from "@playwright/test";
import { messageItem, sendMessage, signIn } from "../support/chat.js";
import {
  currentRoomId,
  enterRoom,
  rawJoin,
  roomButton,
  uniqueSuffix,
} from "../support/chatFeatures.js";

test("three users: rooms, unread badge, typing, live edit, and a private DM", async ({
  browser,
}) => {
  const id = uniqueSuffix();
  const [aliceName, bobName, carolName] = [`Alice-${id}`, `Bob-${id}`, `Carol-${id}`];
  const room = `team-${id}`;
  const alice = await signIn(browser, aliceName);
  const bob = await signIn(browser, bobName);
  const carol = await signIn(browser, carolName);

  // Rooms: Alice creates a room by name, Bob joins it, then goes back to #general.
  await enterRoom(alice, room);
  await enterRoom(bob, room);
  await expect(alice.getByRole("list", { name: "Members" })).toContainText(bobName);
  await roomButton(bob, "#general").click();
  await expect(bob.getByRole("heading", { name: "#general" })).toBeVisible();

  // Unread badge: a message in the room Bob is not looking at.
  await sendMessage(alice, "first in the new room");
  await expect(roomButton(bob, `#${room}`)).toHaveAccessibleName(`#${room} 1 unread`);
  await roomButton(bob, `#${room}`).click();
  await expect(messageItem(bob, "first in the new room")).toBeVisible();
  await expect(roomButton(bob, `#${room}`)).toHaveAccessibleName(`#${room}`);

  // Typing: Alice types without sending; Bob sees it, Alice does not see herself.
  // Slowly, as people type: the server relays one `typing` per 1.5 s, the client sends one per 2 s.
  await alice.getByLabel("Message").pressSequentially("hold on a sec", { delay: 250 });
  await expect(bob.getByText(`${aliceName} is typing…`)).toBeVisible();
  await expect(alice.getByText(/is typing…/)).toHaveCount(0);
  await alice.getByLabel("Message").fill("");

  // Edit: Alice fixes her message; Bob sees the new text and "(edited)" live.
  const own = messageItem(alice, "first in the new room");
  await own.hover();
  await own.getByRole("button", { name: "Edit" }).click();
  const editor = alice.getByLabel("Edit text");
  await editor.fill("first in the new room, edited");
  await editor.press("Enter");
  await expect(messageItem(bob, "first in the new room, edited")).toContainText("(edited)");

  // DM: Alice opens a private chat with Bob from the member list and writes.
  await alice.getByRole("button", { name: `Private chat with ${bobName}` }).click();
  await expect(alice.getByRole("heading", { name: `@${bobName}` })).toBeVisible();
  const dm = await currentRoomId(alice);
  expect(dm).toMatch(/^dm:u_/);
  await sendMessage(alice, "just between us");
  await expect(messageItem(alice, "just between us")).toContainText("Sent");

  // Bob's sidebar lists the DM (pushed by the server) with an unread count; he reads it.
  await expect(roomButton(bob, `@${aliceName}`)).toHaveAccessibleName(`@${aliceName} 1 unread`);
  await roomButton(bob, `@${aliceName}`).click();
  await expect(messageItem(bob, "just between us")).toBeVisible();

  // Carol never sees it, and the server refuses her even if she asks for the room by id.
  await expect(carol.getByRole("navigation", { name: "Rooms" })).not.toContainText(aliceName);
  await expect(carol.getByText("just between us")).toHaveCount(0);
  expect(await rawJoin(carol, dm)).toMatchObject({ type: "error", code: "unauthorized" });
});
