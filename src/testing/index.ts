// Test helpers for users of the client: the Console API simulator, in process (`fetch`) or as a
// real HTTP server (`startSimulator`).
export {
  ConsoleSimulator,
  SimulatorSeedError,
  type SeedEntity,
  type SimulatedRequest,
  type SimulatorCollectionName,
  type SimulatorOptions,
  type SimulatorSeed,
} from "./simulator.js";
