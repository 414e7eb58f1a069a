// Test helpers for users of the client: an in-memory Console API simulator.
export { ConsoleSimulator, type SimulatorOptions, type SimulatedRequest } from "./simulator.js";
