import {h} from '../dom.js';
import {field, onSubmit, textOf} from '../forms.js';
import {navigate} from '../router.js';
import {can} from '../session.js';
import {formatTime, table, toast} from '../ui.js';
import * as resources from '../resources.js';

const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'INR', 'AUD', 'SGD', 'JPY', 'CAD', 'CHF', 'BHD'];

/** The customer's wallets, one per currency, and (for writers) a form to open one in another currency. */
export async function customerWalletsSection(customer) {
    const page = await resources.wallets.ofCustomer(customer.id);
    const create = can('write') && !customer.archived ? walletForm(customer) : null;
    return h('div', {},
        table('Wallets', [
            {label: 'Currency', cell: (w) => h('a', {href: `/console/wallets/${encodeURIComponent(w.id)}`},
                `${w.currency} wallet`)},
            {label: 'Balance', cell: (w) => h('span', {class: 'amount'}, `${w.balance} ${w.currency}`)},
            {label: 'Updated', cell: (w) => formatTime(w.updated_at)},
        ], page.data, {empty: 'No wallets yet.', className: 'wallets'}),
        create);
}

function walletForm(customer) {
    const form = h('form', {class: 'card inline-form', novalidate: true, 'aria-label': 'Add wallet'},
        h('h3', {}, 'Add a credit wallet'),
        field({name: 'currency', label: 'Currency', list: 'currency-codes', inputmode: 'text',
            hint: 'ISO 4217 code; one wallet per currency.'}),
        h('datalist', {id: 'currency-codes'}, COMMON_CURRENCIES.map((code) => h('option', {value: code}))),
        h('button', {type: 'submit', class: 'btn primary'}, 'Add wallet'));
    return onSubmit(form, () => resources.wallets.create(customer.id, (textOf(form, 'currency') || '').toUpperCase()
        || undefined), (wallet) => {
        toast(`${wallet.currency} wallet added`);
        navigate(`/console/wallets/${encodeURIComponent(wallet.id)}`);
    }, {conflicts: {wallet_exists: 'currency', customer_archived: 'currency'}});
}
