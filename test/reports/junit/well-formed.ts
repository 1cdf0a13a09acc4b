// A small XML 1.0 well-formedness check for the JUnit tests (no XML parser is a dependency): balanced tags,
// quoted attributes without duplicates, only the five predefined entities or character references, and no
// character XML forbids. Returns the problem, or null.

const NAME = "[A-Za-z_][\\w.-]*";
const ATTRIBUTE = new RegExp(`\\s+(${NAME})="([^"<]*)"`, "y");
/** C0 controls other than tab, newline and carriage return, and U+FFFE/U+FFFF. */
function hasForbidden(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code >= 0xfffe)
      return true;
  }
  return false;
}

function badText(text: string): string | null {
  if (hasForbidden(text)) return "forbidden character";
  for (const match of text.matchAll(/&([^;]*);?/g)) {
    if (
      !/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+)$/.test(match[1] ?? "") ||
      !match[0].endsWith(";")
    )
      return `bad reference ${match[0]}`;
  }
  return text.includes("<") ? "stray <" : null;
}

function readTag(xml: string, at: number, stack: string[]): number | string {
  const close = new RegExp(`</(${NAME})\\s*>`, "y");
  close.lastIndex = at;
  const closing = close.exec(xml);
  if (closing !== null) {
    if (stack.pop() !== closing[1]) return `unbalanced </${closing[1]}>`;
    return close.lastIndex;
  }
  const open = new RegExp(`<(${NAME})`, "y");
  open.lastIndex = at;
  const opening = open.exec(xml);
  if (opening === null) return `bad tag at ${at}`;
  let position = open.lastIndex;
  const seen = new Set<string>();
  for (;;) {
    ATTRIBUTE.lastIndex = position;
    const attribute = ATTRIBUTE.exec(xml);
    if (attribute === null) break;
    if (seen.has(attribute[1] ?? "")) return `duplicate attribute ${attribute[1]}`;
    seen.add(attribute[1] ?? "");
    const problem = badText(attribute[2] ?? "");
    if (problem !== null) return `${problem} in attribute ${attribute[1]}`;
    position = ATTRIBUTE.lastIndex;
  }
  const end = /\s*(\/?)>/y;
  end.lastIndex = position;
  const ending = end.exec(xml);
  if (ending === null) return `unterminated <${opening[1]}>`;
  if (ending[1] !== "/") stack.push(opening[1] ?? "");
  return end.lastIndex;
}

export function wellFormedProblem(xml: string): string | null {
  let at = 0;
  if (xml.startsWith("<?xml")) at = xml.indexOf("?>") + 2;
  const stack: string[] = [];
  let roots = 0;
  while (at < xml.length) {
    const next = xml.indexOf("<", at);
    const text = xml.slice(at, next < 0 ? xml.length : next);
    if (stack.length === 0 && text.trim() !== "") return "text outside the root";
    const problem = badText(text);
    if (problem !== null) return problem;
    if (next < 0) break;
    if (stack.length === 0) roots++;
    const result = readTag(xml, next, stack);
    if (typeof result === "string") return result;
    at = result;
  }
  if (stack.length > 0) return `unclosed <${stack.at(-1)}>`;
  return roots === 1 ? null : `${roots} root elements`;
}
