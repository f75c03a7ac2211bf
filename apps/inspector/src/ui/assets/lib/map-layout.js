/**
 * The service map's layout: a service's column is its longest call path from a service nobody
 * calls; services of one column stack vertically, centred.
 */

/** Positions ({x, y} of each node's top-left corner) and the drawing's size. */
export function layoutMap(
  nodes,
  edges,
  box = { nodeWidth: 210, nodeHeight: 78, columnGap: 230, rowGap: 40 },
) {
  const level = new Map(nodes.map((node) => [node.service, 0]));
  for (let pass = 0; pass < nodes.length; pass++) {
    for (const edge of edges) {
      if (edge.from === edge.to || !level.has(edge.from) || !level.has(edge.to)) continue;
      if (level.get(edge.to) <= level.get(edge.from)) {
        level.set(edge.to, Math.min(nodes.length, level.get(edge.from) + 1));
      }
    }
  }
  const columns = new Map();
  for (const node of nodes) {
    const column = level.get(node.service);
    if (!columns.has(column)) columns.set(column, []);
    columns.get(column).push(node.service);
  }
  const { nodeWidth, nodeHeight, columnGap, rowGap } = box;
  const ordered = [...columns.keys()].sort((a, b) => a - b);
  const tallest = Math.max(1, ...[...columns.values()].map((list) => list.length));
  const width = ordered.length * nodeWidth + Math.max(0, ordered.length - 1) * columnGap + 40;
  const height = tallest * nodeHeight + (tallest - 1) * rowGap + 60;
  const positions = new Map();
  ordered.forEach((column, index) => {
    const services = columns.get(column);
    const offset = (height - (services.length * nodeHeight + (services.length - 1) * rowGap)) / 2;
    services.forEach((service, row) => {
      positions.set(service, {
        x: 20 + index * (nodeWidth + columnGap),
        y: offset + row * (nodeHeight + rowGap),
      });
    });
  });
  return { positions, width, height, ...box };
}
