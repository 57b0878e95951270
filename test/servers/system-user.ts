// The system user that vsftpd and sshd tests log in as (both authenticate real accounts).
// Needs root, like starting those daemons; CI runs as root.
import { run } from './common.js';

export interface SystemUser {
  name: string;
  password: string;
  home: string;
}

export const TEST_USER: SystemUser = {
  name: 'comptoirtest',
  password: 'Sys-T3st#pass/word',
  home: '/home/comptoirtest',
};

let ready: Promise<SystemUser> | undefined;

/** Creates the user once (shell /bin/sh: vsftpd's PAM wants a shell from /etc/shells) and sets its password. */
export function ensureTestUser(): Promise<SystemUser> {
  ready ??= (async () => {
    const exists = (): Promise<boolean> =>
      run('id', ['-u', TEST_USER.name]).then(
        () => true,
        () => false,
      );
    if (!(await exists())) {
      // The vsftpd and SFTP test files run in parallel workers: the other one may win the race.
      await run('useradd', ['--create-home', '--shell', '/bin/sh', TEST_USER.name]).catch(
        async (error: unknown) => {
          if (!(await exists())) throw error;
        },
      );
    }
    const chpasswd = run('chpasswd');
    chpasswd.child.stdin?.end(`${TEST_USER.name}:${TEST_USER.password}\n`);
    await chpasswd;
    return TEST_USER;
  })();
  return ready;
}

export const isRoot = (): boolean => process.getuid?.() === 0;
