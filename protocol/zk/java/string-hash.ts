// java.lang.String.hashCode, which orders every Java hash table ZooKeeper iterates (HashSet, HashMap,
// ConcurrentHashMap), so that zabsim can list things in the order a real server does.

/** "s[0]*31^(n-1) + s[1]*31^(n-2) + ... + s[n-1]" over UTF-16 code units, in 32-bit int arithmetic. */
export function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}
