// Writing reports from bin/: the HTML run report and JUnit XML, each written whole or not at all.
export { writeFileAtomic } from "./atomic-write.js";
export { loadRunDir } from "./load-run-dir.js";
export { writeJunit } from "./write-junit.js";
export { type WrittenReport, writeRunReport } from "./write-run-report.js";
