/** The machine a benchmark ran on, captured by code (never typed by hand). */
import {cpus, platform, release, totalmem} from "node:os";
import type {MachineInfo} from "./results.js";

export function machineInfo(chromium: string | null, date = new Date()): MachineInfo {
  const list = cpus();
  return {
    date: date.toISOString().replace(/\.\d+Z$/, "Z"),
    cpus: list.length,
    cpuModel: (list[0]?.model ?? "unknown CPU").replace(/\s+/g, " ").trim(),
    memoryGiB: totalmem() / 2 ** 30,
    platform: `${platform()} ${release()}`,
    node: process.version,
    chromium
  };
}
