// Adding many IDs to an ID-list segment: the API takes at most 1,000 per request, so
// `addInChunks` sends them in order, in as many requests as needed, and reports progress.
import { ChunkedRequestError } from "statsig-console-api";
import { exampleClient } from "./simulator.js";

const sc = exampleClient();
await sc.segments.create({ name: "beta_users", type: "id_list", description: "Users in the beta" });
const ids = Array.from({ length: 5_500 }, (_, i) => `user_${i}`);

try {
  const answers = await sc.segments.idList.addInChunks(
    "beta_users",
    { ids },
    {
      onProgress: ({ done, total }) => console.log(`chunk ${done} of ${total} sent`),
    },
  );
  console.log(`${ids.length} IDs added in ${answers.length} requests`);
} catch (error) {
  // Chunks before the failed one were applied; the error says how many, so a retry can skip them.
  if (error instanceof ChunkedRequestError) console.error(error.message);
  throw error;
}
