/** Colour-blind-friendly palette (Okabe-Ito, then Tableau), distinct on a dark or light page. */
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#ff9da7',
  '#9c755f',
  '#e15759',
  '#bab0ac',
];

/**
 * Where in a palette of `size` colours a service's colour is: FNV-1a of its name, so a service
 * has the same colour in every run, on every page and in the terminal, whatever else is running.
 */
export function paletteIndexOf(service: string, size: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < service.length; i++) {
    hash ^= service.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % size;
}

/**
 * One colour per service, chosen by its name alone ({@link paletteIndexOf}): the same in every run
 * and on every page. (Two names may hash alike; keeping each service's colour fixed matters more
 * to a reader comparing pages than never sharing one. The mesh's four services do not collide.)
 */
export class ServiceColors {
  colorOf(service: string): string {
    return PALETTE[paletteIndexOf(service, PALETTE.length)];
  }

  /** The colours of `services`, as a JSON-friendly map. */
  colorsOf(services: Iterable<string>): Record<string, string> {
    const colors: Record<string, string> = {};
    for (const service of [...services].sort()) colors[service] = this.colorOf(service);
    return colors;
  }
}
