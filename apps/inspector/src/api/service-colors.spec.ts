import { ServiceColors, paletteIndexOf } from './service-colors';

describe('service colours', () => {
  it('give a service the same colour whatever was shown before it (so across runs)', () => {
    const first = new ServiceColors();
    const second = new ServiceColors();
    // Different orders of first sight: before, the colour was handed out by arrival order.
    first.colorsOf(['notifications', 'zebra', 'aardvark']);
    expect(second.colorOf('gateway')).toBe(first.colorOf('gateway'));
    expect(new ServiceColors().colorsOf(['gateway']).gateway).toBe(
      new ServiceColors().colorsOf(['notifications', 'home-activities', 'gateway']).gateway,
    );
    // Pinned: a change of hash or palette is a change users see.
    expect(paletteIndexOf('gateway', 10)).toBe(7);
    expect(first.colorOf('gateway')).toBe('#4e79a7');
  });

  it('keep the mesh services apart', () => {
    const colors = new ServiceColors().colorsOf([
      'gateway',
      'home-activities',
      'notifications',
      'cruddur-frontend',
    ]);
    expect(new Set(Object.values(colors)).size).toBe(4);
  });
});
