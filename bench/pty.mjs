// Time to the first byte a command writes on a pseudo-terminal, against bare node writing one
// byte, using util-linux `script` to supply the pty. Returns null where `script` is missing.
import { spawn, spawnSync } from 'node:child_process';
import { alternate } from './measure.mjs';

function shellQuote(s) {
  return `'${s.replaceAll("'", "'\\''")}'`;
}

function firstByte(command, env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    child.stdout.once('data', () => {
      resolve(Number(process.hrtime.bigint() - start) / 1e6);
      child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', () => resolve(Number.NaN));
  });
}

export function firstByteRatio({ bin, args, env, pairs }) {
  if (spawnSync('script', ['--version'], { stdio: 'ignore' }).status !== 0) return null;
  const node = shellQuote(process.execPath);
  const bareCmd = `${node} -e ${shellQuote('process.stdout.write("x")')}`;
  const cmd = `${node} ${shellQuote(bin)} ${args.map(shellQuote).join(' ')}`;
  return alternate(
    pairs,
    () => firstByte(bareCmd, env),
    () => firstByte(cmd, env),
  );
}
