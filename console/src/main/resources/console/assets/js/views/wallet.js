import {h, replace} from '../dom.js';
import {field, onSubmit, textOf, valueOf} from '../forms.js';
import {render} from '../router.js';
import {can} from '../session.js';
import {confirmAction, formatTime, isoFromLocal, pager, table, toast} from '../ui.js';
import * as resources from '../resources.js';
import {balanceChart} from './balance-chart.js';

const CREDIT_REASONS = ['promotional', 'goodwill', 'refund', 'prepayment', 'credit_note', 'migration', 'correction',
    'other'];
const DEBIT_REASONS = ['invoice_settlement', 'manual_deduction', 'correction', 'other'];
const WALLET_CONFLICTS = {insufficient_funds: 'amount', balance_limit_exceeded: 'amount', version_conflict: 'amount',
    currency_mismatch: 'to_wallet_id', wallet_not_found: 'to_wallet_id', customer_archived: 'amount',
    hold_not_active: 'amount'};
const HOLD_STATUSES = ['active', 'captured', 'released', 'expired'];
const GRANT_STATUSES = ['active', 'consumed', 'expired'];

/** Adjusting a wallet: each is a form of its own, opened one at a time (a hold's capture opens in the same place). */
const ADJUSTMENTS = [
    {id: 'credit', label: 'Add credit', form: creditForm},
    {id: 'debit', label: 'Deduct', form: debitForm},
    {id: 'transfer', label: 'Transfer', form: transferForm},
    {id: 'hold', label: 'Place hold', form: holdForm},
];

/**
 * A wallet: its balance (held and available), the adjustments a writer may make, the balance over time, the ledger
 * with its filters, and the holds and grants, each with a status filter.
 */
export async function walletScreen(main, [walletId], query) {
    const wallet = await resources.wallets.get(walletId);
    const customer = await resources.customers.get(wallet.customer_id);
    const reload = () => walletScreen(main, [walletId], new URLSearchParams(location.search));
    const panel = h('div', {class: 'adjust-panel'});
    const open = (form) => {
        replace(panel, form);
        panel.querySelector('input, select')?.focus();
    };
    const close = () => replace(panel);
    const buttons = can('write') ? ADJUSTMENTS.map((adjustment) => h('button', {type: 'button', class: 'btn',
        'aria-controls': 'adjust-panel', onclick: () => open(adjustment.form(wallet, reload, close))},
    adjustment.label)) : [];
    panel.id = 'adjust-panel';
    const chart = h('figure', {class: 'chart'});
    const ledger = h('div', {});
    const holdList = h('div', {});
    const grantList = h('div', {});
    render(main,
        h('p', {class: 'breadcrumb'}, h('a', {href: '/console/customers'}, 'Customers'), ' / ',
            h('a', {href: `/console/customers/${encodeURIComponent(customer.id)}/wallets`}, customer.customer_name),
            ' / ', `${wallet.currency} wallet`),
        h('div', {class: 'page-head'}, h('h1', {}, `${wallet.currency} wallet`),
            buttons.length ? h('div', {class: 'page-actions'}, buttons) : null),
        h('p', {class: 'balance'}, h('span', {class: 'label'}, 'Balance '),
            h('strong', {class: 'amount', id: 'wallet-balance'}, `${wallet.balance} ${wallet.currency}`),
            h('span', {class: 'label'}, ' · Held '),
            h('strong', {class: 'amount', id: 'wallet-held'}, `${wallet.held} ${wallet.currency}`),
            h('span', {class: 'label'}, ' · Available '),
            h('strong', {class: 'amount', id: 'wallet-available'}, `${wallet.available} ${wallet.currency}`),
            h('span', {class: 'hint'}, ` · version ${wallet.version} · `, h('code', {}, wallet.id))),
        panel,
        h('section', {'aria-labelledby': 'chart-title', class: 'section'},
            h('h2', {id: 'chart-title'}, 'Balance over time'), chart),
        h('section', {'aria-labelledby': 'ledger-title', class: 'section'},
            h('h2', {id: 'ledger-title'}, 'Transactions'), transactionFilters(query), ledger),
        h('section', {'aria-labelledby': 'holds-title', class: 'section'},
            h('h2', {id: 'holds-title'}, 'Holds'),
            statusFilter('Filter holds', HOLD_STATUSES, (status) => holds(holdList, wallet, status, open, close,
                reload)), holdList),
        h('section', {'aria-labelledby': 'grants-title', class: 'section'},
            h('h2', {id: 'grants-title'}, 'Grants'),
            h('p', {class: 'hint'}, 'Credit added with an expiry; debits take the soonest-expiring first.'),
            statusFilter('Filter grants', GRANT_STATUSES, (status) => grants(grantList, wallet, status)), grantList));
    await Promise.all([balanceChart(chart, wallet), transactions(ledger, wallet, query),
        holds(holdList, wallet, undefined, open, close, reload), grants(grantList, wallet, undefined)]);
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
    return adjustmentForm('Add credit', wallet, [
        field({name: 'reason', label: 'Reason', type: 'select', options: reasonOptions(CREDIT_REASONS)}),
        field({name: 'expires_at', label: 'Expires at', type: 'datetime-local',
            hint: 'Optional: what is left of the credit then expires (a grant).'}),
    ], 'Add credit', (form) => resources.wallets.credit(wallet.id, {...entryBody(form),
        reason: textOf(form, 'reason'), expires_at: isoFromLocal(valueOf(form, 'expires_at')),
        expected_version: wallet.version}), close, reload);
}

/** A hold reserves credit for a charge that is not final yet: held now, captured (debited) or released later. */
function holdForm(wallet, reload, close) {
    const form = h('form', {class: 'card', novalidate: true, 'aria-label': 'Place hold'}, h('h2', {}, 'Place hold'),
        h('div', {class: 'grid'},
            field({name: 'amount', label: `Amount (${wallet.currency})`, inputmode: 'decimal', required: true,
                hint: 'A decimal number, e.g. 125.50'}),
            field({name: 'reference', label: 'Reference'}),
            field({name: 'description', label: 'Description'}),
            field({name: 'expires_at', label: 'Expires at', type: 'datetime-local',
                hint: 'Optional: released by itself then (24 hours when empty).'})),
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'btn primary'}, 'Place hold'),
            h('button', {type: 'button', class: 'btn', onclick: close}, 'Cancel')));
    return onSubmit(form, () => resources.holds.create(wallet.id, {amount: textOf(form, 'amount'),
        reference: textOf(form, 'reference'), description: textOf(form, 'description'),
        expires_at: isoFromLocal(valueOf(form, 'expires_at')), expected_version: wallet.version}), () => {
        toast('Hold placed');
        reload();
    }, {conflicts: WALLET_CONFLICTS, aliases: {expected_version: 'amount'}});
}

/** Capturing debits the amount (all of the hold when empty) and releases the rest. */
function captureForm(hold, reload, close) {
    const form = h('form', {class: 'card', novalidate: true, 'aria-label': 'Capture hold'},
        h('h2', {}, `Capture hold ${hold.reference || hold.id}`),
        h('div', {class: 'grid'}, field({name: 'amount', label: `Amount (${hold.currency})`, inputmode: 'decimal',
            hint: `Up to ${hold.amount}; empty captures all of it. The rest is released.`})),
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'btn primary'}, 'Capture'),
            h('button', {type: 'button', class: 'btn', onclick: close}, 'Cancel')));
    return onSubmit(form, () => resources.holds.capture(hold.id, {amount: textOf(form, 'amount')}), () => {
        toast('Hold captured');
        reload();
    }, {conflicts: WALLET_CONFLICTS});
}

/** A status filter for a list shown in place: onChange(status or undefined) reloads the list. */
function statusFilter(label, statuses, onChange) {
    const form = h('form', {class: 'filters-inline', 'aria-label': label},
        field({name: 'status', label: 'Status', type: 'select',
            options: [['', 'Any'], ...statuses.map((status) => [status, status])]}),
        h('button', {type: 'submit', class: 'btn'}, 'Filter'));
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        onChange(form.elements.status.value || undefined);
    });
    return form;
}

/** The wallet's holds, newest first, in pages; a writer captures or releases an active one. */
async function holds(holder, wallet, status, open, close, reload) {
    const trail = [];
    const columns = [
        {label: 'Created', cell: (hold) => formatTime(hold.created_at)},
        {label: 'Status', cell: (hold) => h('span', {class: `badge ${hold.status}`}, hold.status)},
        {label: 'Amount', cell: (hold) => h('span', {class: 'amount'}, hold.amount)},
        {label: 'Captured', cell: (hold) => h('span', {class: 'amount'}, hold.captured_amount || '—')},
        {label: 'Reference', cell: (hold) => hold.reference || '—'},
        {label: 'Description', cell: (hold) => hold.description || '—'},
        {label: 'Expires', cell: (hold) => formatTime(hold.expires_at)},
    ];
    if (can('write')) {
        columns.push({label: 'Actions', cell: (hold) => hold.status !== 'active' ? '—' : h('div',
            {class: 'row-actions'},
            h('button', {type: 'button', class: 'btn small', 'aria-controls': 'adjust-panel',
                'aria-label': `Capture hold ${hold.reference || hold.id}`,
                onclick: () => open(captureForm(hold, reload, close))}, 'Capture'),
            h('button', {type: 'button', class: 'btn small danger',
                'aria-label': `Release hold ${hold.reference || hold.id}`, onclick: async () => {
                    if (await confirmAction(`Release hold ${hold.reference || hold.id}?`, `Its ${hold.amount} `
                        + `${hold.currency} become available again and nothing is debited.`, 'Release')) {
                        await resources.holds.release(hold.id);
                        toast('Hold released');
                        reload();
                    }
                }}, 'Release'))});
    }
    const load = async (cursor) => {
        const page = await resources.holds.ofWallet(wallet.id, {status, limit: 20, starting_after: cursor});
        replace(holder, table('Holds', columns, page.data, {empty: 'No holds.', className: 'holds'}),
            page.has_more || trail.length ? pager('Hold pages', page, trail, load) : null);
    };
    await load(undefined);
}

/** The wallet's grants (credit with an expiry) and what is left of each. */
async function grants(holder, wallet, status) {
    const trail = [];
    const columns = [
        {label: 'Created', cell: (grant) => formatTime(grant.created_at)},
        {label: 'Status', cell: (grant) => h('span', {class: `badge ${grant.status}`}, grant.status)},
        {label: 'Amount', cell: (grant) => h('span', {class: 'amount'}, grant.amount)},
        {label: 'Remaining', cell: (grant) => h('span', {class: 'amount'}, grant.remaining)},
        {label: 'Expires', cell: (grant) => grant.expires_at ? formatTime(grant.expires_at) : 'Never'},
    ];
    const load = async (cursor) => {
        const page = await resources.grants.ofWallet(wallet.id, {status, limit: 20, starting_after: cursor});
        replace(holder, table('Grants', columns, page.data, {empty: 'No grants.', className: 'grants'}),
            page.has_more || trail.length ? pager('Grant pages', page, trail, load) : null);
    };
    await load(undefined);
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
            options: [['', 'Any'], ['credit', 'Credit'], ['debit', 'Debit'], ['expiry', 'Expiry']]}),
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
        {label: 'Amount', cell: (t) => h('span', {class: 'amount'}, `${t.type === 'credit' ? '+' : '−'}${t.amount}`)},
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
