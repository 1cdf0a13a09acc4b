// The real side of the client-library conformance test: the real node-zookeeper-client package (a
// devDependency) against the real ZooKeeper that zk-server.ts starts, one sequence after the other.

import { createRequire } from "node:module";
import type { LibrarySequence, Who } from "./library-calls.js";
import {
  type LibraryClient,
  type LibraryModule,
  runLibrarySequence,
  type SequenceRecord,
} from "./library-run.js";

/** The real package, typed as the simulated module's shape: the test compares them at run time. */
export const realLibrary: LibraryModule = createRequire(import.meta.url)("node-zookeeper-client");

/** How long a real client may take to connect before the sequence fails (loopback: milliseconds). */
const CONNECT_TIMEOUT_MS = 10_000;

/** The same options the simulated side passes. */
export const CLIENT_OPTIONS = { sessionTimeout: 30_000 } as const;

function openReal(connectString: string): (who: Who) => Promise<LibraryClient> {
  return (who) =>
    new Promise<LibraryClient>((resolve, reject) => {
      const client = realLibrary.createClient(connectString, CLIENT_OPTIONS);
      const timer = setTimeout(
        () => reject(new Error(`real client ${who} did not connect to ${connectString}`)),
        CONNECT_TIMEOUT_MS,
      );
      client.once("connected", () => {
        clearTimeout(timer);
        resolve(client);
      });
      client.connect();
    });
}

/** Runs each sequence under its own root (`roots[i]`) with two fresh real clients. */
export async function runRealSequences(
  connectString: string,
  sequences: readonly LibrarySequence[],
  roots: readonly string[],
): Promise<SequenceRecord[]> {
  const open = openReal(connectString);
  const records: SequenceRecord[] = [];
  for (const [index, sequence] of sequences.entries()) {
    const root = roots[index];
    if (root === undefined) throw new Error(`no root for sequence ${index}`);
    records.push(await runLibrarySequence(realLibrary, open, root, sequence.calls));
  }
  return records;
}
