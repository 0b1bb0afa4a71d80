import { afterEach, describe, expect, it, vi } from "vitest";
import { LOCALE_STORAGE_KEY, detectLocale } from "./locale.js";
import { createLocaleStore } from "./localeStore.js";

function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    map,
  };
}

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

  it("defaults to Chinese when navigator.languages prefers zh", async () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["zh-CN", "en-US"]);
    vi.resetModules();
    const { localeStore, t } = await import("./localeStore.js");
    expect(localeStore.getState().locale).toBe("zh-CN");
    expect(t("connection.online")).toBe("在线");
    expect(document.documentElement.lang).toBe("zh-CN");
  });
});

describe("createLocaleStore", () => {
  it("defaults to the browser's language and marks <html lang>", () => {
    const root = { lang: "en" };
    const store = createLocaleStore({ languages: ["zh-CN", "en"], root });
    expect(store.getState().locale).toBe("zh-CN");
    expect(store.getState().t("signIn.submit")).toBe("加入聊天");
    expect(root.lang).toBe("zh-CN");
  });

  it("remembers a choice, which then wins over the browser's language", () => {
    const storage = memoryStorage();
    const root = { lang: "en" };
    createLocaleStore({ storage, languages: ["en-US"], root })
      .getState()
      .setLocale("zh-CN");
    expect(storage.map.get(LOCALE_STORAGE_KEY)).toBe("zh-CN");
    expect(root.lang).toBe("zh-CN");

    const again = createLocaleStore({ storage, languages: ["en-US"] });
    expect(again.getState().locale).toBe("zh-CN");
  });

  it("ignores a stored value that is not a language we speak", () => {
    const storage = memoryStorage({ [LOCALE_STORAGE_KEY]: "klingon" });
    expect(createLocaleStore({ storage, languages: ["en"] }).getState().locale).toBe("en");
  });

  it("keeps working when storage throws (blocked or full)", () => {
    const storage = {
      getItem: () => {
        throw new Error("blocked");
      },
      setItem: () => {
        throw new Error("full");
      },
    };
    const store = createLocaleStore({ storage, languages: ["zh"] });
    expect(store.getState().locale).toBe("zh-CN");
    store.getState().setLocale("en");
    expect(store.getState().t("connection.online")).toBe("Online");
  });
});
