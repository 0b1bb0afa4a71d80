import { act, fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@duplex/protocol";
import { ChatScreen } from "../components/ChatScreen.js";
import { MessageList } from "../components/MessageList.js";
import { renderWithStore, signedIn } from "../test/renderWithStore.js";
import { BOB, chatMessage } from "../test/scriptedClient.js";
import { UploadingClient } from "../test/scriptedUploads.js";
import type { Attachment } from "./uploadPort.js";

const PHOTO: Attachment = {
  id: "f_photo",
  name: "sunset.png",
  size: 480_000,
  mime: "image/png",
  width: 1600,
  height: 900,
  thumb: true,
};
const LOG: Attachment = {
  id: "f_log",
  name: "server.log",
  size: 2_500_000,
  mime: "text/plain",
  thumb: false,
};

function withAttachment(attachment: Attachment, text = ""): ChatMessage {
  return { ...chatMessage(BOB, text), attachment } as ChatMessage;
}

function showRoom(...messages: ChatMessage[]) {
  const rendered = renderWithStore(<MessageList room="general" />, new UploadingClient());
  act(() => signedIn(rendered));
  act(() => rendered.client.deliver("general", messages, true));
  return rendered;
}

describe("attachments in the conversation", () => {
  it("shows an image inline, its box sized before it loads, named by the file", async () => {
    showRoom(withAttachment(PHOTO));
    const img = await screen.findByRole("img", { name: "sunset.png" });
    // 1600×900 fitted into 320×240: the row's height is known before the bytes arrive.
    expect(img.getAttribute("width")).toBe("320");
    expect(img.getAttribute("height")).toBe("180");
    expect(img.getAttribute("src")).toBe("/files/f_photo/thumb?sig=test");
    expect(screen.queryByRole("link", { name: /Download/ })).toBeNull();
  });

  it("shows any other file as a card with its name, size, type and a download link", async () => {
    showRoom(withAttachment(LOG, "the crash"));
    expect(screen.getByText("the crash")).toBeTruthy();
    expect(screen.getByText("server.log")).toBeTruthy();
    expect(screen.getByText("2.4 MB · text/plain")).toBeTruthy();
    const link = await screen.findByRole("link", { name: "Download server.log (2.4 MB)" });
    expect(link.getAttribute("href")).toBe("/files/f_log?sig=test");
    expect(link.getAttribute("download")).toBe("server.log");
    expect(screen.queryByRole("img")).toBeNull();
  });

  it("shows an image without known dimensions as a download, not a broken box", async () => {
    showRoom(
      withAttachment({ ...PHOTO, width: undefined, height: undefined, thumb: false } as Attachment),
    );
    expect(screen.queryByRole("img")).toBeNull();
    expect(await screen.findByRole("link", { name: /Download sunset\.png/ })).toBeTruthy();
  });

  it("opens the image in a lightbox: focus on Close, Tab stays inside, Escape closes and focus returns", async () => {
    showRoom(withAttachment(PHOTO));
    const user = userEvent.setup();
    const opener = screen.getByRole("button", { name: "Open sunset.png full size" });
    await screen.findByRole("img", { name: "sunset.png" });

    await user.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Image sunset.png" });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    const full = screen.getAllByRole("img", { name: "sunset.png" }).at(-1)!;
    expect(full.getAttribute("src")).toBe("/files/f_photo?sig=test");
    const close = screen.getByRole("button", { name: "Close" });
    expect(document.activeElement).toBe(close);

    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("link", { name: "Open the original" }));
    await user.tab();
    expect(document.activeElement).toBe(close);

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it("opens the lightbox from the keyboard too", async () => {
    showRoom(withAttachment(PHOTO));
    const user = userEvent.setup();
    await screen.findByRole("img", { name: "sunset.png" });
    act(() => screen.getByRole("button", { name: "Open sunset.png full size" }).focus());
    await user.keyboard("{Enter}");
    expect(screen.getByRole("dialog", { name: "Image sunset.png" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("shows no file of a deleted message", () => {
    showRoom({ ...withAttachment(LOG), deleted: true } as ChatMessage);
    expect(screen.queryByText("server.log")).toBeNull();
  });
});

describe("dropping files onto the conversation", () => {
  function dataTransfer(files: File[]): DataTransfer {
    return { files, items: [], types: ["Files"], dropEffect: "none" } as unknown as DataTransfer;
  }

  it("shows where the files go while dragging, and uploads them on drop", async () => {
    const client = new UploadingClient();
    const rendered = renderWithStore(<ChatScreen />, client);
    await act(async () => signedIn(rendered));
    const main = screen.getByRole("main");
    const files = [new File(["a"], "a.txt", { type: "text/plain" }), new File(["bb"], "b.png")];

    fireEvent.dragEnter(main, { dataTransfer: dataTransfer(files) });
    expect(screen.getByText("Drop files to send them to #general")).toBeTruthy();
    fireEvent.dragOver(main, { dataTransfer: dataTransfer(files) });
    fireEvent.drop(main, { dataTransfer: dataTransfer(files) });

    expect(client.calls.filter((c) => c.startsWith("upload"))).toEqual([
      "upload general a.txt",
      "upload general b.png",
    ]);
    expect(screen.queryByText("Drop files to send them to #general")).toBeNull();
    expect(screen.getByRole("progressbar", { name: "Upload of b.png" })).toBeTruthy();
  });

  it("ignores a drag of text (no files)", async () => {
    const client = new UploadingClient();
    const rendered = renderWithStore(<ChatScreen />, client);
    await act(async () => signedIn(rendered));
    const main = screen.getByRole("main");
    const text = { files: [], items: [], types: ["text/plain"] } as unknown as DataTransfer;
    fireEvent.dragEnter(main, { dataTransfer: text });
    fireEvent.drop(main, { dataTransfer: text });
    expect(screen.queryByText(/Drop files/)).toBeNull();
    expect(client.uploads).toHaveLength(0);
  });
});
