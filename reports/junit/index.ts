// JUnit XML for CI: a test case per seed, failures with their violations and repro command.
export { type JunitCase, junitXml, VIOLATIONS_LISTED } from "./junit-xml.js";
export { escapeXml, escapeXmlAttribute } from "./xml-escape.js";
