// PUID / PGID for bind mounts, the way self-hosted appliances do it: in the container
// (COMPTOIR_CONTAINER=1) the process starts as root only long enough to give the data
// folders to the configured user, then drops to that user for good before anything else
// runs. Outside a container, or when started as a non-root user, nothing happens.
import fs from 'node:fs';
import path from 'node:path';

type Env = Record<string, string | undefined>;

function id(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > 2 ** 31 - 1)
    throw new Error(`${name}="${raw}" must be a numeric id`);
  return Number(raw);
}

/** Gives `dir` and everything below it that is not already the user's to uid:gid. */
function chownTree(dir: string, uid: number, gid: number): void {
  let stat;
  try {
    stat = fs.lstatSync(dir);
  } catch {
    return;
  }
  if (stat.uid !== uid || stat.gid !== gid) fs.lchownSync(dir, uid, gid);
  if (!stat.isDirectory()) return;
  for (const name of fs.readdirSync(dir)) chownTree(path.join(dir, name), uid, gid);
}

/** Returns the user the appliance now runs as, or undefined when it did not switch. */
export function dropPrivileges(env: Env, dataDir: string): { uid: number; gid: number } | undefined {
  if (env.COMPTOIR_CONTAINER !== '1' || process.getuid?.() !== 0) return undefined;
  const uid = id(env, 'PUID', 1001);
  const gid = id(env, 'PGID', 1001);
  if (uid === 0)
    throw new Error('PUID=0 would run the appliance as root; choose the id of the user owning the folders');
  for (const dir of [dataDir, path.join(dataDir, 'inbox'), path.join(dataDir, 'outbox')]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  chownTree(dataDir, uid, gid);
  process.setgroups?.([gid]);
  process.setgid?.(gid);
  process.setuid?.(uid);
  return { uid, gid };
}
