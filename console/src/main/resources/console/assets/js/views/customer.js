import {h, replace} from '../dom.js';
import {navigate, render} from '../router.js';
import {can} from '../session.js';
import {confirmAction, details, formatTime, toast} from '../ui.js';
import * as resources from '../resources.js';
import {contactsSection} from './contacts.js';
import {childrenSection, historySection} from './customer-sections.js';
import {customerWalletsSection} from './customer-wallets.js';

/**
 * A customer's sections, each at its own address (/console/customers/cus_…/contacts). A section that lands later is
 * one more entry here, with its own module.
 */
const SECTIONS = [
    {id: 'details', label: 'Details', render: (customer) => customerDetails(customer)},
    {id: 'contacts', label: 'Contacts', render: contactsSection},
    {id: 'children', label: 'Child customers', render: childrenSection},
    {id: 'wallets', label: 'Wallets', render: customerWalletsSection},
    {id: 'history', label: 'History', render: historySection},
];

/** What can be done to a customer as a whole, each shown when the key may do it and the customer's state allows it. */
const ACTIONS = [
    {label: 'Edit', permission: 'write', when: (c) => !c.archived,
        run: (c) => navigate(`/console/customers/${encodeURIComponent(c.id)}/edit`)},
    {label: 'Archive', permission: 'write', when: (c) => !c.archived, run: async (c, reload) => {
        if (await confirmAction(`Archive ${c.customer_name}?`, 'Archiving releases its email and customer ID for '
            + 'reuse. It is refused while a wallet holds credit or the customer has live children.', 'Archive')) {
            await resources.customers.archive(c.id);
            toast('Customer archived');
            reload();
        }
    }},
    {label: 'Unarchive', permission: 'write', when: (c) => c.archived && !c.erased, run: async (c, reload) => {
        await resources.customers.unarchive(c.id);
        toast('Customer unarchived');
        reload();
    }},
    {label: 'Erase', permission: 'admin', when: (c) => !c.erased, run: async (c, reload) => {
        if (await confirmAction(`Erase ${c.customer_name}?`, 'Its personal data (name, email, phone, addresses, '
            + 'tax IDs, contacts) is deleted for good and can never be read again, not even from its history; the '
            + 'customer is archived. This cannot be undone. It is refused while a wallet holds credit.', 'Erase')) {
            await resources.customers.erase(c.id);
            toast('Customer erased');
            reload();
        }
    }},
];

export async function customerScreen(main, [customerId, sectionId = 'details']) {
    const section = SECTIONS.find((candidate) => candidate.id === sectionId);
    if (!section) {
        throw Object.assign(new Error('There is no such section.'), {status: 404});
    }
    const customer = await resources.customers.get(customerId);
    const reload = () => customerScreen(main, [customerId, sectionId]);
    const failure = h('p', {class: 'error-text', role: 'alert', hidden: true});
    const actions = ACTIONS.filter((action) => can(action.permission) && action.when(customer))
        .map((action) => h('button', {type: 'button', class: 'btn', onclick: async () => {
            failure.hidden = true;
            try {
                await action.run(customer, reload);
            } catch (error) {
                replace(failure, error.message);
                failure.hidden = false;
                failure.focus();
            }
        }}, action.label));
    const base = `/console/customers/${encodeURIComponent(customer.id)}`;
    const content = h('section', {class: 'section', 'aria-labelledby': 'section-title'},
        h('h2', {id: 'section-title'}, section.label));
    render(main,
        h('p', {class: 'breadcrumb'}, h('a', {href: '/console/customers'}, 'Customers'), ' / ', customer.customer_name),
        h('div', {class: 'page-head'},
            h('h1', {}, customer.customer_name, customer.erased ? h('span', {class: 'badge muted'}, 'Erased')
                : customer.archived ? h('span', {class: 'badge muted'}, 'Archived') : null),
            actions.length ? h('div', {class: 'page-actions'}, actions) : null),
        failure,
        h('nav', {class: 'tabs', 'aria-label': 'Customer sections'}, h('ul', {}, SECTIONS.map((candidate) =>
            h('li', {}, h('a', {href: candidate.id === 'details' ? base : `${base}/${candidate.id}`,
                'aria-current': candidate.id === section.id ? 'page' : null}, candidate.label))))),
        content);
    failure.setAttribute('tabindex', '-1');
    content.append(await section.render(customer, reload));
}

function address(value) {
    if (!value) {
        return null;
    }
    return h('span', {class: 'address'}, [value.line1, value.line2, value.line3,
        [value.zip_code, value.city, value.state].filter(Boolean).join(' '), value.country]
        .filter(Boolean).map((line) => h('span', {}, line)));
}

function customerDetails(c) {
    return details([
        ['Customer ID (external)', c.external_id],
        ['Email', c.email],
        ['Phone number', c.phone_number],
        ['Billing address', address(c.address)],
        ['Shipping address', address(c.ship_to_address)],
        ['Tax IDs', c.tax_info?.length ? h('ul', {class: 'plain'}, c.tax_info.map((tax) =>
            h('li', {}, `${tax.tax_code} ${tax.tax_id} (${tax.country_code})`))) : null],
        ['Tax exempt', c.tax_exempt ? 'Yes' : 'No'],
        ['Business entity', c.business_entity_id],
        ['Connector', c.connector ? `${c.connector.name || ''} ${c.connector.reference_id || ''}`.trim() : null],
        ['Parent customer', c.parent_customer_id ? h('a', {href: `/console/customers/${encodeURIComponent(
            c.parent_customer_id)}`}, c.parent_customer_id) : null],
        ['Email communications', c.communications_enabled ? 'Enabled' : 'Disabled'],
        ['Auto-charge', c.auto_charge_enabled ? 'Enabled' : 'Disabled'],
        ['Custom data', c.custom_data ? h('pre', {class: 'json'}, JSON.stringify(c.custom_data, null, 2)) : null],
        ['Billfold ID', h('code', {}, c.id)],
        ['Created', formatTime(c.created_at)],
        ['Updated', formatTime(c.updated_at)],
        ['Version', String(c.version)],
    ]);
}
