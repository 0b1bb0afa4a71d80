import { expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

/** Each `[variable, value]` row is refused at start-up with a `ConfigError` naming the variable. */
export function itRejectsVariables(rows: [name: string, value: string][]): void {
  it.each(rows)("rejects %s=%j with an error naming the variable", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    // The variable as the field at fault, a list item with its index: "ALLOWED_ORIGINS.0: …".
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`\\b${name}(\\.\\d+)?:`));
  });
}
