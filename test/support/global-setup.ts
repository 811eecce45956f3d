/** Runs once before the suite: decides which server-backed datastores the behaviour tests use. */
import type { TestProject } from 'vitest/node';
import { dropRunDatabases, probeServers } from './servers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    servers: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const servers = await probeServers();
  project.provide('servers', servers);
  return () => dropRunDatabases(servers);
}
