/** A group's count over time, as small bars. */
import { s } from '../lib/dom.js';
import { plural } from '../lib/format.js';

/** The SVG for a series of {count}. */
export function sparkline(series, color = '#4e79a7') {
  const width = 160;
  const height = 28;
  const max = Math.max(1, ...series.map((point) => point.count));
  const barWidth = width / Math.max(1, series.length);
  return s(
    'svg',
    { class: 'sparkline', viewBox: `0 0 ${width} ${height}`, width, height },
    series.map((point, index) =>
      point.count
        ? s(
            'rect',
            {
              x: index * barWidth,
              y: height - (point.count / max) * height,
              width: Math.max(1, barWidth - 1),
              height: (point.count / max) * height,
              fill: color,
            },
            s('title', {}, plural(point.count, 'span')),
          )
        : null,
    ),
  );
}
