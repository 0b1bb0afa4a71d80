import { useEffect, useId } from "react";
import { useShallow } from "zustand/react/shallow";
import type { TimedSample } from "../store/statsSlice.js";
import { dateTimeFormat } from "../i18n/intlFormat.js";
import type { Translate } from "../i18n/translate.js";
import { useLocale, useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { Sparkline } from "./Sparkline.js";
import { DisclosureButton } from "./DisclosureButton.js";

interface Metric {
  label: "stats.clients" | "stats.rate" | "stats.lag" | "stats.memory";
  pick(sample: TimedSample): number;
  format(value: number, t: Translate): string;
}

const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const METRICS: readonly Metric[] = [
  { label: "stats.clients", pick: (s) => s.connections, format: (v) => String(v) },
  { label: "stats.rate", pick: (s) => s.messagesPerSecond, format: (v) => v.toFixed(1) },
  {
    label: "stats.lag",
    pick: (s) => s.eventLoopLagMs,
    format: (v, t) => t("stats.ms", { value: v.toFixed(1) }),
  },
  { label: "stats.memory", pick: (s) => s.rssBytes, format: mebibytes },
];

const CLOCK: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", second: "2-digit" };

/** A header toggle for the live server statistics; subscribed to the `stats` topic only while open. */
export function ServerStats() {
  const visible = useDuplex((s) => s.stats.visible);
  const { setStatsVisible } = useActions();
  const t = useT();
  const panelId = useId();

  // Leaving the chat screen (or the app) ends the subscription too.
  useEffect(() => () => setStatsVisible(false), [setStatsVisible]);

  return (
    <div className="stats-anchor">
      <DisclosureButton
        className="header-button"
        open={visible}
        controls={visible ? panelId : undefined}
        onToggle={setStatsVisible}
      >
        {t("stats.toggle")}
      </DisclosureButton>
      {visible && <StatsPanel id={panelId} />}
    </div>
  );
}

function StatsPanel({ id }: { id: string }) {
  const { samples, received } = useDuplex(
    useShallow((s) => ({ samples: s.stats.samples, received: s.stats.received })),
  );
  const latest = samples.at(-1);
  const t = useT();
  const clock = dateTimeFormat(useLocale(), CLOCK);
  return (
    <section id={id} className="popover stats-panel" aria-label={t("stats.title")}>
      <h2 className="popover-title">{t("stats.title")}</h2>
      {latest === undefined ? (
        <p className="muted">{t("stats.waiting")}</p>
      ) : (
        <dl className="stats-grid">
          {METRICS.map((metric) => (
            <div key={metric.label} className="stats-metric">
              <dt>{t(metric.label)}</dt>
              <dd>
                <span className="stats-value">{metric.format(metric.pick(latest), t)}</span>
                <Sparkline values={samples.map(metric.pick)} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p className="stats-foot muted">
        <span data-testid="stats-samples">{received}</span>
        {t("stats.samples", { count: received })}
        {latest !== undefined && (
          <>
            {t("stats.updated")}
            <time dateTime={new Date(latest.ts).toISOString()}>{clock.format(latest.ts)}</time>
          </>
        )}
      </p>
    </section>
  );
}
