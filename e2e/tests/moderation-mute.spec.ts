import { expect, test } from "@playwright/test";
import { messageItem, sendMessage } from "../support/chat.js";
import { ownerAndMember } from "../support/accounts.js";

test.slow(); // two browsers on a shared 2-core machine

test("a mute stops the muted user's sends with a clear error, and unmute restores them", async ({
  browser,
}) => {
  const { owner, name, member: muted, row } = await ownerAndMember(browser, "mute");

  await row.getByRole("button", { name: `Mute ${name}`, exact: true }).click();
  const confirm = owner.getByRole("group", { name: `Mute ${name}` });
  await confirm.getByLabel("Mute for").selectOption({ label: "5 minutes" });
  await confirm.getByRole("button", { name: "Mute", exact: true }).click();
  await expect(row.getByRole("status")).toHaveText(`${name} is muted in this room.`);

  const silenced = `while muted ${Date.now()}`;
  await sendMessage(muted, silenced);
  await expect(messageItem(muted, silenced)).toContainText(/Failed: muted: muted until \d{4}-/);
  await expect(messageItem(owner, silenced)).toHaveCount(0);

  await row.getByRole("button", { name: `Unmute ${name}` }).click();
  await owner
    .getByRole("group", { name: `Unmute ${name}` })
    .getByRole("button", { name: "Unmute", exact: true })
    .click();
  await expect(row.getByRole("status")).toHaveText(`${name} can send in this room again.`);

  const heard = `after unmute ${Date.now()}`;
  await sendMessage(muted, heard);
  await expect(messageItem(owner, heard)).toBeVisible();
  await owner.context().close();
  await muted.context().close();
});
