// Test helpers for users of the client: the Console API simulator, in process (`fetch`) or as a
// real HTTP server (`startSimulator`).
export { SIMULATOR_FAULT_KINDS, type SimulatorFaultKind, type SimulatorFaults } from "./faults.js";
export { type InjectedFault, type SimulatorServer, type StartSimulatorOptions, startSimulator } from "./server.js";
export {
  ConsoleSimulator,
  SimulatorSeedError,
  type SeedEntity,
  type SimulatedRequest,
  type SimulatorCollectionName,
  type SimulatorOptions,
  type SimulatorSeed,
} from "./simulator.js";
export { type CommandOutput, runSimulatorCommand } from "./command.js";
