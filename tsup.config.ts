import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "testing/index": "src/testing/index.ts", "testing/msw": "src/testing/msw.ts", redis: "src/stores/redis.ts", cli: "src/cli/main.ts" },
  format: ["esm"],
  target: "node20",
  dts: true,
  clean: true,
  sourcemap: true,
  external: ["openapi-fetch", "msw", "ioredis"],
});
