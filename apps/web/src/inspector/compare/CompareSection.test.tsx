import type { CompareMode, CompareReport } from "@duplex/protocol";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { renderSignedIn } from "../../test/renderWithStore.js";
import { CompareSection } from "./CompareSection.js";
import { en } from "../../i18n/en.js";
import { localeStore } from "../../i18n/localeStore.js";
import { zh } from "../../i18n/zh.js";
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
  const rendered = renderSignedIn(<CompareSection env={() => env} pace={QUICK} />);
  return rendered;
}

/** Runs the comparison in the dictionary's language and waits for the results table. */
async function runToTable(words: typeof en | typeof zh): Promise<HTMLElement> {
  setup();
  await userEvent.click(screen.getByRole("button", { name: words["compare.run"] }));
  return screen.findByRole("table", { name: words["compare.tableCaption"] }, { timeout: 5_000 });
}

afterEach(async () => {
  await act(() => localeStore.getState().setLocale("en"));
  window.localStorage.clear();
});

describe("the Why WebSocket comparison panel", () => {
  it("runs the four transports in turn, then shows each one's requests, connections and bytes side by side", async () => {
    const table = await runToTable(en);
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
    expect(screen.getAllByRole("status")[0]?.textContent).toBe(en["compare.done"]);
    expect(screen.getAllByRole("img", { name: /HTTP requests/ })).toHaveLength(1);
  });

  it("can be cancelled from the keyboard while running, and says so", async () => {
    setup();
    const user = userEvent.setup();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: en["compare.run"] }));
    await user.keyboard("{Enter}");
    const cancel = await screen.findByRole("button", { name: en["compare.cancel"] });
    await user.click(cancel);
    await waitFor(() =>
      expect(screen.getAllByRole("status")[0]?.textContent).toBe(en["compare.cancelled"]),
    );
    expect(screen.queryByRole("button", { name: en["compare.cancel"] })).toBeNull();
  });

  it("speaks Chinese from the one dictionary, figures and units included", async () => {
    await act(() => localeStore.getState().setLocale("zh-CN"));
    const table = await runToTable(zh);
    const longpoll = within(table).getByRole("row", { name: /^长轮询/ });
    expect(within(longpoll).getAllByRole("cell")[0]?.textContent).toBe("2,100 字节");
    expect(screen.getByText(zh["compare.why.shortpoll"])).toBeTruthy();
    expect(screen.queryByText(en["compare.whyTitle"])).toBeNull();
  });
});
