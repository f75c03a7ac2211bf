import { freePort } from './free-port';
import { ServiceProcess } from './service-process';

/** The three Cruddur services, running as real processes on free ports. */
export interface RunningMesh {
  gatewayUrl: string;
  ports: { gateway: number; homeActivities: number; notifications: number };
  services: {
    gateway: ServiceProcess;
    /** The first replica, when there are several. */
    homeActivities: ServiceProcess;
    notifications: ServiceProcess;
  };
  /** Every instance of each microservice (one each unless `replicas` was given). */
  replicas: { homeActivities: ServiceProcess[]; notifications: ServiceProcess[] };
  /** The variables every service was started with (ports and the caller's `env`). */
  env: Record<string, string>;
  /**
   * SIGTERM to every service still running, the gateway first: requests it is still handling can
   * finish against services that are still up. Waits for them all to exit.
   */
  stop(): Promise<void>;
}

/** How the mesh is laid out. */
export interface MeshOptions {
  /**
   * Instances of each microservice. More than one needs MICROSERVICE_TRANSPORT=nats in `env`
   * (and NATS_SERVERS): over TCP each service has one port. @default 1
   */
  replicas?: number;
}

/**
 * Starts home-activities, notifications and then the gateway from dist/, on free ports (over
 * NATS, `replicas` instances of each microservice, all in the service's queue group).
 */
export async function startMesh(
  env: Record<string, string> = {},
  options: MeshOptions = {},
): Promise<RunningMesh> {
  const replicas = options.replicas ?? 1;
  if (replicas > 1 && env.MICROSERVICE_TRANSPORT !== 'nats') {
    throw new Error(
      'replicas > 1 needs MICROSERVICE_TRANSPORT=nats: over TCP a service has one port',
    );
  }
  const ports = {
    gateway: await freePort(),
    homeActivities: await freePort(),
    notifications: await freePort(),
  };
  const meshEnv: Record<string, string> = {
    GATEWAY_PORT: String(ports.gateway),
    GATEWAY_HOST: '127.0.0.1',
    HOME_ACTIVITIES_HOST: '127.0.0.1',
    HOME_ACTIVITIES_PORT: String(ports.homeActivities),
    NOTIFICATIONS_HOST: '127.0.0.1',
    NOTIFICATIONS_PORT: String(ports.notifications),
    ...env,
  };
  const started: ServiceProcess[] = [];
  const start = async (name: string, entry: string) => {
    const service = await ServiceProcess.start({ name, entry, env: meshEnv });
    started.push(service);
    return service;
  };
  try {
    const instances = (name: string) =>
      Array.from({ length: replicas }, (_, i) =>
        start(replicas > 1 ? `${name}-${i + 1}` : name, `dist/apps/${name}/main.js`),
      );
    const [homeActivities, notifications] = await Promise.all([
      Promise.all(instances('home-activities')),
      Promise.all(instances('notifications')),
    ]);
    const gateway = await start('gateway', 'dist/apps/gateway/main.js');
    return {
      gatewayUrl: `http://127.0.0.1:${ports.gateway}`,
      ports,
      services: { gateway, homeActivities: homeActivities[0], notifications: notifications[0] },
      replicas: { homeActivities, notifications },
      env: meshEnv,
      stop: async () => {
        await gateway.stop();
        await Promise.all(started.map((service) => service.stop()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((service) => service.stop('SIGKILL')));
    throw error;
  }
}
