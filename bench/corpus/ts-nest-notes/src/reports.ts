import { execSync } from 'node:child_process';

export function runReport(name: string): string {
  // ruleid: DSQ-JS-0003
  return execSync('generate-report --name ' + name).toString();
}

export function runFixedReport(): string {
  // ok: DSQ-JS-0003
  return execSync('generate-report --all').toString();
}
