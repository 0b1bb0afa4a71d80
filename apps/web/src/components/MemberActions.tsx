import { useEffect, useId, useRef, useState } from "react";
import type { User } from "@duplex/protocol";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";

const MINUTE = 60_000;
type DurationKey =
  "moderation.minutes5" | "moderation.hour1" | "moderation.day1" | "moderation.week1";
const DURATIONS: ReadonlyArray<{ key: DurationKey; ms: number }> = [
  { key: "moderation.minutes5", ms: 5 * MINUTE },
  { key: "moderation.hour1", ms: 60 * MINUTE },
  { key: "moderation.day1", ms: 24 * 60 * MINUTE },
  { key: "moderation.week1", ms: 7 * 24 * 60 * MINUTE },
];

type Step =
  | { kind: "idle" }
  | { kind: "confirm"; action: "mute" | "remove" }
  | { kind: "busy"; action: "mute" | "remove" }
  | { kind: "done"; action: "mute" | "remove" }
  | { kind: "failed"; error: string };

/** Mute and (in a private room we manage) Remove for one member, each confirmed before it is sent. */
export function MemberActions({ room, user }: { room: string; user: User }) {
  const moderator = useDuplex((s) => s.moderation.moderator === true);
  const manages = useDuplex((s) => s.moderation.manages[room] === true);
  const { muteMember, removeMember } = useActions();
  const t = useT();
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [duration, setDuration] = useState(DURATIONS[1]?.ms ?? MINUTE);
  const durationId = useId();
  const confirmRef = useRef<HTMLDivElement>(null);

  // The confirmation takes the focus, so a keyboard user lands on its first control.
  useEffect(() => {
    if (step.kind === "confirm")
      confirmRef.current?.querySelector<HTMLElement>("select, button")?.focus();
  }, [step.kind]);

  if (!moderator && !manages) return null;

  async function act(action: "mute" | "remove"): Promise<void> {
    setStep({ kind: "busy", action });
    const result =
      action === "mute"
        ? await muteMember(room, user.id, duration)
        : await removeMember(room, user.id);
    setStep(result.ok ? { kind: "done", action } : { kind: "failed", error: result.error });
  }

  if (step.kind === "confirm" || step.kind === "busy") {
    const { action } = step;
    const busy = step.kind === "busy";
    return (
      <div
        ref={confirmRef}
        className="member-confirm"
        role="group"
        aria-label={t(action === "mute" ? "moderation.muteLabel" : "moderation.removeLabel", {
          name: user.name,
        })}
      >
        <p>
          {t(action === "mute" ? "moderation.confirmMute" : "moderation.confirmRemove", {
            name: user.name,
          })}
        </p>
        {action === "mute" && (
          <>
            <label htmlFor={durationId}>{t("moderation.duration")}</label>
            <select
              id={durationId}
              value={duration}
              disabled={busy}
              onChange={(event) => setDuration(Number(event.target.value))}
            >
              {DURATIONS.map((d) => (
                <option key={d.ms} value={d.ms}>
                  {t(d.key)}
                </option>
              ))}
            </select>
          </>
        )}
        <button
          type="button"
          className="button-primary"
          disabled={busy}
          onClick={() => void act(action)}
        >
          {t(action === "mute" ? "moderation.doMute" : "moderation.doRemove")}
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={busy}
          onClick={() => setStep({ kind: "idle" })}
        >
          {t("moderation.cancel")}
        </button>
      </div>
    );
  }

  return (
    <div className="member-moderation">
      {moderator && (
        <button
          type="button"
          className="button-secondary"
          aria-label={t("moderation.muteLabel", { name: user.name })}
          onClick={() => setStep({ kind: "confirm", action: "mute" })}
        >
          {t("moderation.mute")}
        </button>
      )}
      {manages && (
        <button
          type="button"
          className="button-secondary"
          aria-label={t("moderation.removeLabel", { name: user.name })}
          onClick={() => setStep({ kind: "confirm", action: "remove" })}
        >
          {t("moderation.remove")}
        </button>
      )}
      {step.kind === "done" && (
        <p role="status">
          {t(step.action === "mute" ? "moderation.muted" : "moderation.removed", {
            name: user.name,
          })}
        </p>
      )}
      {step.kind === "failed" && (
        <p role="alert" className="field-error">
          {t("moderation.failed", { error: step.error })}
        </p>
      )}
    </div>
  );
}
