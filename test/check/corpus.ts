// The corpora of histories with known verdicts, kept in the repository under test/data (its README says
// where each came from, its licence, and the format of expected.json).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Json } from "../../sim/api/json.js";

export const DATA_DIR = fileURLToPath(new URL("../data/", import.meta.url));

export interface CorpusEntry {
  readonly corpus: "knossos" | "porcupine-kv";
  /** Path of the JSON-lines file, relative to DATA_DIR. */
  readonly file: string;
  /** Path of the original EDN file, relative to DATA_DIR, when there is one. */
  readonly edn: string | null;
  readonly model: string;
  readonly init: Json;
  readonly linearizable: boolean;
}

interface ExpectedEntry {
  readonly model: string;
  readonly init: Json;
  readonly linearizable: boolean;
  readonly edn?: string;
}

function load(corpus: CorpusEntry["corpus"]): CorpusEntry[] {
  const expected = JSON.parse(readFileSync(`${DATA_DIR}${corpus}/expected.json`, "utf8")) as Record<
    string,
    ExpectedEntry
  >;
  return Object.keys(expected)
    .sort()
    .map((name) => {
      const entry = expected[name];
      if (entry === undefined) throw new Error(`missing ${name}`);
      return {
        corpus,
        file: `${corpus}/${name}`,
        edn: entry.edn === undefined ? null : `${corpus}/${entry.edn}`,
        model: entry.model,
        init: entry.init,
        linearizable: entry.linearizable,
      };
    });
}

export function corpusEntries(): CorpusEntry[] {
  return [...load("knossos"), ...load("porcupine-kv")];
}

export function readData(file: string): string {
  return readFileSync(`${DATA_DIR}${file}`, "utf8");
}
