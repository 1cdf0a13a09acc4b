// Simulated time and zxids for people, worded as the stories word them (scenarios/systems): microseconds as
// "1.234 s", "12.3 ms" or "850 µs"; a zxid as ZooKeeper prints it, `0x<epoch><counter>` in hex.

import { hexZxid } from "../../scenarios/systems/labels.js";
import { durationText } from "../../scenarios/systems/story/index.js";

export const formatUs = durationText;
export const formatZxid = hexZxid;
