// JUnit XML for CI: a test case per seed, failures with their violations and repro command.
export { type JunitCase, type JunitViolation, junitXml, VIOLATIONS_LISTED } from "./junit-xml.js";
export { type ViolationPlace, violationLocation } from "./violation-location.js";
export { escapeXml, escapeXmlAttribute } from "./xml-escape.js";
