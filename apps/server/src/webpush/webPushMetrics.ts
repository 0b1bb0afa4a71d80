import { Counter, Gauge, type Metric } from "prom-client";

/** A counter unregistered, for the server's registry to take. */
function counter<L extends string = never>(name: string, help: string, labelNames: L[] = []) {
  return new Counter<L>({ name, help, labelNames, registers: [] });
}

/** Web Push counters for `/metrics` (made unregistered; the server's registry takes them). */
export function createWebPushMetrics(queued: () => number) {
  const sent = counter("duplex_web_push_sent_total", "Pushes a push service accepted (2xx)");
  const failed = counter(
    "duplex_web_push_failed_total",
    "Push attempts that failed, by status (429, 5xx, 404/410, timeout, network, redirect, …)",
    ["status"],
  );
  const pruned = counter(
    "duplex_web_push_subscriptions_pruned_total",
    "Subscriptions deleted because their push service answered 404 or 410",
  );
  const suppressed = counter(
    "duplex_web_push_suppressed_total",
    "Notifications not pushed: a tab of the user was visible, or their preferences (do-not-disturb, room level) held it back",
  );
  const givenUp = counter(
    "duplex_web_push_given_up_total",
    "Pushes given up: attempts ran out, the queue was full, or the server was stopping",
    ["reason"],
  );
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
