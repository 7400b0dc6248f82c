// Small pieces every screen uses: formatting, messages, confirmations, tables that become cards on a phone, pagers.
import {h, replace, uid} from './dom.js';

export function formatTime(iso) {
    if (!iso) {
        return '';
    }
    const date = new Date(iso);
    return h('time', {datetime: iso, title: iso}, date.toLocaleString(undefined,
        {year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit'}));
}

export function money(amount, currency) {
    return `${amount} ${currency}`;
}

/** A passing message for screen readers and eyes (role=status). */
export function toast(message) {
    const element = document.getElementById('toast');
    replace(element, message);
    element.classList.add('shown');
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => element.classList.remove('shown'), 4000);
}

/** Asks before something that cannot be undone; answers true when confirmed. Keyboard: Esc cancels. */
export function confirmAction(title, text, confirmLabel) {
    return new Promise((resolve) => {
        const titleId = uid('dialog-title');
        const dialog = h('dialog', {class: 'dialog', 'aria-labelledby': titleId});
        const close = (answer) => {
            dialog.close();
            dialog.remove();
            resolve(answer);
        };
        dialog.append(h('h2', {id: titleId}, title), h('p', {}, text),
            h('div', {class: 'actions'},
                h('button', {type: 'button', class: 'btn', onclick: () => close(false)}, 'Cancel'),
                h('button', {type: 'button', class: 'btn danger', onclick: () => close(true)}, confirmLabel)));
        dialog.addEventListener('cancel', (event) => {
            event.preventDefault();
            close(false);
        });
        document.body.append(dialog);
        dialog.showModal();
    });
}

/**
 * A table of rows: columns [{label, cell: row => content}]. On a narrow screen each row shows as a card, each cell with
 * its column's label (data-label).
 */
export function table(caption, columns, rows, {empty = 'Nothing to show.', className = ''} = {}) {
    if (!rows.length) {
        return h('p', {class: 'empty'}, empty);
    }
    return h('div', {class: 'table-wrap'}, h('table', {class: `data ${className}`},
        h('caption', {class: 'visually-hidden'}, caption),
        h('thead', {}, h('tr', {}, columns.map((column) => h('th', {scope: 'col'}, column.label)))),
        h('tbody', {}, rows.map((row) => h('tr', {},
            columns.map((column) => h('td', {'data-label': column.label}, column.cell(row))))))));
}

/**
 * Cursor pagination as the API has it: next page by the last id; previous pages from the cursors seen on the way.
 * onPage(cursor) loads a page; cursor undefined is the first page.
 */
export function pager(label, page, trail, onPage) {
    const previous = trail.length > 0;
    return h('nav', {class: 'pager', 'aria-label': label},
        h('button', {type: 'button', class: 'btn', disabled: !previous, onclick: () => {
            trail.pop();
            onPage(trail[trail.length - 1]);
        }}, '← Previous'),
        h('button', {type: 'button', class: 'btn', disabled: !page.has_more, onclick: () => {
            trail.push(page.next_cursor);
            onPage(page.next_cursor);
        }}, 'Next →'));
}

/** A definition list of [term, value] pairs; empty values show as an em dash. */
export function details(pairs) {
    return h('dl', {class: 'details'}, pairs.map(([term, value]) => [h('dt', {}, term),
        h('dd', {}, value === null || value === undefined || value === '' ? '—' : value)]));
}

/** A progress bar screen readers can read (role=progressbar with its value). */
export function progressBar(label, fraction) {
    const percent = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
    const fill = h('div', {class: 'fill'});
    fill.style.width = `${percent}%`;
    return h('div', {class: 'progress', role: 'progressbar', 'aria-label': label, 'aria-valuemin': 0,
        'aria-valuemax': 100, 'aria-valuenow': percent, 'aria-valuetext': `${percent} %`}, fill,
        h('span', {class: 'progress-text'}, `${percent} %`));
}

/** A datetime-local input's value as an ISO-8601 instant (the API wants an offset), or undefined when empty. */
export function isoFromLocal(value) {
    return value ? new Date(value).toISOString() : undefined;
}
