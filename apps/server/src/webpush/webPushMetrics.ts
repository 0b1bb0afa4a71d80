import { Counter, Gauge, type Metric } from "prom-client";

/** Web Push counters for `/metrics` (made unregistered; the server's registry takes them). */
export function createWebPushMetrics(queued: () => number) {
  const sent = new Counter({
    name: "duplex_web_push_sent_total",
    help: "Pushes a push service accepted (2xx)",
    registers: [],
  });
  const failed = new Counter({
    name: "duplex_web_push_failed_total",
    help: "Push attempts that failed, by status (429, 5xx, 404/410, timeout, network, redirect, …)",
    labelNames: ["status"],
    registers: [],
  });
  const pruned = new Counter({
    name: "duplex_web_push_subscriptions_pruned_total",
    help: "Subscriptions deleted because their push service answered 404 or 410",
    registers: [],
  });
  const suppressed = new Counter({
    name: "duplex_web_push_suppressed_total",
    help: "Notifications not pushed: a tab of the user was visible, or their preferences (do-not-disturb, room level) held it back",
    registers: [],
  });
  const givenUp = new Counter({
    name: "duplex_web_push_given_up_total",
    help: "Pushes given up: attempts ran out, the queue was full, or the server was stopping",
    labelNames: ["reason"],
    registers: [],
  });
  const queue = new Gauge({
    name: "duplex_web_push_queue",
    help: "Push jobs held (waiting, running, or waiting to retry)",
    registers: [],
    collect() {
      this.set(queued());
    },
  });
  const all: Metric[] = [sent, failed, pruned, suppressed, givenUp, queue];
  return { sent, failed, pruned, suppressed, givenUp, all };
}

export type WebPushMetrics = ReturnType<typeof createWebPushMetrics>;
