// Zxids and session ids as people read them, in hex as ZooKeeper logs them: in a trace entry's text
// (`zxid=4294967338` reads `zxid=0x10000002a`), and in states, replies and Stats shown whole (czxid, mzxid,
// pzxid, ephemeralOwner, session ids, and objects keyed by a session id). Only what is shown changes; the
// recorded trace and history keep their numbers.
import { hexSession, hexZxid } from "../../../scenarios/systems/labels.js";

const TEXT_IDS = /\b(zxid|lastZxid|lastZxidSeen|sid|session|sessionId)=(\d+)\b/g;

const ZXID_KEY = /zxid$/i;
const SESSION_KEY = /^(ephemeralOwner|sessionId|session|owner|sid)$/;

/** Session ids are at least 2^32 (the server id in the top byte), so a smaller number under such a key is not one. */
const SESSION_MIN = 2 ** 32;

const PROSE_IDS = /\b(zxid|session|sessionid|session id)( |=|: ?)(\d{5,})\b/gi;
const JSON_IDS = /"(\w*zxid|ephemeralOwner|sessionId|session)":(\d+)/gi;

/**
 * A checker's message or story with the ids it prints in decimal in hex: `zxid 4294967300`, `session
 * 1099511627777`, and Stat fields inside JSON (`"mzxid":4294967338` reads `"mzxid":"0x10000002a"`).
 */
export function hexIdsInProse(text: string): string {
  const prose = text.replace(PROSE_IDS, (_, key: string, gap: string, digits: string) => {
    const value = Number(digits);
    return `${key}${gap}${/zxid/i.test(key) ? hexZxid(value) : hexSession(value)}`;
  });
  return prose.replace(JSON_IDS, (_, key: string, digits: string) => {
    const hex = hexNumber(key, Number(digits));
    return hex === null ? `"${key}":${digits}` : `"${key}":"${hex}"`;
  });
}

export function hexIdsInText(text: string): string {
  if (!text.includes("=")) return text;
  return text.replace(TEXT_IDS, (_, key: string, digits: string) => {
    const value = Number(digits);
    return `${key}=${/zxid/i.test(key) ? hexZxid(value) : hexSession(value)}`;
  });
}

/** A copy of `value` with zxid and session fields as hex strings, and session-id keys in hex. */
export function hexIdsInValue(value: unknown, key = ""): unknown {
  if (typeof value === "number") return hexNumber(key, value) ?? value;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => hexIdsInValue(item, key));
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    const id = /^\d+$/.test(name) && Number(name) >= SESSION_MIN ? hexSession(Number(name)) : name;
    out[id] = hexIdsInValue(item, name);
  }
  return out;
}

function hexNumber(key: string, value: number): string | null {
  if (!Number.isSafeInteger(value) || value < 0) return null;
  if (ZXID_KEY.test(key)) return hexZxid(value);
  if (SESSION_KEY.test(key) && (value === 0 || value >= SESSION_MIN)) return hexSession(value);
  return null;
}
