import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { FrameEvent } from "@duplex/client";
import { encode, type ClientMessage, type ServerMessage } from "@duplex/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { inspectingRfcHandshake } from "../test/inspectorFixtures.js";
import { type Rendered, renderSignedIn } from "../test/renderWithStore.js";
import { InspectorPanel } from "./InspectorPanel.js";
import { MAX_FRAMES } from "./inspectorSlice.js";

beforeEach(() => {
  // The panel measures an HTTP request when it opens; these tests are about the log.
  vi.stubGlobal("fetch", () => new Promise(() => undefined));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function setup(): Rendered {
  const rendered = renderSignedIn(<InspectorPanel />);
  act(() => rendered.store.getState().actions.setInspectorOpen(true));
  return rendered;
}

let clock = Date.UTC(2026, 10, 25, 12, 0, 0);

function frame(
  r: Rendered,
  direction: FrameEvent["direction"],
  message: ClientMessage | ServerMessage,
) {
  const event: FrameEvent = { direction, text: encode(message), type: message.type, at: clock++ };
  act(() => r.client.emit("frame", event));
}

function rows(): HTMLElement[] {
  const log = screen.getByRole("table", { name: "Frame log" });
  return within(log).getAllByRole("row").slice(1); // the header row
}

const text = (el: HTMLElement) => el.textContent ?? "";
const cells = (row: HTMLElement) => within(row).getAllByRole("cell").map(text);

describe("the inspector's frame log", () => {
  it("lists frames newest first with payload bytes and header + mask bytes", () => {
    const r = setup();
    const long = "x".repeat(120); // pushes the send frame past 125 payload bytes
    frame(r, "out", { type: "send", room: "general", cid: "c1", text: long });
    frame(r, "in", { type: "pong", t: 1, serverTime: 2 });

    const [newest, older] = rows().map(cells);
    expect(newest?.slice(1)).toEqual(["↓ in", "pong ", "36 B", "2 B", "browser"]);
    const sendBytes = new TextEncoder().encode(
      encode({ type: "send", room: "general", cid: "c1", text: long }),
    ).length;
    // 126–65,535 payload bytes: a 4-byte header, plus the 4-byte mask from the browser.
    expect(older?.slice(1)).toEqual(["↑ out", "send ", `${sendBytes} B`, "4+4 B", "browser"]);
  });

  it("filters by message type", async () => {
    const r = setup();
    frame(r, "out", { type: "ping", t: 1 });
    frame(r, "in", { type: "pong", t: 1, serverTime: 2 });
    frame(r, "out", { type: "ping", t: 2 });

    await userEvent.selectOptions(screen.getByLabelText("Show"), "ping");
    expect(rows()).toHaveLength(2);
    expect(rows().every((row) => text(row).includes("ping"))).toBe(true);

    await userEvent.selectOptions(screen.getByLabelText("Show"), "all");
    expect(rows()).toHaveLength(3);
  });

  it(`keeps only the newest ${MAX_FRAMES} frames`, () => {
    const r = setup();
    act(() => {
      for (let t = 0; t < MAX_FRAMES + 10; t += 1) {
        r.client.emit("frame", {
          direction: "out",
          text: encode({ type: "ping", t }),
          type: "ping",
          at: clock++,
        });
      }
    });
    expect(rows()).toHaveLength(MAX_FRAMES);
    expect(r.store.getState().inspector.totals.messages).toBe(MAX_FRAMES + 10);
  });

  it("stops listing while paused, says how many it skipped, and resumes", async () => {
    const r = setup();
    frame(r, "out", { type: "ping", t: 1 });
    await userEvent.click(screen.getByRole("button", { name: "Pause" }));
    frame(r, "in", { type: "pong", t: 1, serverTime: 2 });
    frame(r, "out", { type: "ping", t: 2 });
    expect(rows()).toHaveLength(1);
    expect(screen.getByText("2 frames arrived while paused (counted, not listed)")).toBeTruthy();

    await userEvent.click(screen.getByRole("button", { name: "Resume" }));
    frame(r, "in", { type: "pong", t: 2, serverTime: 3 });
    expect(rows()).toHaveLength(2);
  });

  it("merges the server's control frames in, without listing the reports themselves", () => {
    const r = setup();
    const ping: ServerMessage = {
      type: "control",
      kind: "pong",
      direction: "to_server",
      at: clock,
      bytes: 0,
      rttMs: 3.25,
    };
    frame(r, "in", ping);
    act(() => r.client.emit("message", ping));
    const [row, ...rest] = rows();
    expect(rest).toHaveLength(0);
    expect(text(row!)).toContain("pong");
    expect(text(row!)).toContain("rtt 3.3 ms");
    expect(text(row!)).toContain("server");
    expect(text(row!)).toContain("2+4 B"); // a client→server pong is masked too
  });
});

describe("the inspector's handshake and close sections", () => {
  it("recomputes the Accept from the key the server received and shows that it matches", async () => {
    const r = setup();
    act(() => r.client.emit("message", inspectingRfcHandshake()));
    expect(await screen.findByText("✓ matches")).toBeTruthy();
    expect(r.client.calls).toContain(
      `request ${JSON.stringify({ type: "inspect", enable: true })}`,
    );
  });

  it("closes with the application code and shows both close frames and the final code", async () => {
    const r = setup();
    const close = vi.spyOn(r.client, "close");
    await userEvent.click(screen.getByRole("button", { name: "Close with 4000" }));
    expect(close).toHaveBeenCalledWith(4000, "bye");

    for (const direction of ["out", "in"] as const) {
      act(() =>
        r.client.emit("frame", {
          direction,
          text: "bye",
          type: "close",
          code: 4000,
          reason: "bye",
          at: clock++,
        }),
      );
    }
    expect(rows().map((row) => text(row).includes("4000 bye"))).toEqual([true, true]);
    expect(screen.getByTestId("final-close").textContent).toBe("Final code: 4000 (bye)");
  });
});
