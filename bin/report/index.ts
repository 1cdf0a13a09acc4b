// Writing reports from bin/: the HTML run report and JUnit XML, each written whole or not at all.

export { loadRunDir } from "../run/read-run-dir.js";
export { writeFileAtomic } from "./atomic-write.js";
export { writeJunit } from "./write-junit.js";
export { type WrittenReport, writeRunReport } from "./write-run-report.js";
