// The app instances `npm run start:proxy` starts (scripts/dev/proxy-stack.ts) run with the glibc malloc
// settings that let memory used for images go back to the system (lib/server/server-env.mjs). glibc
// reads them only at exec, so the test looks at the environment the running processes were given.
// Runs only with E2E_PROXY=1, where the suite itself starts the stack.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { MALLOC_ENV } from "../lib/server/server-env.mjs";
import { proxyStack } from "./helpers";

const stack = proxyStack();

/** The process listening on a TCP port of this machine, from /proc/net/tcp and its file descriptors. */
function pidListeningOn(port: number): number | undefined {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[1]?.endsWith(`:${hex}`) && f[3] === "0A") inodes.add(f[9]!);
    }
  }
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      try {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (link.startsWith("socket:[") && inodes.has(link.slice(8, -1))) return Number(pid);
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}

test("the instances behind nginx start with glibc's malloc settings", { tag: "@smoke" }, () => {
  test.skip(!stack, "needs the suite's own proxy stack (E2E_PROXY=1)");
  for (const url of stack!.instances) {
    const pid = pidListeningOn(Number(new URL(url).port));
    expect(pid, `${url}: no process listens`).toBeDefined();
    const env = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
    // A value the shell running the suite sets itself is passed on instead.
    for (const [name, value] of Object.entries(MALLOC_ENV)) expect(env, `${url}: ${name}`).toContain(`${name}=${process.env[name] || value}`);
  }
});
