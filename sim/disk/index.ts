// Simulated disks: logs and files with explicit fsync and opt-in damage.
export { Disk, type DiskTarget } from "./disk.js";
