// Podman on this kind of machine (TOOLCHAIN.md, "Building and running the Docker image
// here"): no Docker engine or registry, so the test installs podman, makes a local Debian
// base with this machine's Node, and builds the project's Dockerfile on it.
import { execFile, type ExecFileOptions } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export const PACKAGES = [
  'podman',
  'buildah',
  'fuse-overlayfs',
  'slirp4netns',
  'uidmap',
  'debootstrap',
  'runc',
];
export const BASE_IMAGE = 'localhost/comptoir-test-node-base:local';
export const IMAGE = 'localhost/comptoir:container-test';

/** Where podman's own settings for this test live (crun and default ulimits fail here). */
export const work = path.join(os.tmpdir(), 'comptoir-container-test');
const conf = path.join(work, 'containers.conf');

export function podmanEnv(): NodeJS.ProcessEnv {
  return { ...process.env, CONTAINERS_CONF: conf, BUILDAH_FORMAT: 'docker' };
}

export async function sh(
  command: string,
  args: string[],
  options: ExecFileOptions & { timeoutMs?: number } = {},
): Promise<string> {
  const { stdout } = await exec(command, args, {
    env: podmanEnv(),
    maxBuffer: 64 * 1024 * 1024,
    timeout: options.timeoutMs ?? 300_000,
    ...options,
  });
  return String(stdout);
}

export const podman = (args: string[], timeoutMs?: number): Promise<string> =>
  sh('podman', args, { timeoutMs });

async function installed(bin: string): Promise<boolean> {
  try {
    await sh('sh', ['-c', `command -v ${bin}`]);
    return true;
  } catch {
    return false;
  }
}

/** Installs podman and its companions when missing (root, Debian). */
export async function ensurePodman(): Promise<void> {
  await fs.mkdir(work, { recursive: true });
  await fs.writeFile(
    conf,
    '[containers]\ndefault_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]\n[engine]\nruntime = "runc"\n',
  );
  if ((await installed('podman')) && (await installed('debootstrap')) && (await installed('runc'))) return;
  const env = { ...podmanEnv(), DEBIAN_FRONTEND: 'noninteractive' };
  await sh('apt-get', ['update', '-qq'], { env, timeoutMs: 300_000 });
  await sh('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...PACKAGES], {
    env,
    timeoutMs: 600_000,
  });
}

async function imageExists(name: string): Promise<boolean> {
  try {
    await podman(['image', 'exists', name]);
    return true;
  } catch {
    return false;
  }
}

/** A minimal Debian bookworm with this machine's node and npm: the Dockerfile's BASE. */
export async function ensureBaseImage(): Promise<void> {
  if (await imageExists(BASE_IMAGE)) return;
  const rootfs = path.join(work, 'rootfs');
  if (!(await imageExists('localhost/comptoir-test-debian:bookworm'))) {
    await fs.rm(rootfs, { recursive: true, force: true });
    await sh('debootstrap', ['--variant=minbase', 'bookworm', rootfs, 'http://deb.debian.org/debian'], {
      timeoutMs: 600_000,
    });
    await sh('sh', [
      '-c',
      `tar -C '${rootfs}' -c . | podman import - localhost/comptoir-test-debian:bookworm`,
    ]);
    await fs.rm(rootfs, { recursive: true, force: true });
  }
  const context = path.join(work, 'node-base');
  await fs.rm(context, { recursive: true, force: true });
  await fs.mkdir(context, { recursive: true });
  const node = process.execPath;
  const npmDir = path.resolve(path.dirname(await fs.realpath(node)), '..', 'lib', 'node_modules', 'npm');
  await fs.copyFile(node, path.join(context, 'node'));
  await sh('cp', ['-a', npmDir, path.join(context, 'npm')]);
  // Where this machine reaches the registry through a TLS-inspecting proxy, its CA bundle
  // (NODE_EXTRA_CA_CERTS) must be trusted inside the build too; nothing of it ships.
  const ca = process.env.NODE_EXTRA_CA_CERTS;
  const caLines = ca
    ? (await fs.copyFile(ca, path.join(context, 'extra-ca.crt')),
      [
        'COPY extra-ca.crt /usr/local/share/extra-ca.crt',
        'ENV NODE_EXTRA_CA_CERTS=/usr/local/share/extra-ca.crt',
      ])
    : [];
  await fs.writeFile(
    path.join(context, 'Containerfile'),
    [
      'FROM localhost/comptoir-test-debian:bookworm',
      'COPY node /usr/local/bin/node',
      'COPY npm /usr/local/lib/node_modules/npm',
      ...caLines,
      'RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && node -v && npm -v',
      '',
    ].join('\n'),
  );
  await podman(['build', '-t', BASE_IMAGE, context], 600_000);
}

export async function removeImages(): Promise<void> {
  for (const image of [IMAGE, BASE_IMAGE, 'localhost/comptoir-test-debian:bookworm']) {
    await podman(['rmi', '-f', image]).catch(() => undefined);
  }
}
