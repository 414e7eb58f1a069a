import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "testing/index": "src/testing/index.ts", "testing/msw": "src/testing/msw.ts", redis: "src/stores/redis.ts", "verify/index": "src/verify/index.ts", cli: "src/cli/main.ts", "mcp/index": "src/mcp/index.ts", "mcp/bin": "src/mcp/bin.ts" },
  // ESM (.js, .d.ts) and CommonJS (.cjs, .d.cts). Splitting in both, so each format's entries share
  // one copy of the error classes (instanceof works across `.` and `./redis` within a format).
  format: ["esm", "cjs"],
  splitting: true,
  target: "node20",
  // import.meta.url in the CommonJS build (the MCP entry resolves the package's own openapi.json from it).
  shims: true,
  dts: true,
  clean: true,
  // Maps for stack traces (node --enable-source-maps names src/ files and lines), without the
  // sources themselves: they would more than double dist, and dist is unminified, readable as it is.
  sourcemap: true,
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
  external: ["openapi-fetch", "msw", "ioredis", "ajv", /^@modelcontextprotocol\/sdk/],
});
