import { describe, expect, it } from "vitest";
import { endpointOrigin, endpointProblem } from "./endpointPolicy.js";

describe("endpointProblem", () => {
  it("admits the push services browsers use", () => {
    for (const endpoint of [
      "https://fcm.googleapis.com/fcm/send/abc:APA91b",
      "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
      "https://web.push.apple.com/QGuQyavXutnMH6",
      "https://wns2-by3p.notify.windows.com/w/?token=BQYAAA",
    ]) {
      expect(endpointProblem(endpoint, false)).toBeUndefined();
    }
  });

  it("refuses what would make the server a request forwarder into its own network", () => {
    expect(endpointProblem("http://fcm.googleapis.com/x", false)).toMatch(/https/);
    expect(endpointProblem("https://192.168.1.1/x", false)).toMatch(/host/);
    expect(endpointProblem("https://[::1]/x", false)).toMatch(/host/);
    expect(endpointProblem("https://intranet/x", false)).toMatch(/host/);
    expect(endpointProblem("https://push.example.com:9200/x", false)).toMatch(/port/);
    expect(endpointProblem("https://a:b@push.example.com/x", false)).toMatch(/credentials/);
    expect(endpointProblem("not a url", false)).toMatch(/URL/);
  });

  it("admits http://127.0.0.1 only when insecure endpoints are allowed (tests)", () => {
    expect(endpointProblem("http://127.0.0.1:8090/notify/ab", true)).toBeUndefined();
    expect(endpointProblem("http://127.0.0.1:8090/notify/ab", false)).toMatch(/https/);
    expect(endpointProblem("http://localhost:8090/notify/ab", true)).toMatch(/https/);
    expect(endpointProblem("http://10.0.0.1:8090/notify/ab", true)).toMatch(/https/);
  });

  it("shows only the origin of an endpoint (the rest is a secret URL)", () => {
    expect(endpointOrigin("https://fcm.googleapis.com/fcm/send/secret")).toBe(
      "https://fcm.googleapis.com",
    );
  });
});
