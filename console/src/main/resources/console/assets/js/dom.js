// Building the page from data without ever parsing text as HTML: every value is set as text or as an attribute, so
// nothing a customer record holds can run as script (the Content-Security-Policy forbids inline script as well).

/** An element: h('a', {href: '/x', class: 'btn', onclick: fn}, 'text', otherElement, [more]). */
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name.startsWith('on') && typeof value === 'function') {
            element.addEventListener(name.slice(2), value);
        } else if (name === 'value' || name === 'checked' || name === 'selected' || name === 'indeterminate') {
            element[name] = value;
        } else if (name === 'dataset') {
            Object.assign(element.dataset, value);
        } else {
            element.setAttribute(name, value === true ? '' : String(value));
        }
    }
    append(element, children);
    return element;
}

function append(element, children) {
    for (const child of children) {
        if (child === undefined || child === null || child === false) {
            continue;
        }
        if (Array.isArray(child)) {
            append(element, child);
        } else {
            element.append(child instanceof Node ? child : document.createTextNode(String(child)));
        }
    }
}

/** Replaces an element's content. */
export function replace(element, ...children) {
    element.replaceChildren();
    append(element, children);
    return element;
}

let ids = 0;

/** A unique id for label/aria references. */
export function uid(prefix) {
    ids += 1;
    return `${prefix}-${ids}`;
}
