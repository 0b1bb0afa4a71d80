import { describe, expect, it } from "vitest";
import { ENGLISH, loadStrings } from "./localeStrings.js";

describe("loadStrings", () => {
  it("has English at hand and fetches Chinese, with the inspector in the same language", async () => {
    expect(await loadStrings("en")).toBe(ENGLISH);
    const zh = await loadStrings("zh-CN");
    expect(zh.t("signIn.submit")).toBe("加入聊天");
    expect(zh.t("inspector.toggle")).toBe("检查器");
  });

  it("gives the same `t` on every load, so switching back re-renders nothing that did not change", async () => {
    expect((await loadStrings("zh-CN")).t).toBe((await loadStrings("zh-CN")).t);
  });
});
