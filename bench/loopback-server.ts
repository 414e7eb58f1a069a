// A loopback HTTP server for benchmarks and end-to-end tests, run in its own process:
// answers GET /console/v1/gates with one realistic page of gates. Prints its port on stdout.
import { createServer } from "node:http";

const gates = Array.from({ length: Number(process.env.PAGE_SIZE ?? 20) }, (_, i) => ({
  id: `gate_${i}`,
  name: `gate_${i}`,
  description: "Controls the rollout of a feature to part of the user base.",
  idType: "userID",
  lastModifierID: "key_console_01",
  lastModifiedTime: 1767312000000 + i,
  lastModifierName: "CONSOLE API",
  lastModifierEmail: null,
  creatorID: "user_7Hq2",
  createdTime: 1767225600000 + i,
  creatorName: "Dana Example",
  creatorEmail: "dana@example.com",
  targetApps: ["web_storefront"],
  holdoutIDs: [],
  tags: ["checkout", "growth"],
  team: null,
  teamID: null,
  version: 3,
  checksPerHour: 1200 + i,
  status: "In Progress",
  type: "TEMPORARY",
  typeReason: "NONE",
  owner: { ownerID: "user_7Hq2", ownerType: "USER", ownerName: "Dana Example", ownerEmail: "dana@example.com" },
  isTemplate: false,
  isEnabled: true,
  rules: [
    {
      id: `rule_${i}`,
      baseID: `rule_${i}`,
      name: "Employees",
      passPercentage: 100,
      conditions: [{ type: "email", operator: "str_contains_any", targetValue: ["@example.com"] }],
      environments: null,
    },
  ],
}));
const body = JSON.stringify({
  message: "Gates listed successfully.",
  data: gates,
  pagination: { itemsPerPage: gates.length, pageNumber: 1, totalItems: gates.length, nextPage: null, previousPage: null, all: "/console/v1/gates?limit=100" },
});

const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    if (request.headers["statsig-api-key"] === undefined) {
      response.writeHead(401, { "content-type": "application/json" });
      response.end(JSON.stringify({ status: 401, message: "Invalid key" }));
      return;
    }
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(String(address.port));
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
