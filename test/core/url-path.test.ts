// Small URL path facts (url-path.ts): trailing slashes, and the path below a base URL that may
// carry a proxy prefix.
import { describe, expect, it } from "vitest";
import { pathAndQueryBelow, withoutTrailingSlashes } from "../../src/core/url-path.js";

describe("withoutTrailingSlashes", () => {
  it("strips every trailing slash and nothing else", () => {
    expect(withoutTrailingSlashes("https://host/prefix//")).toBe("https://host/prefix");
    expect(withoutTrailingSlashes("/a/b/")).toBe("/a/b");
    expect(withoutTrailingSlashes("/a/b")).toBe("/a/b");
    expect(withoutTrailingSlashes("///")).toBe("");
  });
});

describe("pathAndQueryBelow", () => {
  const base = "https://host.test/proxy";

  it("is the path and query below the base URL's own path", () => {
    expect(pathAndQueryBelow(`${base}/console/v1/gates?limit=1`, base)).toBe("/console/v1/gates?limit=1");
    expect(pathAndQueryBelow(base, base)).toBe("");
  });

  it("is the whole path and query for a URL under another base, even one that starts with the same text", () => {
    expect(pathAndQueryBelow("https://host.test/proxyX/console/v1/gates?page=2", base)).toBe("/proxyX/console/v1/gates?page=2");
    expect(pathAndQueryBelow("https://other.test/console/v1/gates", base)).toBe("/console/v1/gates");
  });
});
