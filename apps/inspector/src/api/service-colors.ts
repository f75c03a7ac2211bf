/**
 * Colour-blind-friendly palette (Tableau 10), distinct on a dark or light page. Its order is
 * chosen so the mesh's own services, by their names' hashes, get the most distinct colours:
 * gateway blue (7), home-activities orange (6), notifications green (3), cruddur-frontend teal (9).
 */
const PALETTE = [
  '#b07aa1',
  '#edc948',
  '#ff9da7',
  '#59a14f',
  '#9c755f',
  '#bab0ac',
  '#f28e2b',
  '#4e79a7',
  '#e15759',
  '#76b7b2',
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
