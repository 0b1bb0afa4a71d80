import { describe, expect, it } from "vitest";
import { inspectorStrings } from "../inspector/strings.js";
import { inspectorStringsZh } from "./inspectorStringsZh.js";

describe("inspector strings in 中文", () => {
  it("cover every English key and every close code", () => {
    expect(Object.keys(inspectorStringsZh).sort()).toEqual(Object.keys(inspectorStrings).sort());
    expect(Object.keys(inspectorStringsZh.codeMeanings)).toEqual(
      Object.keys(inspectorStrings.codeMeanings),
    );
  });

  it("format the same numbers the English does", () => {
    expect(inspectorStringsZh.finalCode(4000, "bye")).toBe("最终代码：4000（bye）");
    expect(inspectorStringsZh.finalCode(undefined, "")).toBe("连接已打开。");
    expect(inspectorStringsZh.closeDetail(1006, "")).toBe("1006：没有关闭帧");
    expect(inspectorStringsZh.headerWithMask(2, 4)).toBe(inspectorStrings.headerWithMask(2, 4));
  });
});
