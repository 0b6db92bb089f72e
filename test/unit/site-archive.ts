// The site's loader (src/data/campaign.zip.ts) run as Framework runs it, in its own process, with
// its members read back: what a page would get from FileAttachment("data/campaign/<name>").
import {spawnSync} from "node:child_process";
import {join} from "node:path";
import {inflateRawSync} from "node:zlib";

const ROOT = join(import.meta.dirname, "../..");

/** The members of a ZIP archive (the central directory walked, each member inflated). */
export function unzip(bytes: Buffer): Map<string, string> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const offset = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const start = offset + 30 + bytes.readUInt16LE(offset + 26) + bytes.readUInt16LE(offset + 28);
    out.set(name, inflateRawSync(bytes.subarray(start, start + size)).toString("utf8"));
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return out;
}

export interface SiteArchiveRun {
  /** The loader's exit status. */
  status: number | null;
  /** What it said on standard error. */
  stderr: string;
  /** Its members by name (none when it failed). */
  members: Map<string, string>;
  /** A member's text; fails the test when the archive lacks it. */
  member(name: string): string;
}

/** Runs the site's loader with the environment given (FOI_DATA, FOI_CACHE_DIR...) added to this one's. */
export function runSiteArchive(env: Record<string, string | undefined> = {}): SiteArchiveRun {
  const out = spawnSync(process.execPath, ["--import", "tsx", "src/data/campaign.zip.ts"], {
    cwd: ROOT,
    env: {...process.env, ...env},
    maxBuffer: 1 << 28
  });
  const members = out.status === 0 ? unzip(out.stdout) : new Map<string, string>();
  return {
    status: out.status,
    stderr: out.stderr.toString("utf8"),
    members,
    member(name) {
      const content = members.get(name);
      if (content == null)
        throw new Error(`the site's archive holds no ${name} (${[...members.keys()].slice(0, 12).join(", ")})`);
      return content;
    }
  };
}
