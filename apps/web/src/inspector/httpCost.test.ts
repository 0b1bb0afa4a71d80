import { describe, expect, it } from "vitest";
import { httpHeaderBytesFor, measureHttpCost, responseHeadBytes, timeHealthz } from "./httpCost.js";

describe("HTTP cost measurement", () => {
  it("rebuilds the response head byte for byte from the exposed headers", () => {
    const response = new Response("{}", {
      status: 200,
      statusText: "OK",
      headers: { "content-type": "application/json", "content-length": "2" },
    });
    const head = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-type: application/json\r\n\r\n";
    expect(responseHeadBytes(response)).toBe(head.length);
  });

  it("takes the request size from the server's count and prices every message as a pair", async () => {
    const asked: string[] = [];
    let now = 1000;
    const env = {
      now: () => (now += 5),
      fetch: (url: string) => {
        asked.push(url);
        return Promise.resolve(
          new Response(JSON.stringify({ requestBytes: 480 }), {
            status: 200,
            statusText: "OK",
            headers: { "content-type": "application/json" },
          }),
        );
      },
    };
    const http = await measureHttpCost(env);
    expect(asked[0]).toMatch(/^\/api\/inspect\/http\?t=\d+$/);
    expect(http.requestBytes).toBe(480);
    expect(http.responseBytes).toBe(
      "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n".length,
    );
    expect(httpHeaderBytesFor(10, http)).toBe(10 * (480 + http.responseBytes));
    expect(await timeHealthz(env)).toBe(5);
  });

  it("fails loudly when the server does not count (an older server)", async () => {
    const env = {
      now: () => 0,
      fetch: () => Promise.resolve(new Response("not found", { status: 404 })),
    };
    await expect(measureHttpCost(env)).rejects.toThrow("404");
  });
});
