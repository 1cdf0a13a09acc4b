// Java's hash-table orders, for the places where ZooKeeper's output follows them.
export {
  type JavaHashSet,
  javaHashSetAdd,
  javaHashSetClone,
  javaHashSetKeys,
  javaHashSetRemove,
  newJavaHashSet,
} from "./hash-set.js";
export { javaStringHash } from "./string-hash.js";
