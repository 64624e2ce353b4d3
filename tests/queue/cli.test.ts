/** The command line of the distributed import: usage errors (exit 2) and an unreachable Redis (exit 1), no server needed. */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../src/cli/main.js';
import { reasonToFailure } from '../../src/queue/queueJobs.js';

function captureIo(): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (text) => (out += text),
    err: (text) => (err += text),
    isTty: false,
    stdout: () => out,
    stderr: () => err,
  };
}

function unusedPort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

describe('budgetpdf import --queue, worker, queue: usage', () => {
  it.each([
    [['import', '--collect'], '--collect goes with --queue'],
    [['import', 'a.pdf', '--queue', 'http://host:6379/0'], '--queue takes redis://host:port/db'],
    [['import', 'a.pdf', '--queue', 'not a url'], 'not a URL'],
    [['import', '--queue', 'redis://127.0.0.1:6379/0'], 'import needs at least one PDF or folder (or --collect)'],
    [['import', 'a.pdf', '--queue', 'redis://127.0.0.1:6379/0', '--collect'], 'import --collect takes no PDF'],
    [['import', 'a.pdf', '--queue', 'redis://127.0.0.1:6379/0', '--jobs', '2'], "--jobs is a worker's option"],
    [['import', 'a.pdf', '--queue', 'redis://127.0.0.1:6379/0', '--force'], '--force is not supported with --queue'],
    [['worker'], 'worker needs --queue'],
    [['worker', '--queue', 'redis://127.0.0.1:6379/0', '--jobs', '0'], '--jobs must be a whole number ≥ 1'],
    [['queue', 'status'], 'queue status needs --queue'],
    [['queue', 'empty', '--queue', 'redis://127.0.0.1:6379/0'], 'queue needs one of status, retry, drain'],
  ])('%j exits 2: %s', async (argv, message) => {
    const io = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.stderr()).toContain(message);
  });

  it('lists worker and queue in --help', async () => {
    const io = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.stdout()).toContain('budgetpdf worker --queue redis://host:port/db');
    expect(io.stdout()).toContain('budgetpdf queue status|retry|drain');
  });

  it('says which Redis it cannot reach, without its password (exit 1)', async () => {
    const io = captureIo();
    const port = await unusedPort();
    expect(await runCli(['queue', 'status', '--queue', `redis://:secret@127.0.0.1:${port}/0`], io)).toBe(1);
    expect(io.stderr()).toContain(`cannot reach Redis at redis://:***@127.0.0.1:${port}/0`);
    expect(io.stderr()).not.toContain('secret');
  });
});

describe('reasonToFailure', () => {
  it("reads a job's last reason back as the import's error code", () => {
    expect(reasonToFailure('corrupt_pdf: cannot read page 5')).toEqual({
      code: 'corrupt_pdf',
      message: 'cannot read page 5',
    });
    expect(reasonToFailure('job stalled more than allowable limit').code).toBe('worker_crashed');
    expect(reasonToFailure('something else broke')).toEqual({ code: 'unexpected', message: 'something else broke' });
  });
});
