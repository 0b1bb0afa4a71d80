import { describe, expect, it } from "vitest";
import { allocationSummary, type SamplingHeapProfile } from "./allocationSampling.js";

const frame = (functionName: string, lineNumber = 0) => ({
  functionName,
  url: "file:///app/dist/handlers/rooms.js",
  lineNumber,
});

describe("allocationSummary", () => {
  it("adds each function's self bytes over every stack it allocated in, largest first", () => {
    const profile: SamplingHeapProfile = {
      head: {
        callFrame: frame("(root)"),
        selfSize: 0,
        children: [
          {
            callFrame: frame("handleJoin", 65),
            selfSize: 100,
            children: [{ callFrame: frame("firstPage", 58), selfSize: 300, children: [] }],
          },
          {
            callFrame: frame("handleHello", 80),
            selfSize: 50,
            children: [{ callFrame: frame("firstPage", 58), selfSize: 200, children: [] }],
          },
          { callFrame: frame(""), selfSize: 25, children: [] },
        ],
      },
    };
    expect(allocationSummary(profile, 2)).toEqual({
      totalBytes: 675,
      sites: [
        { site: "firstPage handlers/rooms.js:59", bytes: 500 },
        { site: "handleJoin handlers/rooms.js:66", bytes: 100 },
      ],
    });
  });
});
