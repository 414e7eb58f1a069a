// Environment variables, where the runtime has them (Node, Deno, Bun); undefined elsewhere (browsers).
export function environmentVariable(name: string): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
}
