// Compile-only: the standalone operation functions are typed as the StatsigConsole methods are.
import { createConsoleClient, gatesCreate, gatesGet, gatesList, type segmentsIdListAddInChunks, StatsigConsole, type ResourceClient } from "../../src/index.js";
import type { APIPromise } from "../../src/core/api-promise.js";
import type { PagePromise } from "../../src/core/pagination.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T | undefined => undefined;

const client: ResourceClient = createConsoleClient({ apiKey: "console-types" });
const sc = new StatsigConsole({ apiKey: "console-types" });

assertType<Equal<ReturnType<typeof gatesGet>, ReturnType<typeof sc.gates.get>>>();
assertType<Equal<ReturnType<typeof gatesList>, ReturnType<typeof sc.gates.list>>>();
assertType<Equal<Parameters<typeof gatesCreate>, [ResourceClient, ...Parameters<typeof sc.gates.create>]>>();
assertType<Equal<Parameters<typeof segmentsIdListAddInChunks>, [ResourceClient, ...Parameters<typeof sc.segments.idList.addInChunks>]>>();

export const typed: [APIPromise<unknown>, PagePromise<unknown>] = [gatesGet(client, "a_gate"), gatesList(client, { limit: 10 })];

// @ts-expect-error: the client comes first
gatesGet("a_gate");
// @ts-expect-error: a gate's create needs a name
gatesCreate(client, {});
