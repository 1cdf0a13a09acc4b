// ConnectionStringParser.js of node-zookeeper-client 1.1.3: `host:port,...[/chroot]`. The library shuffles
// the servers; here they keep connect-string order, as the driver's handle shuffles them itself.
import assert from "node:assert";
import { validatePath } from "./path.js";

const DEFAULT_PORT = 2181;

export type ConnectionString = {
  /** `host:port` of each server, the port defaulting to 2181 as in the library. */
  readonly hostPorts: readonly string[];
  readonly chrootPath: string | undefined;
};

export function parseConnectionString(connectionString: unknown): ConnectionString {
  assert(
    connectionString && typeof connectionString === "string",
    "connectionString must be a non-empty string.",
  );
  const index = connectionString.indexOf("/");
  let chrootPath: string | undefined;
  if (index !== -1 && index !== connectionString.length - 1) {
    chrootPath = connectionString.substring(index);
    validatePath(chrootPath);
  }
  const hostList = (index === -1 ? connectionString : connectionString.substring(0, index)).split(
    ",",
  );
  const hostPorts = hostList
    .filter((item) => item)
    .map((item) => {
      const parts = item.split(":");
      return `${parts[0]}:${parts[1] || DEFAULT_PORT}`;
    });
  assert(hostPorts.length > 0, "connectionString must contain at least one server.");
  return { hostPorts, chrootPath };
}
