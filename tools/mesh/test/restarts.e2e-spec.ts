import { traceIdOf } from '@cruddur/testing';
import {
  MESH_PROCESSES,
  MeshRun,
  freeMeshPorts,
  isAlive,
  userEnv,
  waitUntilGone,
} from './mesh-run';
import { waitFor } from '@cruddur/testing';

jest.setTimeout(120_000);

describe('npm start when one service exits', () => {
  let run: MeshRun;
  let ports: Record<string, string>;
  const gateway = (path: string) =>
    fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}${path}`, {
      headers: { 'x-cruddur-user-handle': 'andrewbrown' },
    });
  const inspectorTrace = async (traceId: string) =>
    (await fetch(`http://127.0.0.1:${ports.INSPECTOR_PORT}/api/traces/${traceId}`)).status;

  beforeAll(async () => {
    ports = await freeMeshPorts();
    // The batch processor's default 5 s delay would make the inspector check wait for it.
    run = MeshRun.direct(userEnv({ ...ports, OTEL_BSP_SCHEDULE_DELAY: '200' }));
    await run.ready();
  });

  afterAll(() => run?.killAll());

  it('restarts a crashed service with back-off; the gateway, the inspector and its data stay', async () => {
    const first = await waitFor(
      async () => {
        const response = await gateway('/api/activities/home');
        return response.status === 200 && response;
      },
      { what: 'the home feed' },
    );
    const traceId = traceIdOf(first)!;
    await waitFor(async () => (await inspectorTrace(traceId)) === 200, { what: 'the trace' });
    const crashed = run.pidOf('home-activities');
    const others = MESH_PROCESSES.filter((name) => name !== 'home-activities').map((name) =>
      run.pidOf(name),
    );
    const from = run.output.length;

    process.kill(crashed, 'SIGKILL');
    await run.waitForOutput(
      /home-activities\s*\| exited \(SIGKILL\); restarting in 1 s \(restart 1\)/,
      10_000,
      from,
    );
    await waitFor(() => run.pidOf('home-activities') !== crashed, { what: 'a new run' });
    await waitFor(async () => (await gateway('/api/activities/home')).status === 200, {
      timeoutMs: 20_000,
      what: 'the home feed again',
    });
    expect(others.filter((pid) => !isAlive(pid))).toEqual([]);
    expect(await inspectorTrace(traceId)).toBe(200);

    // A second crash in a row waits longer.
    const again = run.output.length;
    const restarted = run.pidOf('home-activities');
    process.kill(restarted, 'SIGKILL');
    await run.waitForOutput(
      /home-activities\s*\| exited \(SIGKILL\); restarting in 2 s \(restart 2\)/,
      10_000,
      again,
    );
    await waitFor(() => run.pidOf('home-activities') !== restarted, { what: 'a third run' });
    await run.waitForOutput(/home-activities listening on/, 20_000, again);
  });

  it('leaves a service that was stopped on purpose down, says how to start it, and keeps the rest', async () => {
    const stopped = run.pidOf('home-activities');
    const from = run.output.length;
    process.kill(stopped, 'SIGTERM');
    const line = await run.waitForOutput(
      /home-activities\s*\| exited \(code 0\); left down.*/,
      15_000,
      from,
    );
    expect(line[0]).toContain('npx nx serve home-activities');
    // The README's story: a downstream that is down answers 503 at once, the rest still works.
    await waitFor(async () => (await gateway('/api/activities/home')).status === 503, {
      what: 'a 503 for the home feed',
    });
    expect((await gateway('/api/activities/notifications')).status).toBe(200);
    expect(run.pidOf('home-activities')).toBe(stopped);
    expect(isAlive(run.pidOf('inspector'))).toBe(true);
  });

  it('still stops everything on SIGTERM', async () => {
    const alive = MESH_PROCESSES.map((name) => run.pidOf(name)).filter(isAlive);
    run.child.kill('SIGTERM');
    expect(await waitUntilGone([...alive, run.child.pid!])).toEqual([]);
    expect(await run.exited).toEqual({ code: 0, signal: null });
  });
});
