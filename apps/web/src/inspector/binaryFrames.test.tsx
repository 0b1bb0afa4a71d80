import { act, screen, within } from "@testing-library/react";
import type { FrameEvent } from "@duplex/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Rendered, renderSignedIn } from "../test/renderWithStore.js";
import { InspectorPanel } from "./InspectorPanel.js";
import { fromClientFrame } from "./frameEvents.js";

beforeEach(() => {
  // The panel measures an HTTP request when it opens; these tests are about the log.
  vi.stubGlobal("fetch", () => new Promise(() => undefined));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** An upload chunk as the client reports it: sizes only (`text` is empty, the bytes stay out). */
function chunk(bytes: number, at: number): FrameEvent {
  return { direction: "out", text: "", type: "binary", at, bytes, headerBytes: 24 };
}

function setup(): Rendered {
  const rendered = renderSignedIn(<InspectorPanel />);
  act(() => rendered.store.getState().actions.setInspectorOpen(true));
  return rendered;
}

describe("binary frames (opcode 2) in the inspector", () => {
  it("prices an upload chunk's frame header by its size, with the browser's mask", () => {
    // 64 KiB + 24 B of chunk header: past 65,535 bytes, so the 10-byte header form.
    expect(fromClientFrame(chunk(65_536 + 24, 1))).toMatchObject({
      kind: "binary",
      type: "binary",
      payloadBytes: 65_560,
      headerBytes: 10,
      maskBytes: 4,
      chunkHeaderBytes: 24,
    });
    expect(fromClientFrame(chunk(1_000, 1))).toMatchObject({ headerBytes: 4, maskBytes: 4 });
  });

  it("lists chunks with size and header cost, counts them in the totals, and filters them", () => {
    const r = setup();
    act(() => r.client.emit("frame", chunk(16_408, Date.UTC(2026, 10, 25, 12))));

    const log = screen.getByRole("table", { name: "Frame log" });
    const row = within(log).getAllByRole("row")[1]!;
    const cells = within(row)
      .getAllByRole("cell")
      .map((c) => c.textContent);
    expect(cells.slice(1)).toEqual([
      "↑ out",
      "binary opcode 2 · 24 B chunk header in the payload",
      "16408 B",
      "4+4 B",
      "browser",
    ]);
    const totals = r.store.getState().inspector.totals;
    expect(totals).toMatchObject({ messages: 1, headerBytes: 8, payloadBytes: 16_408 });
    expect(
      within(screen.getByLabelText("Show")).getByRole("option", { name: "binary" }),
    ).toBeTruthy();
  });
});
