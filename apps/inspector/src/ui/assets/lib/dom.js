/**
 * The UI's element builder: every value goes in as a property or a text node, never as HTML, since
 * span attributes and log lines are user data.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an element: h('div', {class: 'x', onclick: fn}, 'text', child). */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

/** The same for SVG elements. */
export function s(tag, props = {}, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

function applyProps(element, props) {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'style') {
      for (const [property, setting] of Object.entries(value)) {
        if (property.startsWith('--')) element.style.setProperty(property, setting);
        else element.style[property] = setting;
      }
    } else if (key === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * Replaces an element's children with `children`, flattened, skipping null/undefined/false (the
 * DOM's own replaceChildren would write them as the text "null").
 */
export function mount(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}
