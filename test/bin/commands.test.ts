// The command registry: `zabsim help` reads plain data, and that data is what each command says of itself.
import { describe, expect, it } from "vitest";
import { COMMANDS, helpText } from "../../bin/commands/index.js";

describe("the command registry", () => {
  it("lists each command's name, usage and summary exactly as its loaded module defines them", async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect({ name: command.name, usage: command.usage, summary: command.summary }).toEqual({
        name: entry.name,
        usage: entry.usage,
        summary: entry.summary,
      });
    }
  });

  it("prints every command's usage in help", () => {
    const help = helpText();
    for (const entry of COMMANDS) expect(help).toContain(entry.usage);
  });
});
