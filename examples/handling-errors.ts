// What failures look like: each is a class to test with instanceof, carrying what you need to
// decide (status, message, Retry-After) and never the API key.
import { APIError, InvalidRequestError, NotFoundError, RateLimitError, StatsigConsole } from "statsig-console-api";
import { exampleClient } from "./simulator.js";

// Refused before anything is sent: a Server Secret key where a Console API key belongs.
try {
  new StatsigConsole({ apiKey: "secret-not-a-console-key" });
} catch (error) {
  if (error instanceof InvalidRequestError) console.log(`InvalidRequestError: ${error.message}`);
}

const sc = exampleClient();
await sc.gates.create({ name: "checkout_redesign" });
try {
  await sc.gates.get("no_such_gate");
} catch (error) {
  if (error instanceof NotFoundError) console.log(`NotFoundError ${error.status} on ${error.method} ${error.path}`);
  else throw error;
}

// The server's own limit (12 ID-list changes per 10 s), reached with the client's limiter and
// retries turned off: the 13th request is answered 429.
const eager = exampleClient({ rateLimit: false, maxRetries: 0 });
await sc.segments.create({ name: "beta_users", type: "id_list", description: "Users in the beta" });
try {
  for (let i = 0; i < 13; i++) await eager.segments.idList.add("beta_users", { ids: [`user_${i}`] });
} catch (error) {
  if (error instanceof RateLimitError) console.log(`RateLimitError ${error.status}: ${error.message}`);
  else if (error instanceof APIError) console.log(`other API error ${error.status}`);
  else throw error;
}
