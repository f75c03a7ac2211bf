import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  APP_TARGETS,
  WORKSPACE_ROOT,
  commandOf,
  execForm,
  instructionsOf,
  readDockerfile,
} from './dockerfile-stages';

interface ComposeService {
  build?: { context: string; target: string };
  image?: string;
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  profiles?: string[];
  command?: string[];
  deploy?: { replicas?: number };
}

const composeText = readFileSync(join(WORKSPACE_ROOT, 'docker-compose.yml'), 'utf8');
const compose = parseYaml(composeText, { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
const readme = readFileSync(join(WORKSPACE_ROOT, 'README.md'), 'utf8');
const { args, stages } = readDockerfile();

/** Services of the `aws` profile that run a third-party image, with why they have no health check. */
const NO_HEALTH_CHECK: Record<string, string> = {
  'xray-daemon': 'FROM scratch: no shell or client in the image to probe its UDP port with',
};

/** The services that export telemetry (they run @cruddur/observability). */
const TRACED = ['gateway', 'home-activities', 'notifications'];

/** The `nats` profile's copy of each traced app: the same image, reached over NATS. */
const NATS_COPIES: Record<string, string> = {
  'gateway-nats': 'gateway',
  'home-activities-nats': 'home-activities',
  'notifications-nats': 'notifications',
};

/** The app a compose service runs (a `nats` profile copy runs its app). */
const appOf = (name: string) => NATS_COPIES[name] ?? name;

/** Third-party images whose own tools probe them. */
const OWN_HEALTH_CHECK: Record<string, string[]> = {
  nats: ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8222/healthz'],
};

/** What the inspector accepts instead of a key; a placeholder, not a secret. */
const PLACEHOLDERS = new Set(['', 'local-inspector']);

/** `${VAR}`, `${VAR-default}`, `${VAR:-default}` resolved against `env`, as compose does. */
function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(
    /\$\{([A-Z0-9_]+)(?:(:?-)([^}]*))?\}/g,
    (_, name: string, operator: string | undefined, fallback: string | undefined) => {
      const current = env[name];
      if (operator === ':-') return current ? current : (fallback ?? '');
      if (operator === '-') return current === undefined ? (fallback ?? '') : current;
      return current ?? '';
    },
  );
}

const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|HEADERS/;

describe('docker-compose.yml', () => {
  it('runs the five apps, each from its own target of the Dockerfile', () => {
    for (const app of APP_TARGETS) {
      expect(services[app]?.build).toEqual({ context: '.', target: app });
      expect(stages.map((stage) => stage.name)).toContain(app);
    }
  });

  it('gives every traced service its own hard-coded OTEL_SERVICE_NAME', () => {
    const names = TRACED.map((name) => services[name].environment?.OTEL_SERVICE_NAME);
    expect(names).toEqual(TRACED);
    expect(new Set([...names, services.frontend.environment?.FRONTEND_SERVICE_NAME]).size).toBe(
      TRACED.length + 1,
    );
    // Every service that sends spans names itself; none inherits a shared name.
    for (const [name, service] of Object.entries(services)) {
      if (service.environment?.OTEL_EXPORTER_OTLP_ENDPOINT) {
        expect([name, service.environment.OTEL_SERVICE_NAME]).toEqual([name, appOf(name)]);
      }
    }
  });

  it('holds no secret: every key, token and header value is an interpolation', () => {
    const offending: string[] = [];
    for (const [serviceName, service] of Object.entries(services)) {
      for (const [name, raw] of Object.entries(service.environment ?? {})) {
        if (!SECRET_NAME.test(name)) continue;
        const value = String(raw);
        const defaults = [...value.matchAll(/\$\{[A-Z0-9_]+(?::?-([^}]*))?\}/g)].map(
          (match) => match[1] ?? '',
        );
        const literal = value.replace(/\$\{[^}]*\}/g, '');
        // Header lists may name headers (`x-honeycomb-team=`), never give them a value.
        const literalOk = name.endsWith('HEADERS')
          ? /^([\w-]+=,?)*$/.test(literal)
          : literal === '';
        if (!literalOk || !defaults.every((fallback) => PLACEHOLDERS.has(fallback))) {
          offending.push(`${serviceName}.${name}=${value}`);
        }
      }
    }
    expect(offending).toEqual([]);
    expect(services.gateway.environment?.OTEL_EXPORTER_OTLP_HEADERS).toBe(
      'x-honeycomb-team=${HONEYCOMB_API_KEY:-}',
    );
    // Nothing shaped like an AWS key id or a Honeycomb/Rollbar key anywhere in the file.
    expect(composeText).not.toMatch(/\b(AKIA|ASIA)[0-9A-Z]{16}\b|\b[0-9a-f]{32}\b|hc[a-z]{2}_/);
  });

  it('checks the health of every long-running service', () => {
    for (const [name, service] of Object.entries(services)) {
      if (NO_HEALTH_CHECK[name]) {
        expect(service.healthcheck).toBeUndefined();
        continue;
      }
      expect(service.healthcheck?.test).toEqual(
        OWN_HEALTH_CHECK[name] ?? ['CMD', 'node', 'tools/docker/healthcheck.mjs', appOf(name)],
      );
    }
  });

  it('starts a service only once what it depends on is healthy', () => {
    const dependencies = Object.fromEntries(
      Object.entries(services).map(([name, service]) => [
        name,
        Object.keys(service.depends_on ?? {}).sort(),
      ]),
    );
    expect(dependencies).toEqual({
      inspector: [],
      'home-activities': ['inspector'],
      notifications: ['inspector'],
      gateway: ['home-activities', 'inspector', 'notifications'],
      frontend: ['gateway'],
      'xray-daemon': [],
      nats: [],
      'home-activities-nats': ['inspector', 'nats'],
      'notifications-nats': ['inspector', 'nats'],
      'gateway-nats': ['home-activities-nats', 'inspector', 'notifications-nats'],
    });
    for (const service of Object.values(services)) {
      for (const dependency of Object.values(service.depends_on ?? {})) {
        expect(dependency).toEqual({ condition: 'service_healthy' });
      }
    }
  });

  it('publishes the ports the README promises, the inspector on loopback only', () => {
    const published = Object.fromEntries(
      Object.entries(services).map(([name, service]) => [name, service.ports ?? []]),
    );
    expect(published).toEqual({
      inspector: ['127.0.0.1:16686:16686', '127.0.0.1:4318:4318', '127.0.0.1:2000:2000/udp'],
      'home-activities': [],
      notifications: [],
      gateway: ['4567:4567'],
      frontend: ['3000:3000'],
      'xray-daemon': [],
      nats: [],
      'home-activities-nats': [],
      'notifications-nats': [],
      'gateway-nats': ['4568:4567'],
    });
    const docker = readme.slice(readme.indexOf('## Docker'));
    for (const url of [
      'http://localhost:4567',
      'http://localhost:3000',
      'http://localhost:4568',
      'http://127.0.0.1:16686',
      '127.0.0.1:4318',
      '127.0.0.1:2000/udp',
    ]) {
      expect(docker).toContain(url);
    }
  });

  it('has the microservices listen on every interface and the gateway dial them by name', () => {
    const env = (name: string) => services[name].environment ?? {};
    expect(env('home-activities').HOME_ACTIVITIES_HOST).toBe('0.0.0.0');
    expect(env('notifications').NOTIFICATIONS_HOST).toBe('0.0.0.0');
    expect(env('gateway').HOME_ACTIVITIES_HOST).toBe('home-activities');
    expect(env('gateway').NOTIFICATIONS_HOST).toBe('notifications');
    expect(env('gateway').HOME_ACTIVITIES_PORT).toBe(env('home-activities').HOME_ACTIVITIES_PORT);
    expect(env('gateway').NOTIFICATIONS_PORT).toBe(env('notifications').NOTIFICATIONS_PORT);
    expect(env('inspector').INSPECTOR_HOST).toBe('0.0.0.0');
  });

  it('sends every backend to the inspector unless .env says otherwise', () => {
    for (const name of TRACED) {
      const env = services[name].environment ?? {};
      const resolved = (overrides: Record<string, string> = {}) =>
        Object.fromEntries(
          Object.entries(env).map(([key, value]) => [key, interpolate(String(value), overrides)]),
        );
      expect(resolved()).toMatchObject({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://inspector:4318',
        AWS_XRAY_DAEMON_ADDRESS: 'inspector:2000',
        CLOUDWATCH_LOG_GROUP: 'cruddur',
        AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://inspector:16686',
        ROLLBAR_ENDPOINT: 'http://inspector:16686/api/1/item/',
      });
      // The README's recipes: Honeycomb, the X-Ray daemon, real CloudWatch Logs and Rollbar.
      expect(
        resolved({
          OTEL_EXPORTER_OTLP_ENDPOINT: 'https://api.honeycomb.io',
          HONEYCOMB_API_KEY: 'k',
          AWS_XRAY_DAEMON_ADDRESS: 'xray-daemon:2000',
          AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: '',
          ROLLBAR_ENDPOINT: '',
        }),
      ).toMatchObject({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://api.honeycomb.io',
        OTEL_EXPORTER_OTLP_HEADERS: 'x-honeycomb-team=k',
        AWS_XRAY_DAEMON_ADDRESS: 'xray-daemon:2000',
        AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: '',
        ROLLBAR_ENDPOINT: '',
      });
    }
  });

  it("adds the journals' X-Ray daemon in the aws profile only", () => {
    const daemon = services['xray-daemon'];
    expect(daemon.profiles).toEqual(['aws']);
    expect(daemon.image).toMatch(/^amazon\/aws-xray-daemon:/);
    expect(daemon.command).toEqual(['-o', '-b', 'xray-daemon:2000']);
    expect(daemon.expose).toEqual(['2000/udp']);
    expect(Object.keys(daemon.environment ?? {}).sort()).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_REGION',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
    ]);
    for (const [name, service] of Object.entries(services)) {
      if (name !== 'xray-daemon' && name !== 'nats' && !NATS_COPIES[name]) {
        expect([name, service.profiles]).toEqual([name, undefined]);
      }
    }
  });

  it('runs the mesh over NATS in the nats profile: the official image, two replicas of each microservice', () => {
    expect(services.nats.profiles).toEqual(['nats']);
    expect(services.nats.image).toMatch(/^nats:2\.\d+/);
    for (const [name, app] of Object.entries(NATS_COPIES)) {
      const service = services[name];
      expect([name, service.profiles]).toEqual([name, ['nats']]);
      expect(service.build).toEqual({ context: '.', target: app });
      expect(service.image).toBe(services[app].image);
      expect(service.environment).toMatchObject({
        MICROSERVICE_TRANSPORT: 'nats',
        NATS_SERVERS: 'nats://nats:4222',
        OTEL_SERVICE_NAME: app,
      });
      expect(service.deploy?.replicas).toBe(app === 'gateway' ? undefined : 2);
    }
    // The TCP services stay on TCP (the default), so both meshes run side by side.
    for (const app of TRACED)
      expect(services[app].environment?.MICROSERVICE_TRANSPORT).toBeUndefined();
  });
});

describe('the Dockerfile', () => {
  it('builds on node:24-bookworm-slim: npm ci and the Nx build, then production dependencies only', () => {
    expect(args.NODE_IMAGE).toBe('node:24-bookworm-slim');
    const run = (stage: string) =>
      instructionsOf(stages, stage)
        .filter((instruction) => instruction.keyword === 'RUN')
        .map((instruction) => instruction.args);
    expect(run('build')).toEqual([
      expect.stringMatching(/^npm ci\b/),
      expect.stringMatching(/^npx nx run-many -t build\b/),
    ]);
    expect(run('production-dependencies')[0]).toMatch(/^npm ci --omit=dev\b/);
    // The runtime takes node_modules from the production install, never from the build stage.
    const copies = instructionsOf(stages, 'runtime').filter((i) => i.keyword === 'COPY');
    expect(copies.filter((copy) => copy.args.includes('node_modules'))).toEqual([
      { keyword: 'COPY', args: '--from=production-dependencies /app/node_modules ./node_modules' },
    ]);
    for (const lib of ['contracts', 'observability', 'telemetry-wire']) {
      expect(copies.map((copy) => copy.args)).toEqual(
        expect.arrayContaining([
          `--from=build /workspace/libs/${lib}/package.json libs/${lib}/`,
          `--from=build /workspace/libs/${lib}/dist libs/${lib}/dist`,
        ]),
      );
    }
  });

  it.each(APP_TARGETS)('%s runs as node, node as PID 1, with a health check', (target) => {
    const instructions = instructionsOf(stages, target);
    const users = instructions.filter((instruction) => instruction.keyword === 'USER');
    expect(users.at(-1)?.args).toBe('node');
    const entry =
      target === 'frontend' ? 'dist/apps/frontend/server/main.js' : `dist/apps/${target}/main.js`;
    expect(commandOf(stages, target)).toEqual(['node', entry]);
    const health = instructions.filter((instruction) => instruction.keyword === 'HEALTHCHECK');
    expect(health).toHaveLength(1);
    expect(execForm(health[0].args)).toEqual(['node', 'tools/docker/healthcheck.mjs', target]);
    expect(instructions.some((i) => i.keyword === 'ENTRYPOINT')).toBe(false);
  });
});

const compose1 = spawnSync('docker-compose', ['version', '--short'], { encoding: 'utf8' });
const hasDockerCompose = compose1.status === 0;
if (!hasDockerCompose) {
  // CI installs Debian's docker-compose (.ci/run), so there these run.
  process.stderr.write(
    'docker-compose is not installed: skipping the `docker-compose config` checks (CI runs them)\n',
  );
}
const withDockerCompose = hasDockerCompose ? describe : describe.skip;

withDockerCompose('docker-compose config (Debian docker-compose)', () => {
  const config = (env: Record<string, string>, ...extra: string[]) =>
    spawnSync('docker-compose', ['config', ...extra], {
      cwd: WORKSPACE_ROOT,
      // Only PATH: the developer's own AWS or Honeycomb variables must not leak into the check.
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });

  it('accepts the file', () => {
    const result = config({}, '-q');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('resolves every backend to the inspector by default, and to the real ones from .env', () => {
    const resolved = (env: Record<string, string>) =>
      (parseYaml(config(env).stdout) as { services: Record<string, ComposeService> }).services;
    expect(resolved({}).gateway.environment).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://inspector:4318',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-honeycomb-team=',
      AWS_XRAY_DAEMON_ADDRESS: 'inspector:2000',
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://inspector:16686',
    });
    const real = resolved({
      COMPOSE_PROFILES: 'aws',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://api.honeycomb.io',
      HONEYCOMB_API_KEY: 'from-the-environment',
      AWS_XRAY_DAEMON_ADDRESS: 'xray-daemon:2000',
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: '',
      AWS_REGION: 'eu-west-2',
    });
    expect(real.notifications.environment).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://api.honeycomb.io',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-honeycomb-team=from-the-environment',
      AWS_XRAY_DAEMON_ADDRESS: 'xray-daemon:2000',
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: '',
    });
    expect(real['xray-daemon'].environment?.AWS_REGION).toBe('eu-west-2');
  });

  it('resolves the nats profile: the broker, two replicas each, a token from .env on both sides', () => {
    const result = config({ COMPOSE_PROFILES: 'nats', NATS_TOKEN: 'from-the-environment' });
    expect(result.status).toBe(0);
    const resolved = (parseYaml(result.stdout) as { services: Record<string, ComposeService> })
      .services;
    expect(resolved.nats.command).toEqual([
      '--http_port',
      '8222',
      '--auth',
      'from-the-environment',
    ]);
    expect(resolved['home-activities-nats'].deploy?.replicas).toBe(2);
    expect(resolved['gateway-nats'].environment).toMatchObject({
      MICROSERVICE_TRANSPORT: 'nats',
      NATS_TOKEN: 'from-the-environment',
    });
  });
});
