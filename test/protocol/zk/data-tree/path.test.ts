// Reference §1.1: PathUtils.validatePath.
import { describe, expect, it } from "vitest";
import { validateCreatePath, validatePath } from "../../../../protocol/zk/data-tree/index.js";

const valid = (path: string) => validatePath(path).ok;

describe("validatePath", () => {
  it("'/' alone is the root (valid); otherwise it must not end with '/'", () => {
    expect(valid("/")).toBe(true);
    expect(valid("/a/")).toBe(false);
  });
  it("non-null, length > 0, first char '/'", () => {
    expect(valid("")).toBe(false);
    expect(valid("a")).toBe(false);
  });
  it("no empty component, no component that is exactly '.' or '..'", () => {
    expect(valid("/a//b")).toBe(false);
    expect(valid("/a/./b")).toBe(false);
    expect(valid("/a/..")).toBe(false);
    expect(valid("/a/.b")).toBe(true);
    expect(valid("/a/..b")).toBe(true);
    expect(valid("/a/b.")).toBe(true);
  });
  it("no NUL, control characters, surrogates or the FFF0-FFFF block", () => {
    expect(valid("/a\u0000")).toBe(false);
    expect(valid("/a\u001f")).toBe(false);
    expect(valid("/a\u007f")).toBe(false);
    expect(valid("/a\u009f")).toBe(false);
    expect(valid("/a\u{1f600}")).toBe(false);
    expect(valid("/a\ufff0")).toBe(false);
    expect(valid("/a\u00e9\u4e2d")).toBe(true);
  });
  it("a sequential create validates path + '1', so it may end with '/'", () => {
    expect(validateCreatePath("/queue/", true).ok).toBe(true);
    expect(validateCreatePath("/queue/", false).ok).toBe(false);
  });
});
