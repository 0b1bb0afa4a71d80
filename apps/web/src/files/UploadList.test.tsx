import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { Composer } from "../components/Composer.js";
import { localeStore } from "../i18n/localeStore.js";
import { renderWithStore, signedIn } from "../test/renderWithStore.js";
import { UploadingClient } from "../test/scriptedUploads.js";
import { ScriptedClient } from "../test/scriptedClient.js";

afterEach(async () => {
  await act(() => localeStore.getState().setLocale("en"));
});

function setup() {
  const client = new UploadingClient();
  const rendered = renderWithStore(<Composer room="general" />, client);
  act(() => signedIn(rendered));
  return { ...rendered, client, user: userEvent.setup() };
}

function pngFile(name = "shot.png", bytes = 2048): File {
  return new File([new Uint8Array(bytes)], name, { type: "image/png" });
}

async function chooseFile(user: ReturnType<typeof userEvent.setup>, file: File) {
  // The labelled button opens the picker; the picker itself is the (hidden) file input.
  expect(screen.getByRole("button", { name: "Attach files" })).toBeTruthy();
  const input = document.querySelector<HTMLInputElement>("input[data-file-input]");
  if (!input) throw new Error("no file input");
  await user.upload(input, file);
}

describe("uploads from the composer", () => {
  it("uploads a chosen file to the room and shows its progress until it is a message", async () => {
    const { client, user } = setup();
    await chooseFile(user, pngFile("shot.png", 2048));

    expect(client.calls).toContain("upload general shot.png");
    const upload = client.uploads[0]!;
    expect(upload.input.mime).toBe("image/png");
    const list = screen.getByRole("list", { name: "Uploads" });
    expect(within(list).getByText("Waiting to send")).toBeTruthy();

    act(() => upload.progress(1024));
    const bar = screen.getByRole("progressbar", { name: "Upload of shot.png" });
    expect(bar.getAttribute("value")).toBe("50");
    expect(within(list).getByText("1 KB of 2 KB")).toBeTruthy();

    act(() => upload.finish());
    // Done: the stored message shows the file; the row would only repeat it.
    expect(screen.queryByRole("list", { name: "Uploads" })).toBeNull();
  });

  it("cancels an upload in flight, then sends the file afresh on retry", async () => {
    const { client, user } = setup();
    await chooseFile(user, pngFile("big.png"));
    const upload = client.uploads[0]!;
    act(() => upload.progress(100));

    await user.click(screen.getByRole("button", { name: "Cancel the upload of big.png" }));
    expect(upload.calls).toEqual(["cancel"]);
    expect(screen.getByText("Cancelled")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Cancel the upload of big.png" })).toBeNull();

    await user.click(screen.getByRole("button", { name: "Retry the upload of big.png" }));
    // The client retries only failures: a cancelled upload is forgotten and the same file sent again.
    expect(client.calls).toContain("forget upload up1");
    expect(client.uploads).toHaveLength(2);
    expect(client.uploads[1]!.input.data).toBe(upload.input.data);
    expect(screen.getAllByRole("progressbar")).toHaveLength(1);
    expect(screen.getByText("Waiting to send")).toBeTruthy();
    act(() => client.uploads[1]!.progress(1024));
    expect(
      screen.getByRole("progressbar", { name: "Upload of big.png" }).getAttribute("value"),
    ).toBe("50");
  });

  it("retries a failed upload through the client, which resumes it", async () => {
    const { client, user } = setup();
    await chooseFile(user, pngFile("flaky.png"));
    const upload = client.uploads[0]!;
    act(() => upload.fail({ code: "internal", message: "disk full" }));
    expect(screen.getByRole("alert").textContent).toBe("The upload failed; try again.");

    await user.click(screen.getByRole("button", { name: "Retry the upload of flaky.png" }));
    expect(upload.calls).toEqual(["retry"]);
    expect(client.uploads).toHaveLength(1);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByText("Waiting to send")).toBeTruthy();
  });

  it.each([
    [{ code: "too_large" }, "Too large: the server does not take files this big."],
    [{ code: "quota_exceeded" }, "Your storage quota is used up: delete some files or wait."],
    [{ code: "unauthorized" }, "Not allowed: you cannot send files here."],
    [{ code: "unsupported_data" }, "This server does not take files."],
    [{ code: "something_new" }, "The upload failed; try again."],
  ])("says why an upload failed (%j) in words", async (detail, words) => {
    const { client, user } = setup();
    await chooseFile(user, pngFile());
    act(() => client.uploads[0]!.fail(detail));

    expect(screen.getByRole("alert").textContent).toBe(words);
    // A failed upload can be retried or removed from the list.
    await user.click(screen.getByRole("button", { name: "Remove shot.png from the list" }));
    expect(screen.queryByRole("list", { name: "Uploads" })).toBeNull();
  });

  it("says it in 中文 too", async () => {
    const { client, user } = setup();
    await act(() => localeStore.getState().setLocale("zh-CN"));
    const input = document.querySelector<HTMLInputElement>("input[data-file-input]")!;
    expect(screen.getByRole("button", { name: "添加文件" })).toBeTruthy();
    await user.upload(input, pngFile("截图.png"));
    act(() => client.uploads[0]!.fail({ code: "too_large" }));

    expect(screen.getByRole("alert").textContent).toBe("文件太大：服务器不接收这么大的文件。");
    expect(screen.getByRole("button", { name: "重新上传 截图.png" })).toBeTruthy();
  });

  it("uploads an image pasted into the message box, and leaves pasted text alone", async () => {
    const { client, user } = setup();
    const box = screen.getByLabelText("Message");
    await user.click(box);

    await user.paste({
      files: [pngFile("pasted.png")],
      items: [],
      types: ["Files"],
      getData: () => "",
    } as unknown as DataTransfer);
    expect(client.calls).toContain("upload general pasted.png");
    expect(box).toHaveProperty("value", "");

    await user.paste("just words");
    expect(client.uploads).toHaveLength(1);
    expect(box).toHaveProperty("value", "just words");
  });

  it("offers no attach button where the server did not grant files", () => {
    const client = new UploadingClient();
    client.caps = new Set();
    const rendered = renderWithStore(<Composer room="general" />, client);
    act(() => signedIn(rendered));
    expect(screen.queryByRole("button", { name: "Attach files" })).toBeNull();
  });

  it("offers no attach button when the client cannot upload", () => {
    const rendered = renderWithStore(<Composer room="general" />, new ScriptedClient());
    signedIn(rendered);
    expect(screen.queryByRole("button", { name: "Attach files" })).toBeNull();
  });
});
