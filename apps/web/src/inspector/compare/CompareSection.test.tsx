import type { CompareMode, CompareReport } from "@duplex/protocol";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithStore, signedIn } from "../../test/renderWithStore.js";
import { CompareSection } from "./CompareSection.js";
import { compareStrings } from "./compareStrings.js";
import { compareStringsZh } from "./compareStringsZh.js";
import { fakeCompareEnv } from "./fakeCompareEnv.js";

const REQUESTS: Record<CompareMode, number> = {
  websocket: 1,
  sse: 4,
  longpoll: 7,
  shortpoll: 9,
  deflate: 1,
};

const report = (mode: CompareMode, echoed: number): CompareReport => ({
  id: "r",
  mode,
  messagesIn: echoed,
  messagesOut: echoed,
  bytesIn: 100 * REQUESTS[mode],
  bytesOut: 200 * REQUESTS[mode],
  headerBytes: 150 * REQUESTS[mode],
  requests: REQUESTS[mode],
  connections: mode === "sse" ? 2 : 1,
  serverWaitMedianMs: 0,
  serverWaitP99Ms: 0,
  frames: [],
});

const QUICK = { messages: 3, intervalMs: 1, pollMs: 20 };

function setup() {
  const env = fakeCompareEnv(report);
  const rendered = renderWithStore(<CompareSection env={() => env} pace={QUICK} />);
  act(() => signedIn(rendered));
  return rendered;
}

describe("the Why WebSocket comparison panel", () => {
  it("runs the four transports in turn, then shows each one's requests, connections and bytes side by side", async () => {
    setup();
    await userEvent.click(screen.getByRole("button", { name: compareStrings.run }));
    const table = await screen.findByRole(
      "table",
      { name: compareStrings.tableCaption },
      { timeout: 5_000 },
    );
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getByRole("rowheader").textContent)).toEqual([
      "WebSocket",
      "SSE + POST",
      "Long polling",
      "Short polling (1 s)",
    ]);
    const cells = (i: number) =>
      within(rows[i] ?? expect.unreachable())
        .getAllByRole("cell")
        .map((c) => c.textContent);
    // bytes, heads, requests, connections … lost: as the server reported them, no echo lost.
    expect(cells(0).slice(0, 4)).toEqual(["300 B", "150 B", "1", "1"]);
    expect(cells(3).slice(0, 4)).toEqual(["2,700 B", "1,350 B", "9", "1"]);
    expect(cells(1)[6]).toBe("0");
    expect(screen.getAllByRole("status")[0]?.textContent).toBe(compareStrings.done);
    expect(screen.getAllByRole("img", { name: /HTTP requests/ })).toHaveLength(1);
  });

  it("can be cancelled from the keyboard while running, and says so", async () => {
    setup();
    const user = userEvent.setup();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: compareStrings.run }));
    await user.keyboard("{Enter}");
    const cancel = await screen.findByRole("button", { name: compareStrings.cancel });
    await user.click(cancel);
    await waitFor(() =>
      expect(screen.getAllByRole("status")[0]?.textContent).toBe(compareStrings.cancelled),
    );
    expect(screen.queryByRole("button", { name: compareStrings.cancel })).toBeNull();
  });

  it("has every string in Chinese too", () => {
    expect(Object.keys(compareStringsZh).sort()).toEqual(Object.keys(compareStrings).sort());
    expect(compareStringsZh.why).toHaveLength(compareStrings.why.length);
    expect(compareStringsZh.run).not.toBe(compareStrings.run);
  });
});
