import { useId, useState } from "react";
import type { User } from "@duplex/protocol";
import type { ModerationResult } from "../store/moderation.js";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { PushDevices } from "../webpush/PushDevices.js";
import { ConfirmGroup, type ConfirmStep } from "./ConfirmGroup.js";
import "../styles/moderation.css";

const MINUTE = 60_000;
type DurationKey =
  "moderation.minutes5" | "moderation.hour1" | "moderation.day1" | "moderation.week1";
const DURATIONS: ReadonlyArray<{ key: DurationKey; ms: number }> = [
  { key: "moderation.minutes5", ms: 5 * MINUTE },
  { key: "moderation.hour1", ms: 60 * MINUTE },
  { key: "moderation.day1", ms: 24 * 60 * MINUTE },
  { key: "moderation.week1", ms: 7 * 24 * 60 * MINUTE },
];

type Action = "mute" | "unmute" | "ban" | "remove";

/** The words of each action: its button, its accessible label, the question, the outcome. */
const WORDS = {
  mute: {
    button: "moderation.mute",
    label: "moderation.muteLabel",
    confirm: "moderation.confirmMute",
    act: "moderation.doMute",
    done: "moderation.muted",
  },
  unmute: {
    button: "moderation.unmute",
    label: "moderation.unmuteLabel",
    confirm: "moderation.confirmUnmute",
    act: "moderation.doUnmute",
    done: "moderation.unmuted",
  },
  ban: {
    button: "moderation.ban",
    label: "moderation.banLabel",
    confirm: "moderation.confirmBan",
    act: "moderation.doBan",
    done: "moderation.banned",
  },
  remove: {
    button: "moderation.remove",
    label: "moderation.removeLabel",
    confirm: "moderation.confirmRemove",
    act: "moderation.doRemove",
    done: "moderation.removed",
  },
} as const;

/**
 * Mute, Unmute and Ban (owners and admins) and, in a private room we manage, Remove, for one member;
 * each confirmed before it is sent. The server decides in the end (an admin cannot ban an admin).
 */
export function MemberActions({ room, user }: { room: string; user: User }) {
  const moderator = useDuplex((s) => s.moderation.moderator === true);
  const manages = useDuplex((s) => s.moderation.manages[room] === true);
  const { muteMember, unmuteMember, banMember, removeMember } = useActions();
  const t = useT();
  const [step, setStep] = useState<ConfirmStep<Action>>({ kind: "idle" });
  const [duration, setDuration] = useState(DURATIONS[1]?.ms ?? MINUTE);
  const durationId = useId();

  if (!moderator && !manages) return null;

  const run: Record<Action, () => Promise<ModerationResult>> = {
    mute: () => muteMember(room, user.id, duration),
    unmute: () => unmuteMember(room, user.id),
    ban: () => banMember(user.id),
    remove: () => removeMember(room, user.id),
  };

  async function act(action: Action): Promise<void> {
    setStep({ kind: "busy", target: action });
    const result = await run[action]();
    setStep(result.ok ? { kind: "done", target: action } : { kind: "failed", error: result.error });
  }

  const name = { name: user.name };
  if (step.kind === "confirm" || step.kind === "busy") {
    const action = step.target;
    const words = WORDS[action];
    const busy = step.kind === "busy";
    return (
      <ConfirmGroup
        label={t(words.label, name)}
        question={t(words.confirm, name)}
        confirm={t(words.act)}
        busy={busy}
        danger={action === "ban"}
        onConfirm={() => void act(action)}
        onCancel={() => setStep({ kind: "idle" })}
      >
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
      </ConfirmGroup>
    );
  }

  const offered: Action[] = [
    ...(moderator ? (["mute", "unmute", "ban"] as const) : []),
    ...(manages ? (["remove"] as const) : []),
  ];
  return (
    <div className="member-moderation">
      {offered.map((action) => (
        <button
          key={action}
          type="button"
          className="button-secondary"
          aria-label={t(WORDS[action].label, name)}
          onClick={() => setStep({ kind: "confirm", target: action })}
        >
          {t(WORDS[action].button)}
        </button>
      ))}
      {moderator && <PushDevices user={user} />}
      {step.kind === "done" && <p role="status">{t(WORDS[step.target].done, name)}</p>}
      {step.kind === "failed" && (
        <p role="alert" className="field-error">
          {t("moderation.failed", { error: step.error })}
        </p>
      )}
    </div>
  );
}
