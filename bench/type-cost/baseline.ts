// Type-cost baseline: the client and nothing else. Subtracted from the facade and raw counts.
import { StatsigConsole } from "../../src/index.js";

export const sc = new StatsigConsole({ apiKey: "console-bench" });
