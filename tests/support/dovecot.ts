import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A real IMAP server for the e-mail tests: Debian's dovecot, run as the current user on a loopback port
 * with a throwaway mail folder and one plain-text user. `startDovecot()` writes a dovecot.conf into a
 * temporary directory and starts `dovecot -F -c …`; `stop()` ends it and removes the directory.
 */

export const DOVECOT_BINARY = '/usr/sbin/dovecot';
export const DOVECOT_USER = 'ouvidoria';
export const DOVECOT_PASSWORD = 'senha-de-teste';

export function dovecotInstalled(): boolean {
  return fs.existsSync(DOVECOT_BINARY) && fs.existsSync('/usr/lib/dovecot/imap');
}

export type Dovecot = { port: number; url: string; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  // Ports 4400-4499 are this branch's; a free one is asked of the kernel inside that range.
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 4400 + Math.floor(Math.random() * 100);
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port in 4400-4499 for dovecot');
}

type Accounts = { mailUid: number; mailGid: number; serviceUser?: string; internalUser: string; loginUser: string };

/**
 * As an ordinary user, every dovecot process runs as that user. As root (CI containers), dovecot refuses
 * to run its login process as root, so the Debian package's own unprivileged accounts are used and the
 * throwaway mail folder is given to `dovecot`.
 */
function accounts(): Accounts {
  const me = os.userInfo();
  if (me.uid !== 0) return { mailUid: me.uid, mailGid: me.gid, serviceUser: me.username, internalUser: me.username, loginUser: me.username };
  const dovecot = passwdEntry('dovecot');
  return { mailUid: dovecot.uid, mailGid: dovecot.gid, internalUser: 'dovecot', loginUser: 'dovenull' };
}

function passwdEntry(name: string): { uid: number; gid: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.split(':')[0] === name);
  if (!line) throw new Error(`no ${name} user: install dovecot-imapd`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function config(dir: string, port: number, who: Accounts): string {
  const runAs = (service: string) => (who.serviceUser ? `service ${service} {\n  user = ${who.serviceUser}\n}\n` : '');
  return `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${who.internalUser}
default_internal_group = ${groupName(passwdGid(who.internalUser))}
default_login_user = ${who.loginUser}
mail_location = maildir:${dir}/mail/%u
first_valid_uid = ${who.mailUid}
last_valid_uid = ${who.mailUid}
first_valid_gid = ${who.mailGid}
last_valid_gid = ${who.mailGid}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
${who.serviceUser ? `  user = ${who.serviceUser}\n` : ''}}
service pop3-login {
  chroot =
}
service anvil {
  chroot =
}
${['imap', 'auth', 'auth-worker', 'stats', 'log', 'config', 'dict', 'dict-async'].map(runAs).join('')}
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/users
}
userdb {
  driver = static
  args = uid=${who.mailUid} gid=${who.mailGid} home=${dir}/mail/%u
}
namespace inbox {
  inbox = yes
  separator = /
}
`;
}

function passwdGid(name: string): number {
  return name === os.userInfo().username ? os.userInfo().gid : passwdEntry(name).gid;
}

function groupName(gid: number): string {
  const line = fs
    .readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((entry) => entry.split(':')[2] === String(gid));
  return line?.split(':')[0] ?? String(gid);
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}):\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.setTimeout(1_000, () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('data', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not open port ${port}:\n${log()}`);
}

export async function startDovecot(): Promise<Dovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ouvidoria-dovecot-'));
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, sub));
  fs.writeFileSync(path.join(dir, 'users'), `${DOVECOT_USER}:{PLAIN}${DOVECOT_PASSWORD}\n`);
  const who = accounts();
  fs.chmodSync(dir, 0o755);
  fs.chownSync(path.join(dir, 'mail'), who.mailUid, who.mailGid);
  const port = await freePort();
  const confPath = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(confPath, config(dir, port, who));
  const output: string[] = [];
  const child = spawn(DOVECOT_BINARY, ['-F', '-c', confPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const log = () => {
    const file = path.join(dir, 'dovecot.log');
    return output.join('') + (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
  };
  try {
    await waitForPort(port, child, log);
  } catch (error) {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    url: `imap://${DOVECOT_USER}:${DOVECOT_PASSWORD}@127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
