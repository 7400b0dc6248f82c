import {h, replace} from '../dom.js';
import {formatTime, pager, table} from '../ui.js';
import * as resources from '../resources.js';

/** The customer's direct children, newest first. */
export async function childrenSection(customer) {
    const holder = h('div', {});
    const trail = [];
    const load = async (cursor) => {
        const page = await resources.customers.children(customer.id, {limit: 20, starting_after: cursor,
            include_archived: 'true'});
        replace(holder, table('Child customers', [
            {label: 'Name', cell: (c) => h('a', {href: `/console/customers/${encodeURIComponent(c.id)}`},
                c.customer_name)},
            {label: 'Email', cell: (c) => c.email || '—'},
            {label: 'Customer ID', cell: (c) => c.external_id || '—'},
            {label: 'Status', cell: (c) => c.archived ? 'Archived' : 'Active'},
        ], page.data, {empty: 'This customer has no child customers.'}),
        page.has_more || trail.length ? pager('Child customer pages', page, trail, load) : null);
    };
    await load(undefined);
    return h('div', {},
        h('p', {class: 'hint'}, 'A customer becomes a child by naming this one as its parent (Edit → Parent customer ID).'),
        holder);
}

/** Every change to the customer, newest first, with who made it and each field's old and new value. */
export async function historySection(customer) {
    const holder = h('div', {});
    const trail = [];
    const value = (json) => json === null || json === undefined ? '—'
        : typeof json !== 'object' ? String(json)
            : Array.isArray(json) ? json.map(value).join(', ') || '—'
                : Object.entries(json).filter(([, v]) => v !== null && v !== undefined)
                    .map(([k, v]) => `${k}: ${value(v)}`).join('; ') || '—';
    const load = async (cursor) => {
        const page = await resources.customers.history(customer.id, {limit: 20, starting_after: cursor});
        replace(holder, page.data.length ? h('ol', {class: 'history'}, page.data.map((entry) => h('li', {},
            h('p', {class: 'history-head'}, h('strong', {}, entry.change), ' · ', formatTime(entry.occurred_at),
                ' · by ', entry.actor?.name || entry.actor?.id || 'unknown'),
            entry.fields.length ? h('table', {class: 'data changes'},
                h('caption', {class: 'visually-hidden'}, `Fields changed by ${entry.change}`),
                h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Field'), h('th', {scope: 'col'}, 'Before'),
                    h('th', {scope: 'col'}, 'After'))),
                h('tbody', {}, entry.fields.map((change) => h('tr', {},
                    h('td', {'data-label': 'Field'}, change.field),
                    h('td', {'data-label': 'Before'}, value(change.old_value)),
                    h('td', {'data-label': 'After'}, value(change.new_value)))))) : null)))
            : h('p', {class: 'empty'}, 'No changes recorded.'),
        page.has_more || trail.length ? pager('History pages', page, trail, load) : null);
    };
    await load(undefined);
    return holder;
}
