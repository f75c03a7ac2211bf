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
 * One colour per service, handed out in the order services are first shown and then kept, so a
 * service has the same colour on every page for the inspector's lifetime.
 */
export class ServiceColors {
  private readonly assigned = new Map<string, string>();

  colorOf(service: string): string {
    let color = this.assigned.get(service);
    if (!color) {
      color = PALETTE[this.assigned.size % PALETTE.length];
      this.assigned.set(service, color);
    }
    return color;
  }

  /** The colours of `services`, as a JSON-friendly map. */
  colorsOf(services: Iterable<string>): Record<string, string> {
    const colors: Record<string, string> = {};
    for (const service of [...services].sort()) colors[service] = this.colorOf(service);
    return colors;
  }
}
