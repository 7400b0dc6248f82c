import {h, replace} from '../dom.js';
import {field} from '../forms.js';
import {navigate, render} from '../router.js';
import {can} from '../session.js';
import {formatTime, isoFromLocal, pager, table} from '../ui.js';
import * as resources from '../resources.js';

const FILTERS = ['q', 'email', 'external_id', 'country', 'business_entity_id', 'parent_customer_id', 'tax_exempt',
    'include_archived', 'created_after', 'created_before'];
const COLUMNS = [
    {label: 'Name', cell: (c) => h('a', {href: `/console/customers/${encodeURIComponent(c.id)}`}, c.customer_name)},
    {label: 'Email', cell: (c) => c.email || '—'},
    {label: 'Customer ID', cell: (c) => c.external_id || '—'},
    {label: 'Country', cell: (c) => c.address?.country || '—'},
    {label: 'Created', cell: (c) => formatTime(c.created_at)},
    {label: 'Status', cell: (c) => c.archived ? h('span', {class: 'badge muted'}, 'Archived')
            : h('span', {class: 'badge ok'}, 'Active')},
];

/**
 * The customers: search, filters and pages, newest first. The filters live in the address, so a filtered list can be
 * bookmarked and the back button restores it. No total is counted: the first page of a million customers is one
 * index range (customer_view_list), a count would read them all.
 */
export async function customerListScreen(main, params, query) {
    const started = performance.now();
    const filters = Object.fromEntries(FILTERS.map((name) => [name, query.get(name) || '']));
    const customData = [...query.entries()].filter(([name]) => name.startsWith('custom_data.'));
    const results = h('div', {class: 'results', 'aria-live': 'polite'});
    const trail = [];

    const load = async (cursor) => {
        const apiQuery = {...filters, limit: 20, starting_after: cursor};
        for (const [name, value] of customData) {
            apiQuery[name] = value;
        }
        const page = await resources.customers.list(apiQuery);
        replace(results, table('Customers', COLUMNS, page.data, {empty: 'No customers match.', className: 'customers'}),
            pager('Customer pages', page, trail, load));
        main.dataset.renderMs = String(Math.round(performance.now() - started));
    };

    const search = h('form', {class: 'search', role: 'search'},
        field({name: 'q', label: 'Search by name, email or customer ID', type: 'search', value: filters.q}),
        h('details', {class: 'filters', open: FILTERS.slice(1).some((name) => filters[name]) || customData.length > 0},
            h('summary', {}, 'Filters'),
            h('div', {class: 'grid'},
                field({name: 'email', label: 'Email', type: 'email', value: filters.email}),
                field({name: 'external_id', label: 'Customer ID', value: filters.external_id}),
                field({name: 'country', label: 'Country', value: filters.country, hint: 'ISO code, e.g. US or FRA'}),
                field({name: 'business_entity_id', label: 'Business entity', value: filters.business_entity_id}),
                field({name: 'parent_customer_id', label: 'Parent customer ID', value: filters.parent_customer_id}),
                field({name: 'tax_exempt', label: 'Tax exempt', type: 'select', value: filters.tax_exempt,
                    options: [['', 'Any'], ['true', 'Exempt'], ['false', 'Not exempt']]}),
                field({name: 'created_after', label: 'Created after', type: 'datetime-local',
                    value: localValue(filters.created_after)}),
                field({name: 'created_before', label: 'Created before', type: 'datetime-local',
                    value: localValue(filters.created_before)}),
                field({name: 'custom_data_key', label: 'Custom data key', value: customData[0]?.[0].slice(12) || ''}),
                field({name: 'custom_data_value', label: 'Custom data value', value: customData[0]?.[1] || ''}),
                field({name: 'include_archived', label: 'Include archived customers', type: 'checkbox',
                    value: filters.include_archived === 'true'}))),
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'btn primary'}, 'Search'),
            h('a', {href: '/console/customers', class: 'btn'}, 'Clear')));
    search.addEventListener('submit', (event) => {
        event.preventDefault();
        const next = new URLSearchParams();
        for (const name of FILTERS) {
            const control = search.elements[name];
            let value = control.type === 'checkbox' ? (control.checked ? 'true' : '') : control.value.trim();
            if (control.type === 'datetime-local') {
                value = isoFromLocal(value) || '';
            }
            if (value) {
                next.set(name, value);
            }
        }
        const key = search.elements.custom_data_key.value.trim();
        if (key) {
            next.set(`custom_data.${key}`, search.elements.custom_data_value.value.trim());
        }
        navigate(`/console/customers${next.toString() ? `?${next}` : ''}`);
    });

    const actions = can('write') ? h('div', {class: 'page-actions'},
        h('a', {href: '/console/customers/new', class: 'btn primary'}, '+ Add customer'),
        h('a', {href: '/console/imports', class: 'btn'}, 'Upload CSV')) : null;
    render(main, h('div', {class: 'page-head'}, h('h1', {}, 'Customers'), actions), search, results);
    try {
        await load(undefined);
    } catch (error) {
        replace(results, h('p', {class: 'error-text', role: 'alert'}, error.message));
    }
}

/** An ISO instant as a datetime-local input's value (local time, minutes). */
function localValue(iso) {
    if (!iso) {
        return '';
    }
    const date = new Date(iso);
    return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
