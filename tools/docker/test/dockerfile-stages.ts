import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The workspace root, where the Dockerfile's COPY paths and CMDs are relative to. */
export const WORKSPACE_ROOT = join(__dirname, '..', '..', '..');

/** One `FROM ... AS name` stage of a Dockerfile, its instructions in order. */
export interface DockerfileStage {
  name: string;
  /** The image or stage it starts from, ARGs left as written (`${NODE_IMAGE}`). */
  from: string;
  instructions: Array<{ keyword: string; args: string }>;
}

/** The apps, each a final target of the Dockerfile and a service of docker-compose.yml. */
export const APP_TARGETS = [
  'gateway',
  'home-activities',
  'notifications',
  'inspector',
  'frontend',
] as const;

/** Reads the stages of the root Dockerfile (comments dropped, continuation lines joined). */
export function readDockerfile(path = join(WORKSPACE_ROOT, 'Dockerfile')): {
  args: Record<string, string>;
  stages: DockerfileStage[];
} {
  const lines = readFileSync(path, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: DockerfileStage[] = [];
  for (const line of lines) {
    const [keyword, ...rest] = line.split(/\s+/);
    const argsText = rest.join(' ');
    if (keyword === 'FROM') {
      const match = /^(\S+)\s+AS\s+(\S+)$/i.exec(argsText);
      if (!match) throw new Error(`a stage without a name: ${line}`);
      stages.push({ from: match[1], name: match[2], instructions: [] });
    } else if (stages.length === 0 && keyword === 'ARG') {
      const [name, value] = argsText.split('=');
      args[name] = value;
    } else {
      stages.at(-1)?.instructions.push({ keyword, args: argsText });
    }
  }
  return { args, stages };
}

/** The exec-form JSON array of an instruction (CMD, HEALTHCHECK ... CMD); throws on shell form. */
export function execForm(args: string): string[] {
  const json = args.slice(args.indexOf('['));
  const parsed = JSON.parse(json) as unknown;
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) {
    throw new Error(`not an exec-form command: ${args}`);
  }
  return parsed as string[];
}

/** A stage's own instructions and those of the stages it is built on, base first. */
export function instructionsOf(
  stages: DockerfileStage[],
  name: string,
): Array<{ keyword: string; args: string }> {
  const stage = stages.find((candidate) => candidate.name === name);
  if (!stage) throw new Error(`no stage ${name}`);
  const base = stages.some((candidate) => candidate.name === stage.from)
    ? instructionsOf(stages, stage.from)
    : [];
  return [...base, ...stage.instructions];
}

/** The CMD a target's container runs (its last CMD, inherited or not). */
export function commandOf(stages: DockerfileStage[], target: string): string[] {
  const cmd = instructionsOf(stages, target)
    .filter((instruction) => instruction.keyword === 'CMD')
    .at(-1);
  if (!cmd) throw new Error(`target ${target} has no CMD`);
  return execForm(cmd.args);
}
