import { useId } from "react";
import { LOCALES, LOCALE_NAMES, isLocale } from "./locale.js";
import { localeStore } from "./localeStore.js";
import { useLocale, useT } from "./useT.js";
import "./i18n.css";

/** A labelled select ("Language" / "语言"); each option names its language in that language. */
export function LanguageSwitcher() {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  return (
    <div className="language-switcher">
      <label htmlFor={id} className="visually-hidden">
        {t("language.label")}
      </label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          const next = event.currentTarget.value;
          // The select keeps showing the current language until the new one has loaded.
          if (isLocale(next)) void localeStore.getState().setLocale(next);
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
