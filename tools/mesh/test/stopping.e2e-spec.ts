import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MESH_PROCESSES,
  MeshRun,
  STOP_PROBLEMS,
  WORKSPACE_ROOT,
  freeMeshPorts,
  processInfo,
  userEnv,
  waitUntilGone,
} from './mesh-run';

jest.setTimeout(180_000);

const NX_JSON = join(WORKSPACE_ROOT, 'nx.json');

/** The pids of one running `npm start`: each process of the mesh, the runner, npm, npm's group. */
function processTree(run: MeshRun) {
  const mesh = MESH_PROCESSES.map((name) => run.pidOf(name));
  const runner = processInfo(mesh[0])!.ppid;
  const npm = processInfo(runner)!.ppid;
  return { mesh, runner, npm, group: processInfo(npm)!.pgid };
}

describe('npm start in a terminal', () => {
  let run: MeshRun | undefined;

  afterEach(() => {
    run?.killAll();
    run = undefined;
  });

  it('asks nothing, leaves nx.json as committed, and Ctrl-C stops the services into a running inspector, then it', async () => {
    const committed = readFileSync(NX_JSON, 'utf8');
    run = MeshRun.underTerminal('npm start', userEnv(await freeMeshPorts()));
    await run.ready();
    expect(run.output).not.toMatch(/usage data|\? .*\(y\/n\)|Install Nx Console/i);
    const { mesh, runner, npm } = processTree(run);
    // Each process of the mesh in a group of its own: the terminal's Ctrl-C reaches only npm and
    // the runner, which decides the order.
    for (const pid of mesh) expect(processInfo(pid)!.pgid).toBe(pid);

    const pressed = Date.now();
    run.ctrlC();
    expect(await waitUntilGone([...mesh, runner, npm])).toEqual([]);
    const tookMs = Date.now() - pressed;
    await run.exited;

    const stopping = run.outputFrom(/npm start\s*\| SIGINT: stopping/);
    expect(stopping).toMatch(/gateway\s*\| .*SIGTERM: draining gateway, then flushing telemetry/);
    expect(stopping).toMatch(/npm start\s*\| stopped in \d+\.\d s/);
    // Callers first: the gateway has exited before home-activities is asked to stop.
    const gatewayStops = stopping.search(/SIGTERM: draining gateway/);
    const downstreamStops = stopping.search(/SIGTERM: draining home-activities/);
    expect(gatewayStops).toBeGreaterThan(-1);
    expect(downstreamStops).toBeGreaterThan(gatewayStops);
    expect(stopping.split('\n').filter((line) => STOP_PROBLEMS.test(line))).toEqual([]);
    // Not a speed assertion: a stop that waits for a shutdown deadline (10 s) is the defect.
    expect(tookMs).toBeLessThan(9000);
    expect(readFileSync(NX_JSON, 'utf8')).toBe(committed);
  });

  it('npx nx asks nothing in a terminal either', async () => {
    const committed = readFileSync(NX_JSON, 'utf8');
    run = MeshRun.underTerminal('npx nx show projects', userEnv({}));
    const exit = await Promise.race([
      run.exited,
      new Promise((done) => setTimeout(() => done('still waiting'), 60_000)),
    ]);
    expect({ exit, output: run.output }).toEqual({
      exit: { code: 0, signal: null },
      output: expect.stringContaining('gateway'),
    });
    expect(readFileSync(NX_JSON, 'utf8')).toBe(committed);
  });

  const targets = ['npm', 'runner', 'group'] as const;
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const cases = targets.flatMap((target) => signals.map((signal) => [signal, target] as const));

  it.each(cases)('%s to the %s stops every process of the mesh', async (signal, target) => {
    run = MeshRun.underTerminal('npm start', userEnv(await freeMeshPorts()));
    await run.ready();
    const tree = processTree(run);
    const marker = run.output.length;
    if (target === 'group') process.kill(-tree.group, signal);
    else process.kill(tree[target], signal);

    expect(await waitUntilGone([...tree.mesh, tree.runner, tree.npm])).toEqual([]);
    const stopping = run.output.slice(marker);
    expect(stopping.split('\n').filter((line) => STOP_PROBLEMS.test(line))).toEqual([]);
  });

  it('closing the terminal stops every process of the mesh', async () => {
    run = MeshRun.underTerminal('npm start', userEnv(await freeMeshPorts()));
    await run.ready();
    const tree = processTree(run);
    // The terminal goes away: the pseudo-terminal's other end closes, the kernel hangs it up.
    run.child.kill('SIGKILL');
    expect(await waitUntilGone([...tree.mesh, tree.runner, tree.npm])).toEqual([]);
  });
});
