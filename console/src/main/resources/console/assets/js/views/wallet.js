import {h, replace} from '../dom.js';
import {field, onSubmit, textOf, valueOf} from '../forms.js';
import {render} from '../router.js';
import {can} from '../session.js';
import {formatTime, isoFromLocal, pager, table, toast} from '../ui.js';
import * as resources from '../resources.js';
import {balanceChart} from './balance-chart.js';

const CREDIT_REASONS = ['promotional', 'goodwill', 'refund', 'prepayment', 'credit_note', 'migration', 'correction',
    'other'];
const DEBIT_REASONS = ['invoice_settlement', 'manual_deduction', 'correction', 'other'];
const WALLET_CONFLICTS = {insufficient_funds: 'amount', balance_limit_exceeded: 'amount', version_conflict: 'amount',
    currency_mismatch: 'to_wallet_id', wallet_not_found: 'to_wallet_id', customer_archived: 'amount'};

/**
 * Adjusting a wallet: each is a form of its own, opened one at a time. Holds (and capture, release) join this list
 * when they land.
 */
const ADJUSTMENTS = [
    {id: 'credit', label: 'Add credit', form: creditForm},
    {id: 'debit', label: 'Deduct', form: debitForm},
    {id: 'transfer', label: 'Transfer', form: transferForm},
];

/**
 * A wallet: its balance, the adjustments a writer may make, the balance over time and the ledger with its filters.
 * Grants and holds, once they land, are further sections below the ledger.
 */
export async function walletScreen(main, [walletId], query) {
    const wallet = await resources.wallets.get(walletId);
    const customer = await resources.customers.get(wallet.customer_id);
    const reload = () => walletScreen(main, [walletId], new URLSearchParams(location.search));
    const panel = h('div', {class: 'adjust-panel'});
    const buttons = can('write') ? ADJUSTMENTS.map((adjustment) => h('button', {type: 'button', class: 'btn',
        'aria-controls': 'adjust-panel', onclick: () => {
            replace(panel, adjustment.form(wallet, reload, () => replace(panel)));
            panel.querySelector('input, select')?.focus();
        }}, adjustment.label)) : [];
    panel.id = 'adjust-panel';
    const chart = h('figure', {class: 'chart'});
    const ledger = h('div', {});
    render(main,
        h('p', {class: 'breadcrumb'}, h('a', {href: '/console/customers'}, 'Customers'), ' / ',
            h('a', {href: `/console/customers/${encodeURIComponent(customer.id)}/wallets`}, customer.customer_name),
            ' / ', `${wallet.currency} wallet`),
        h('div', {class: 'page-head'}, h('h1', {}, `${wallet.currency} wallet`),
            buttons.length ? h('div', {class: 'page-actions'}, buttons) : null),
        h('p', {class: 'balance'}, h('span', {class: 'label'}, 'Balance '),
            h('strong', {class: 'amount', id: 'wallet-balance'}, `${wallet.balance} ${wallet.currency}`),
            h('span', {class: 'hint'}, ` · version ${wallet.version} · `, h('code', {}, wallet.id))),
        panel,
        h('section', {'aria-labelledby': 'chart-title', class: 'section'},
            h('h2', {id: 'chart-title'}, 'Balance over time'), chart),
        h('section', {'aria-labelledby': 'ledger-title', class: 'section'},
            h('h2', {id: 'ledger-title'}, 'Transactions'), transactionFilters(query), ledger));
    await Promise.all([balanceChart(chart, wallet), transactions(ledger, wallet, query)]);
}

function reasonOptions(reasons) {
    return [['', 'Choose…'], ...reasons.map((reason) => [reason, reason.replace(/_/g, ' ')])];
}

/** Common parts of every adjustment: the amount first, then what the ledger entry says about itself. */
function entryFields() {
    return [
        field({name: 'description', label: 'Description'}),
        field({name: 'reference', label: 'Reference'}),
        field({name: 'metadata', label: 'Metadata', type: 'textarea', rows: 2,
            hint: 'One key=value per line (at most 20).'}),
    ];
}

function entryBody(form) {
    const metadata = {};
    for (const line of (valueOf(form, 'metadata') || '').split('\n')) {
        const at = line.indexOf('=');
        if (line.trim()) {
            metadata[at < 0 ? line.trim() : line.slice(0, at).trim()] = at < 0 ? '' : line.slice(at + 1).trim();
        }
    }
    return {amount: textOf(form, 'amount'), description: textOf(form, 'description'),
        reference: textOf(form, 'reference'), metadata: Object.keys(metadata).length ? metadata : undefined};
}

function adjustmentForm(title, wallet, fields, submitLabel, send, close, reload) {
    const form = h('form', {class: 'card', novalidate: true, 'aria-label': title}, h('h2', {}, title),
        h('div', {class: 'grid'}, field({name: 'amount', label: `Amount (${wallet.currency})`, inputmode: 'decimal',
            required: true, hint: 'A decimal number, e.g. 125.50'}), fields, entryFields()),
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'btn primary'}, submitLabel),
            h('button', {type: 'button', class: 'btn', onclick: close}, 'Cancel')));
    return onSubmit(form, () => send(form), () => {
        toast(`${title}: done`);
        reload();
    }, {conflicts: WALLET_CONFLICTS, aliases: {expected_version: 'amount'}});
}

function creditForm(wallet, reload, close) {
    return adjustmentForm('Add credit', wallet,
        [field({name: 'reason', label: 'Reason', type: 'select', options: reasonOptions(CREDIT_REASONS)})],
        'Add credit', (form) => resources.wallets.credit(wallet.id, {...entryBody(form),
            reason: textOf(form, 'reason'), expected_version: wallet.version}), close, reload);
}

function debitForm(wallet, reload, close) {
    return adjustmentForm('Deduct', wallet, [
        field({name: 'reason', label: 'Reason', type: 'select', options: reasonOptions(DEBIT_REASONS)}),
        field({name: 'invoice_id', label: 'Invoice ID', hint: 'Required to settle an invoice.'}),
    ], 'Deduct', (form) => resources.wallets.debit(wallet.id, {...entryBody(form), reason: textOf(form, 'reason'),
        invoice_id: textOf(form, 'invoice_id'), expected_version: wallet.version}), close, reload);
}

function transferForm(wallet, reload, close) {
    return adjustmentForm('Transfer', wallet, [
        field({name: 'to_wallet_id', label: 'To wallet ID', hint: `Another ${wallet.currency} wallet (wal_…), e.g. `
                + 'of the parent customer.'}),
    ], 'Transfer', (form) => resources.wallets.transfer(wallet.id, {...entryBody(form),
        to_wallet_id: textOf(form, 'to_wallet_id')}), close, reload);
}

function transactionFilters(query) {
    const form = h('form', {class: 'filters-inline', 'aria-label': 'Filter transactions'},
        field({name: 'type', label: 'Type', type: 'select', value: query.get('type') || '',
            options: [['', 'Any'], ['credit', 'Credit'], ['debit', 'Debit']]}),
        field({name: 'reason', label: 'Reason', value: query.get('reason') || ''}),
        field({name: 'from', label: 'From', type: 'datetime-local', value: ''}),
        field({name: 'to', label: 'To', type: 'datetime-local', value: ''}),
        h('button', {type: 'submit', class: 'btn'}, 'Filter'));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const next = new URLSearchParams();
        for (const name of ['type', 'reason']) {
            if (form.elements[name].value.trim()) {
                next.set(name, form.elements[name].value.trim());
            }
        }
        for (const name of ['from', 'to']) {
            const iso = isoFromLocal(form.elements[name].value);
            if (iso) {
                next.set(name, iso);
            }
        }
        history.replaceState(null, '', `${location.pathname}${next.toString() ? `?${next}` : ''}`);
        window.dispatchEvent(new PopStateEvent('popstate'));
    });
    return form;
}

/** The ledger, newest first, in pages, with the filters of the address. */
async function transactions(holder, wallet, query) {
    const trail = [];
    const columns = [
        {label: 'When', cell: (t) => formatTime(t.occurred_at)},
        {label: 'Type', cell: (t) => h('span', {class: `badge ${t.type}`}, t.type)},
        {label: 'Amount', cell: (t) => h('span', {class: 'amount'}, `${t.type === 'debit' ? '−' : '+'}${t.amount}`)},
        {label: 'Reason', cell: (t) => t.reason},
        {label: 'Balance after', cell: (t) => h('span', {class: 'amount'}, t.balance_after)},
        {label: 'Description', cell: (t) => t.description || t.invoice_id || '—'},
        {label: 'By', cell: (t) => t.actor?.name || '—'},
    ];
    const load = async (cursor) => {
        const page = await resources.wallets.transactions(wallet.id, {type: query.get('type'),
            reason: query.get('reason'), from: query.get('from'), to: query.get('to'), limit: 20,
            starting_after: cursor});
        replace(holder, table('Transactions', columns, page.data,
            {empty: 'No transactions.', className: 'transactions'}),
        page.has_more || trail.length ? pager('Transaction pages', page, trail, load) : null);
    };
    await load(undefined);
}
