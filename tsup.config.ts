import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "testing/index": "src/testing/index.ts", "testing/msw": "src/testing/msw.ts", redis: "src/stores/redis.ts", "mcp/index": "src/mcp/index.ts", "mcp/bin": "src/mcp/bin.ts" },
  format: ["esm"],
  target: "node20",
  dts: true,
  clean: true,
  // Maps for stack traces (node --enable-source-maps names src/ files and lines), without the
  // sources themselves: they would more than double dist, and dist is unminified, readable as it is.
  sourcemap: true,
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
  external: ["openapi-fetch", "msw", "ioredis", /^@modelcontextprotocol\/sdk/],
});
