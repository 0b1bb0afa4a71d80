import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "../support/axe.js";
import { signIn } from "../support/chat.js";
import { uniqueSuffix } from "../support/chatFeatures.js";
import { dropFile, expectLoaded, png } from "../support/uploads.js";

// Files over binary frames, end to end: one browser drops an image, the other sees its thumbnail
// (also after a reload), and an uploaded HTML file can never run script in the app's origin.

test("an image dropped in one browser shows as a thumbnail in the other, also after a reload", async ({
  browser,
}) => {
  test.slow();
  const id = uniqueSuffix();
  const alice = await signIn(browser, `Fa-${id}`);
  const bob = await signIn(browser, `Fb-${id}`, { bypassCSP: true });
  const picture = `picture-${id}.png`;

  await dropFile(alice, picture, "image/png", png(120, 80));

  await expectLoaded(bob, picture);
  // The box is the image's own size (within the thumbnail's bounds), known before it loaded.
  const thumb = bob.getByRole("log").getByRole("img", { name: picture });
  await expect(thumb).toHaveAttribute("width", "120");
  await expect(thumb).toHaveAttribute("height", "80");
  await expectLoaded(alice, picture);

  // The lightbox: opened from the keyboard, Escape closes it, focus returns to the thumbnail.
  const opener = bob.getByRole("button", { name: `Open ${picture} full size` });
  await opener.focus();
  await bob.keyboard.press("Enter");
  const viewer = bob.getByRole("dialog", { name: `Image ${picture}` });
  await expect(viewer).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Close" })).toBeFocused();
  // The whole page: the conversation with its image, and the dialog over it.
  await expectNoSeriousViolations(bob, "the image lightbox");
  await bob.keyboard.press("Escape");
  await expect(viewer).toBeHidden();
  await expect(opener).toBeFocused();

  await bob.reload();
  await expectLoaded(bob, picture);

  await alice.context().close();
  await bob.context().close();
});

test("an uploaded HTML file is a download that cannot run script in the app's origin", async ({
  browser,
}) => {
  test.slow();
  const id = uniqueSuffix();
  const alice = await signIn(browser, `Fh-${id}`);
  const name = `page-${id}.html`;
  const html = `<!doctype html><title>x</title><script>localStorage.setItem("pwned", "${id}"); document.title = "pwned";</script>`;

  await alice
    .locator("input[data-file-input]")
    .setInputFiles({ name, mimeType: "text/html", buffer: Buffer.from(html) });

  // Not an image: a card with its name, size and a download link.
  const link = alice.getByRole("link", { name: new RegExp(`^Download ${name}`) });
  await expect(link).toBeVisible();
  const href = await link.getAttribute("href");
  expect(href).toBeTruthy();
  const url = new URL(href ?? "", alice.url()).toString();

  const response = await alice.request.get(url);
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers["content-disposition"]).toMatch(/^attachment/);
  expect(headers["content-security-policy"]).toContain("sandbox");
  expect(headers["x-content-type-options"]).toBe("nosniff");

  // Opening the link itself: the browser downloads it, and no script ran in the app's origin.
  const opened = await alice.context().newPage();
  const download = opened.waitForEvent("download");
  await opened.goto(url).catch(() => undefined); // "Download is starting" aborts the navigation
  expect((await download).suggestedFilename()).toBe(name);
  expect(await alice.evaluate(() => localStorage.getItem("pwned"))).toBeNull();
  expect(await alice.title()).not.toBe("pwned");

  await alice.context().close();
});
