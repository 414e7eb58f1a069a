// Reading a long list: the first page, every item without holding all pages, a capped array,
// and every page with progress.
import { exampleClient, simulator } from "./simulator.js";

simulator.seed(
  "gates",
  Array.from({ length: 250 }, (_, i) => ({ id: `gate_${String(i).padStart(3, "0")}`, name: `gate_${String(i).padStart(3, "0")}`, tags: i % 5 === 0 ? ["checkout"] : [] })),
);
const sc = exampleClient();

const first = await sc.gates.list({ limit: 100 });
console.log(`first page: ${first.data.length} gates, more: ${first.hasNextPage()}`);

let seen = 0;
for await (const gate of sc.gates.list({ limit: 100 })) {
  if (gate.name.startsWith("gate_")) seen++;
}
console.log(`iterated: ${seen} gates`);

const capped = await sc.gates.list({ limit: 100 }).toArray({ maxItems: 120 });
console.log(`toArray with maxItems 120: ${capped.length}`);

let pages = 0;
for await (const page of sc.gates.list({ limit: 100 }).pages()) {
  pages++;
  console.log(`page ${pages}: ${page.data.length} gates`);
}
