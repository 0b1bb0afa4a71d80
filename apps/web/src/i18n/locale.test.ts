import { afterEach, describe, expect, it, vi } from "vitest";
import { LOCALE_STORAGE_KEY, detectLocale, type Locale } from "./locale.js";
import { createLocaleStore } from "./localeStore.js";
import { loadStrings, type LocaleStrings } from "./localeStrings.js";
import { zhStrings } from "./zhStrings.js";
import { memoryStorage } from "../test/memoryStorage.js";

describe("detectLocale", () => {
  it("speaks Simplified Chinese to any zh browser and English otherwise", () => {
    expect(detectLocale(["zh-CN"])).toBe("zh-CN");
    expect(detectLocale(["zh"])).toBe("zh-CN");
    expect(detectLocale(["zh-TW", "en"])).toBe("zh-CN");
    expect(detectLocale(["en-GB", "zh-CN"])).toBe("en");
    expect(detectLocale(["fr-FR", "zh-Hans-CN"])).toBe("zh-CN");
    expect(detectLocale(["fr-FR"])).toBe("en");
    expect(detectLocale([])).toBe("en");
  });
});

describe("the page's language store", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.documentElement.lang = "en";
  });

  it("is in Chinese by the time it is ready when navigator.languages prefers zh", async () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["zh-CN", "en-US"]);
    vi.resetModules();
    const { localeStore, t } = await import("./localeStore.js");
    await localeStore.ready;
    expect(localeStore.getState().locale).toBe("zh-CN");
    expect(t("connection.online")).toBe("在线");
    expect(document.documentElement.lang).toBe("zh-CN");
  });
});

describe("createLocaleStore", () => {
  it("defaults to the browser's language and marks <html lang>", async () => {
    const root = { lang: "en" };
    const store = createLocaleStore({ languages: ["zh-CN", "en"], root });
    await store.ready;
    expect(store.getState().locale).toBe("zh-CN");
    expect(store.getState().t("signIn.submit")).toBe("加入聊天");
    expect(store.getState().t("inspector.panelTitle")).toBe("协议检查器");
    expect(root.lang).toBe("zh-CN");
  });

  it("speaks English until the Chinese strings have arrived", async () => {
    const chinese = deferred<LocaleStrings>();
    const root = { lang: "en" };
    const store = createLocaleStore({ languages: ["zh-CN"], root, load: lazyChinese(chinese) });
    await Promise.resolve();
    expect(store.getState().t("signIn.submit")).toBe("Join chat");
    expect(root.lang).toBe("en");

    chinese.resolve(zhStrings);
    await store.ready;
    expect(store.getState().t("signIn.submit")).toBe("加入聊天");
    expect(root.lang).toBe("zh-CN");
  });

  it("remembers a choice, which then wins over the browser's language", async () => {
    const storage = memoryStorage();
    const root = { lang: "en" };
    await createLocaleStore({ storage, languages: ["en-US"], root })
      .getState()
      .setLocale("zh-CN");
    expect(storage.map.get(LOCALE_STORAGE_KEY)).toBe("zh-CN");
    expect(root.lang).toBe("zh-CN");

    const again = createLocaleStore({ storage, languages: ["en-US"] });
    await again.ready;
    expect(again.getState().locale).toBe("zh-CN");
  });

  it("does not remember the browser's language, only a choice", async () => {
    const storage = memoryStorage();
    await createLocaleStore({ storage, languages: ["zh-CN"] }).ready;
    expect(storage.map.has(LOCALE_STORAGE_KEY)).toBe(false);
  });

  it("ignores a stored value that is not a language we speak", async () => {
    const storage = memoryStorage({ [LOCALE_STORAGE_KEY]: "klingon" });
    const store = createLocaleStore({ storage, languages: ["en"] });
    await store.ready;
    expect(store.getState().locale).toBe("en");
  });

  it("keeps the current language, unremembered, when the Chinese strings fail to load", async () => {
    const storage = memoryStorage();
    const root = { lang: "en" };
    const load = (locale: Locale) =>
      locale === "en" ? loadStrings(locale) : Promise.reject(new Error("chunk failed"));
    const store = createLocaleStore({ storage, languages: ["zh-CN"], root, load });
    await store.ready;
    expect(store.getState().locale).toBe("en");

    await store.getState().setLocale("zh-CN");
    expect(store.getState().locale).toBe("en");
    expect(store.getState().t("connection.online")).toBe("Online");
    expect(storage.map.has(LOCALE_STORAGE_KEY)).toBe(false);
    expect(root.lang).toBe("en");
  });

  it("ends in the last language picked, even if an earlier pick loads later", async () => {
    const chinese = deferred<LocaleStrings>();
    const storage = memoryStorage();
    const store = createLocaleStore({ storage, load: lazyChinese(chinese) });
    await store.ready;

    const toChinese = store.getState().setLocale("zh-CN");
    await store.getState().setLocale("en");
    chinese.resolve(zhStrings);
    await toChinese;

    expect(store.getState().locale).toBe("en");
    expect(store.getState().t("connection.online")).toBe("Online");
    expect(storage.map.get(LOCALE_STORAGE_KEY)).toBe("en");
  });

  it("keeps working when storage throws (blocked or full)", async () => {
    const storage = {
      getItem: () => {
        throw new Error("blocked");
      },
      setItem: () => {
        throw new Error("full");
      },
    };
    const store = createLocaleStore({ storage, languages: ["zh"] });
    await store.ready;
    expect(store.getState().locale).toBe("zh-CN");
    await store.getState().setLocale("en");
    expect(store.getState().t("connection.online")).toBe("Online");
  });
});

/** A promise the test settles by hand, to hold a language's strings "in flight". */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Loads English at once and Chinese when the test says so. */
function lazyChinese(chinese: { promise: Promise<LocaleStrings> }) {
  return (locale: Locale) => (locale === "en" ? loadStrings(locale) : chinese.promise);
}
