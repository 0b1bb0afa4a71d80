import { useEffect, useId } from "react";
import { useShallow } from "zustand/react/shallow";
import type { TimedSample } from "../store/statsSlice.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { Sparkline } from "./Sparkline.js";

interface Metric {
  label: string;
  pick(sample: TimedSample): number;
  format(value: number): string;
}

const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const METRICS: readonly Metric[] = [
  { label: "Connected clients", pick: (s) => s.connections, format: (v) => String(v) },
  { label: "Messages per second", pick: (s) => s.messagesPerSecond, format: (v) => v.toFixed(1) },
  { label: "Event-loop lag", pick: (s) => s.eventLoopLagMs, format: (v) => `${v.toFixed(1)} ms` },
  { label: "Memory (RSS)", pick: (s) => s.rssBytes, format: mebibytes },
];

const clock = new Intl.DateTimeFormat(undefined, {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** A header toggle for the live server statistics; subscribed to the `stats` topic only while open. */
export function ServerStats() {
  const visible = useDuplex((s) => s.stats.visible);
  const { setStatsVisible } = useActions();
  const panelId = useId();

  // Leaving the chat screen (or the app) ends the subscription too.
  useEffect(() => () => setStatsVisible(false), [setStatsVisible]);

  return (
    <div className="stats-anchor">
      <button
        type="button"
        className="header-button"
        aria-expanded={visible}
        aria-controls={visible ? panelId : undefined}
        onClick={() => setStatsVisible(!visible)}
      >
        Server stats
      </button>
      {visible && <StatsPanel id={panelId} />}
    </div>
  );
}

function StatsPanel({ id }: { id: string }) {
  const { samples, received } = useDuplex(
    useShallow((s) => ({ samples: s.stats.samples, received: s.stats.received })),
  );
  const latest = samples.at(-1);
  return (
    <section id={id} className="popover stats-panel" aria-label="Server stats">
      <h2 className="popover-title">Server stats</h2>
      {latest === undefined ? (
        <p className="muted">Waiting for the first sample…</p>
      ) : (
        <dl className="stats-grid">
          {METRICS.map((metric) => (
            <div key={metric.label} className="stats-metric">
              <dt>{metric.label}</dt>
              <dd>
                <span className="stats-value">{metric.format(metric.pick(latest))}</span>
                <Sparkline values={samples.map(metric.pick)} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p className="stats-foot muted">
        <span data-testid="stats-samples">{received}</span> samples
        {latest !== undefined && (
          <>
            {" · updated "}
            <time dateTime={new Date(latest.ts).toISOString()}>{clock.format(latest.ts)}</time>
          </>
        )}
      </p>
    </section>
  );
}
