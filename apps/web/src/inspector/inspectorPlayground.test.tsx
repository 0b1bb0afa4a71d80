import { act, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderSignedIn } from "../test/renderWithStore.js";
import { CloseSection } from "./CloseSection.js";
import { initialInspector, recordFrame, type NewFrame } from "./inspectorSlice.js";

const frame = (at: number, type: string, kind: NewFrame["kind"] = "data"): NewFrame => ({
  at,
  direction: "in",
  kind,
  type,
  payloadBytes: 10,
  headerBytes: 2,
  maskBytes: 0,
  seenBy: kind === "data" ? "browser" : "server",
});

beforeEach(() => {
  vi.stubGlobal("fetch", () => new Promise(() => undefined));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the close playground", () => {
  it("lists frames by time even when the server's report of a ping arrives late", () => {
    let slice = recordFrame(initialInspector, frame(100, "message"));
    slice = recordFrame(slice, frame(300, "message"));
    slice = recordFrame(slice, frame(200, "ping", "ping"));
    expect(slice.frames.map((f) => f.at)).toEqual([300, 200, 100]);
  });

  it("disables the close buttons once the connection is closed", () => {
    const rendered = renderSignedIn(<CloseSection />);
    const close4000 = screen.getByRole("button", { name: "Close with 4000" });
    expect(close4000).toHaveProperty("disabled", false);
    act(() =>
      rendered.client.setState({
        status: "closed",
        attempt: 0,
        lastClose: { code: 4000, reason: "bye", retryable: false },
      }),
    );
    expect(close4000).toHaveProperty("disabled", true);
    expect(screen.getByRole("button", { name: "Close with 1000" })).toHaveProperty(
      "disabled",
      true,
    );
  });
});
