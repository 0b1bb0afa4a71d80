import { useId, useState, type ReactNode } from "react";
import type { NotifyLevel } from "@duplex/protocol";
import { dateTimeFormat } from "../i18n/intlFormat.js";
import { BellIcon } from "../components/icons.js";
import { PopoverButton } from "../components/PopoverButton.js";
import { useLocale, useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { dndState, dndUntilFor, type DndChoice } from "./dndChoices.js";
import { levelOf } from "./prefsSlice.js";
import "./prefs.css";

const LEVELS: readonly NotifyLevel[] = ["all", "mentions", "none"];
const DND: readonly DndChoice[] = ["off", "hour", "tomorrow", "forever"];

/**
 * The room header's notification settings: how much of this room notifies us, do-not-disturb and
 * sharing read receipts. Shown only once the server sent our preferences; every change goes to the
 * server, and the screen follows its `prefs` (so every tab shows the same).
 */
export function RoomPrefs({ room, title }: { room: string; title: string }) {
  const prefs = useDuplex((s) => s.prefs);
  const [open, setOpen] = useState(false);
  const t = useT();

  if (!prefs.known) return null;
  const level = levelOf(prefs, room);
  const quiet = dndState(prefs.dndUntil, Date.now()) !== "off";
  return (
    <PopoverButton
      open={open}
      onOpenChange={setOpen}
      className="room-prefs-anchor"
      buttonClassName="button-secondary room-prefs-button"
      label={t("prefs.open", { room: title, level: t(`prefs.short.${level}`) })}
      title={quiet ? t("prefs.short.dnd") : t(`prefs.short.${level}`)}
      button={
        <>
          <BellIcon size={18} struck={quiet || level === "none"} />
          {level === "mentions" && !quiet && <span aria-hidden="true">@</span>}
        </>
      }
    >
      {(id) => <PrefsPanel id={id} room={room} title={title} level={level} />}
    </PopoverButton>
  );
}

function PrefsPanel(props: { id: string; room: string; title: string; level: NotifyLevel }) {
  const { id, room, title, level } = props;
  const prefs = useDuplex((s) => s.prefs);
  const { setRoomLevel, setDoNotDisturb, setShareReceipts } = useActions();
  const t = useT();
  const when = dateTimeFormat(useLocale(), {
    weekday: "short",
    hour: "numeric",
    minute: "2-digit",
  });
  const name = useId();
  // Which timed choice this tab made: "1 hour" and "until tomorrow" both read back as a time.
  const [timed, setTimed] = useState<DndChoice | undefined>(undefined);
  const state = dndState(prefs.dndUntil, Date.now());
  const checked: DndChoice | undefined =
    state === "off" ? "off" : state === "forever" ? "forever" : timed;
  return (
    <section id={id} className="popover room-prefs" aria-label={t("prefs.title", { room: title })}>
      <h2 className="popover-title">{t("prefs.title", { room: title })}</h2>
      <RadioChoices
        legend={t("prefs.levelLegend")}
        name={`${name}-level`}
        choices={LEVELS}
        checked={level}
        label={(l) => t(`prefs.level.${l}`)}
        onChoose={(l) => setRoomLevel(room, l)}
      />
      <RadioChoices
        legend={t("prefs.dndLegend")}
        name={`${name}-dnd`}
        choices={DND}
        checked={checked}
        label={(choice) => t(`prefs.dnd.${choice}`)}
        onChoose={(choice) => {
          setTimed(choice);
          setDoNotDisturb(dndUntilFor(choice, new Date()));
        }}
      >
        <p className="room-prefs-note" aria-live="polite">
          {state === "until"
            ? t("prefs.dndUntil", { time: when.format(prefs.dndUntil) })
            : state === "forever"
              ? t("prefs.dndForever")
              : t("prefs.dndOff")}
        </p>
      </RadioChoices>
      <label className="room-prefs-option room-prefs-share">
        <input
          type="checkbox"
          checked={prefs.shareReceipts}
          onChange={(event) => setShareReceipts(event.target.checked)}
        />
        {t("prefs.share")}
      </label>
      <p className="room-prefs-note">{t("prefs.shareHint")}</p>
    </section>
  );
}

/** A fieldset of radio buttons, one per choice, then `children` (a note under the choices). */
function RadioChoices<C extends string>(props: {
  legend: string;
  name: string;
  choices: readonly C[];
  checked: C | undefined;
  label: (choice: C) => string;
  onChoose: (choice: C) => void;
  children?: ReactNode;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.choices.map((choice) => (
        <label key={choice} className="room-prefs-option">
          <input
            type="radio"
            name={props.name}
            checked={props.checked === choice}
            onChange={() => props.onChoose(choice)}
          />
          {props.label(choice)}
        </label>
      ))}
      {props.children}
    </fieldset>
  );
}
