import { describe, expect, it } from "vitest";
import * as entry from "./index.js";
import * as testing from "./testing.js";

describe("package entries", () => {
  it("keeps the test doubles out of the production entry", () => {
    expect(Object.keys(entry)).not.toContain("FakePeer");
    expect(Object.keys(entry)).not.toContain("FakeSocket");
    expect(Object.keys(testing).sort()).toEqual(["FakePeer", "FakeSocket"]);
  });
});
