import {h, replace} from '../dom.js';
import {field} from '../forms.js';
import {navigate, render} from '../router.js';
import {formatTime, isoFromLocal, pager, table} from '../ui.js';
import {saveBlob} from '../api.js';
import * as resources from '../resources.js';

const FILTERS = [['from', 'From', 'datetime-local'], ['to', 'To', 'datetime-local'], ['actor', 'Actor (API key ID)'],
    ['customer_id', 'Customer ID (cus_…)'], ['wallet_id', 'Wallet ID (wal_…)'], ['reason', 'Reason']];

/** Every wallet adjustment of the organization, newest first, with its filters, and the same as a CSV download. */
export async function auditScreen(main, params, query) {
    const filters = Object.fromEntries(FILTERS.map(([name]) => [name, query.get(name) || undefined]));
    const results = h('div', {'aria-live': 'polite'});
    const trail = [];
    const form = h('form', {class: 'filters-inline', 'aria-label': 'Filter the audit trail'},
        FILTERS.map(([name, label, type]) => field({name, label, type: type || 'text',
            value: type ? '' : filters[name] || ''})),
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'btn primary'}, 'Filter'),
            h('button', {type: 'button', class: 'btn', id: 'download-csv', onclick: async (event) => {
                event.target.disabled = true;
                try {
                    saveBlob(await resources.audit.csv(filters), 'wallet-adjustments.csv');
                } finally {
                    event.target.disabled = false;
                }
            }}, 'Download CSV')));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const next = new URLSearchParams();
        for (const [name, , type] of FILTERS) {
            const raw = form.elements[name].value.trim();
            const value = type ? isoFromLocal(raw) : raw;
            if (value) {
                next.set(name, value);
            }
        }
        navigate(`/console/audit${next.toString() ? `?${next}` : ''}`);
    });
    const columns = [
        {label: 'When', cell: (t) => formatTime(t.occurred_at)},
        {label: 'Customer', cell: (t) => h('a', {href: `/console/customers/${encodeURIComponent(t.customer_id)}`},
            t.customer_id)},
        {label: 'Wallet', cell: (t) => h('a', {href: `/console/wallets/${encodeURIComponent(t.wallet_id)}`},
            t.currency)},
        {label: 'Type', cell: (t) => h('span', {class: `badge ${t.type}`}, t.type)},
        {label: 'Amount', cell: (t) => h('span', {class: 'amount'}, `${t.amount} ${t.currency}`)},
        {label: 'Reason', cell: (t) => t.reason},
        {label: 'Balance after', cell: (t) => h('span', {class: 'amount'}, t.balance_after)},
        {label: 'By', cell: (t) => t.actor?.name || t.actor?.id || '—'},
    ];
    const load = async (cursor) => {
        const page = await resources.audit.list({...filters, limit: 20, starting_after: cursor});
        replace(results, table('Wallet adjustments', columns, page.data,
            {empty: 'No adjustments match.', className: 'audit'}),
        page.has_more || trail.length ? pager('Audit pages', page, trail, load) : null);
    };
    render(main, h('h1', {}, 'Audit trail'),
        h('p', {class: 'hint'}, 'Every credit, debit and transfer, with who made it.'), form, results);
    await load(undefined);
}
