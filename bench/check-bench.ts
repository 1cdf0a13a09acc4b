// Benchmark of the linearizability checker on the corpora in test/data (or --data DIR), single-threaded.
// Prints one line per corpus, or with --json one object per line: name, histories, ops, elapsed_ms
// (checking: model reading, partitioning and search, median of the timed rounds after a warm-up),
// cold_ms (the first, unwarmed round), parse_ms (reading the files' text into operations) and agree
// (histories whose verdict matches expected.json).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Json } from "../sim/api/json.js";
import { checkPrepared, findModel, prepareHistory } from "../sim/check/index.js";
import type { Operation } from "../sim/history/index.js";
import { pairOperations, readHistory } from "../sim/history/index.js";
import { etcdLikeCorpus } from "./etcd-like-histories.js";

interface Expected {
  readonly model: string;
  readonly init: Json;
  readonly linearizable: boolean;
  readonly edn?: string;
}

interface Loaded {
  readonly name: string;
  readonly expected: Expected;
  readonly operations: readonly Operation[];
}

interface Corpus {
  readonly name: string;
  readonly histories: readonly Loaded[];
  readonly parseMs: number;
}

const TIMED_ROUNDS = 5;

function loadCorpus(dataDir: string, folder: string, name: string, useEdn: boolean): Corpus {
  const expected = JSON.parse(readFileSync(`${dataDir}${folder}/expected.json`, "utf8")) as Record<
    string,
    Expected
  >;
  const started = performance.now();
  const histories = Object.keys(expected)
    .sort()
    .flatMap((file): Loaded[] => {
      const entry = expected[file];
      const path = useEdn ? entry?.edn : file;
      if (entry === undefined || path === undefined) return [];
      const text = readFileSync(`${dataDir}${folder}/${path}`, "utf8");
      return [
        { name: path, expected: entry, operations: pairOperations(readHistory(text, path), path) },
      ];
    });
  return { name, histories, parseMs: performance.now() - started };
}

/** Synthetic histories shaped like Jepsen's etcd register runs (see etcd-like-histories.ts). */
function generatedCorpus(): Corpus {
  const started = performance.now();
  const expected = { model: "cas-register", init: null };
  const histories = etcdLikeCorpus().map((history) => ({
    name: history.name,
    expected: { ...expected, linearizable: history.linearizable },
    operations: pairOperations(readHistory(history.lines, `${history.name}.jsonl`), history.name),
  }));
  return { name: "check/etcd-like-synthetic", histories, parseMs: performance.now() - started };
}

function checkCorpus(corpus: Corpus): { readonly elapsedMs: number; readonly agree: number } {
  const started = performance.now();
  let agree = 0;
  for (const history of corpus.histories) {
    const factory = findModel(history.expected.model);
    if (factory === undefined) throw new Error(`unknown model ${history.expected.model}`);
    const prepared = prepareHistory(
      history.operations,
      factory.create(history.expected.init),
      history.name,
    );
    if (checkPrepared(prepared).valid === history.expected.linearizable) agree++;
  }
  return { elapsedMs: performance.now() - started, agree };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function main(): void {
  const { values } = parseArgs({
    options: { json: { type: "boolean" }, data: { type: "string" } },
  });
  // Run from dist/bench/, so the repository's test/data is two folders up.
  const dataDir = values.data ?? fileURLToPath(new URL("../../test/data/", import.meta.url));
  const corpora = [
    loadCorpus(dataDir, "porcupine-kv", "check/porcupine-kv", false),
    loadCorpus(dataDir, "knossos", "check/knossos", false),
    loadCorpus(dataDir, "knossos", "check/knossos-edn", true),
    generatedCorpus(),
  ];
  for (const corpus of corpora) {
    const cold = checkCorpus(corpus);
    const timed = Array.from({ length: TIMED_ROUNDS }, () => checkCorpus(corpus).elapsedMs);
    const row = {
      name: corpus.name,
      histories: corpus.histories.length,
      ops: corpus.histories.reduce((sum, history) => sum + history.operations.length, 0),
      elapsed_ms: round(median(timed)),
      cold_ms: round(cold.elapsedMs),
      parse_ms: round(corpus.parseMs),
      agree: cold.agree,
    };
    if (values.json === true) console.log(JSON.stringify(row));
    else {
      console.log(
        `${row.name.padEnd(20)} ${String(row.histories).padStart(4)} histories ${String(row.ops).padStart(6)} ops  ` +
          `check ${row.elapsed_ms} ms (cold ${row.cold_ms} ms)  parse ${row.parse_ms} ms  agree ${row.agree}/${row.histories}`,
      );
    }
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

main();
