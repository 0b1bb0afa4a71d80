import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "../support/axe.js";
import { messageItem, sendMessage } from "../support/chat.js";
import { membersOf, signInAccount, tokenOf, uniqueName } from "../support/accounts.js";

test.slow(); // two browsers on a shared 2-core machine

test("a private room stays invisible to a non-member, and appears once they are invited", async ({
  browser,
}) => {
  const ownerName = uniqueName("own");
  const owner = await signInAccount(browser, ownerName);
  const bobName = uniqueName("bob");
  const bob = await signInAccount(browser, bobName);
  const room = uniqueName("secret");

  // The owner creates the private room (HTTP API) and opens it.
  const token = await tokenOf(owner);
  const created = await owner.evaluate(
    async ({ room, token }) =>
      (
        await fetch("/api/rooms/private", {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ room }),
        })
      ).status,
    { room, token },
  );
  expect(created).toBe(201);
  await owner.getByLabel("Room name").fill(room);
  await owner.getByRole("button", { name: "Join", exact: true }).click();
  await sendMessage(owner, "for members only");
  await expect(messageItem(owner, "for members only")).toContainText("Sent");

  // Bob: not in the directory, and a join is refused — he never sees its messages.
  const directory = bob.getByRole("list", { name: "All rooms" });
  await expect(directory).toContainText("general");
  await expect(directory).not.toContainText(room);
  await bob.getByLabel("Room name").fill(room);
  await bob.getByRole("button", { name: "Join", exact: true }).click();
  await expect(bob.getByRole("alert")).toHaveText(
    `You cannot join #${room}: it is a private room. Ask its owner to invite you.`,
  );
  // Back in a room he is in; none of the private room's messages reached him.
  await expect(bob.getByRole("heading", { name: "#general", level: 1 })).toBeVisible();
  await expect(messageItem(bob, "for members only")).toHaveCount(0);

  // The owner invites Bob from the room's member panel, by name.
  await expect(membersOf(owner)).not.toContainText(bobName);
  const invite = owner.getByRole("form", { name: "Invite to this room" });
  await invite.getByLabel("Name").fill(bobName);
  await invite.getByLabel("Name").press("Enter");
  await expect(invite.getByRole("group", { name: "Invite to this room" })).toContainText(
    `Invite ${bobName} to this room?`,
  );
  await expectNoSeriousViolations(owner, "invite confirmation in the member panel");
  await invite.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(invite.getByRole("status")).toHaveText(`${bobName} was invited.`);

  // Now Bob finds it and gets in.
  await bob.reload();
  await expect(bob.getByRole("list", { name: "All rooms" })).toContainText(room);
  await bob.getByLabel("Room name").fill(room);
  await bob.getByRole("button", { name: "Join", exact: true }).click();
  await expect(messageItem(bob, "for members only")).toBeVisible();
  await expect(membersOf(owner)).toContainText(bobName);
  await owner.context().close();
  await bob.context().close();
});
