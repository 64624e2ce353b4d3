import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type MeasuredRun = { exitCode: number; peakRssMb: number; seconds: number; stdout: string; stderr: string };

/** Runs the CLI with `argv` in a child process (measuredCli.ts) and returns its exit code, peak RSS and time. */
export function runMeasuredCli(argv: string[]): Promise<MeasuredRun> {
  const script = fileURLToPath(new URL('./measuredCli.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...argv],
      { maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const last = stdout.trim().split('\n').at(-1) ?? '';
        try {
          resolve({ ...(JSON.parse(last) as Omit<MeasuredRun, 'stdout' | 'stderr'>), stdout, stderr });
        } catch {
          reject(new Error(`measuredCli gave no outcome (${error?.message ?? ''}): ${stderr.slice(-2000)}`));
        }
      },
    );
  });
}
