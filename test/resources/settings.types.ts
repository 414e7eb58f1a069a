// Compile-only type tests for settings (checked by `npm run typecheck`, never executed).
import type { StatsigConsole } from "../../src/index.js";

export async function settingsTypeTests(sc: StatsigConsole): Promise<void> {
  // Project settings: responses may carry either case, requests take the upper-case values only.
  await sc.settings.project.update({ name: "Storefront", visibility: "CLOSED" });
  // @ts-expect-error a request's visibility is upper case
  await sc.settings.project.update({ name: "Storefront", visibility: "closed" });
}
