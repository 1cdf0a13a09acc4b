// The source of java-hash-set-orders.json: prints, for key sets built by a fixed script, the iteration order
// of a java.util.HashSet and of its clone (DataTree.getEphemerals clones the session's set). Regenerate with
//   javac -d /tmp/hso HashSetOrders.java && java -cp /tmp/hso HashSetOrders > java-hash-set-orders.json
// (JDK 17), then npx biome format --write java-hash-set-orders.json.
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

public class HashSetOrders {
  static String quote(String s) { return "\"" + s + "\""; }

  static String list(Iterable<String> items) {
    StringBuilder b = new StringBuilder("[");
    for (String s : items) { if (b.length() > 1) b.append(","); b.append(quote(s)); }
    return b.append("]").toString();
  }

  @SuppressWarnings("unchecked")
  static String caseJson(String name, List<String> adds, List<String> removes, List<String> afterClone) {
    HashSet<String> set = new HashSet<>();
    for (String s : adds) set.add(s);
    for (String s : removes) set.remove(s);
    HashSet<String> clone = (HashSet<String>) set.clone();
    for (String s : afterClone) {
      if (s.startsWith("-")) clone.remove(s.substring(1)); else clone.add(s);
    }
    return "{\"name\":" + quote(name) + ",\"adds\":" + list(adds) + ",\"removes\":" + list(removes)
        + ",\"afterClone\":" + list(afterClone) + ",\"set\":" + list(set) + ",\"clone\":" + list(clone) + "}";
  }

  static List<String> names(String prefix, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(prefix + i);
    return out;
  }

  public static void main(String[] args) {
    List<String> cases = new ArrayList<>();
    List<String> none = new ArrayList<>();
    cases.add(caseJson("letters", List.of("/e/a", "/e/b", "/e/c", "/e/d", "/e/e", "/e/f", "/e/g", "/e/h"), none, none));
    for (int n : new int[] {1, 2, 3, 5, 8, 11, 12, 13, 20, 24, 25, 40, 48, 49, 70, 97, 100, 200}) {
      cases.add(caseJson("seq-" + n, names("/eph/n-", n), none, none));
      cases.add(caseJson("zk-seq-" + n, names("/s/lock-000000000", n), none, none));
    }
    // Shrunk sets: the original table stays large after removes, the clone is sized for what is left.
    List<String> big = names("/eph/n-", 60);
    cases.add(caseJson("shrunk-60-to-10", big, big.subList(10, 60), none));
    cases.add(caseJson("shrunk-30-to-3", names("/x", 30), names("/x", 30).subList(0, 27), none));
    // The closeSession prep: pending creates and deletes applied to the clone, crossing its threshold.
    cases.add(caseJson("clone-then-add", names("/c/", 11), none, names("/d/", 6)));
    cases.add(caseJson("clone-then-remove-add", names("/c/", 5), none, List.of("-/c/1", "/c/9", "/c/1", "-/c/3")));
    // Colliding keys ("Aa" and "BB" hash alike): nine or ten in one bin of a table under 64 resize it instead of making a tree.
    List<String> coll = new ArrayList<>();
    String[] ab = {"Aa", "BB"};
    for (int i = 0; i < 16; i++) {
      StringBuilder b = new StringBuilder("/");
      for (int bit = 0; bit < 4; bit++) b.append(ab[(i >> bit) & 1]);
      coll.add(b.toString());
    }
    cases.add(caseJson("collisions-10", coll.subList(0, 10), none, none));
    cases.add(caseJson("collisions-9", coll.subList(0, 9), none, none));
    System.out.println("[\n" + String.join(",\n", cases) + "\n]");
  }
}
