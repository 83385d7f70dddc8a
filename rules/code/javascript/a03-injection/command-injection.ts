import { exec, execFile, spawn } from 'node:child_process';
import type { Request, Response } from 'express';

export function ping(req: Request, res: Response) {
  const host = req.query.host as string;
  // ruleid: DSQ-JS-0003
  exec(`ping -c 1 ${host}`, (err, out) => res.send(out));
  // ok: DSQ-JS-0003
  execFile('ping', ['-c', '1', host], (err, out) => res.send(out));
  // ruleid: DSQ-JS-0003
  spawn('sh', ['-c', 'ls ' + host], { shell: true });
  // ok: DSQ-JS-0003
  exec('uptime', (err, out) => res.send(out));
}

export function convert(req: Request) {
  const { file } = req.body;
  const cmd = 'convert ' + file + ' out.png';
  // ruleid: DSQ-JS-0003
  require('child_process').execSync(cmd);
  const allowed = ['png', 'jpg'];
  const fmt = req.body.format;
  if (!allowed.includes(fmt)) throw new Error('bad format');
  // ok: DSQ-JS-0003
  exec(`convert in.${fmt} out.png`);
}
