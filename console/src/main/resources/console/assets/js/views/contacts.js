import {h, replace} from '../dom.js';
import {checkboxGroup, field, onSubmit, radioGroup, textOf, valueOf} from '../forms.js';
import {can} from '../session.js';
import {confirmAction, table, toast} from '../ui.js';
import * as resources from '../resources.js';

export const COMMUNICATIONS = [['invoices', 'Invoices'], ['payment_receipts', 'Payment receipts'],
    ['payment_reminders', 'Payment reminders'], ['credit_notes', 'Credit notes'], ['statements', 'Statements'],
    ['contracts', 'Contracts'], ['usage_alerts', 'Usage alerts'], ['wallet_alerts', 'Wallet alerts']];
const DELIVERY = [['to', 'To'], ['cc', 'Cc'], ['bcc', 'Bcc']];
const LABELS = Object.fromEntries(COMMUNICATIONS);

/**
 * The customer's secondary contacts: who gets which communications, as to, cc or bcc. Writers add, change and remove
 * them; the recipients of one kind of message can be looked up below the list.
 */
export async function contactsSection(customer, reload) {
    const page = await resources.contacts.list(customer.id);
    const editor = h('div', {class: 'editor'});
    const openEditor = (contact) => {
        replace(editor, contactForm(customer, contact, reload, () => replace(editor)));
        editor.querySelector('input').focus();
    };
    const columns = [
        {label: 'Name', cell: (k) => [k.first_name, k.last_name].filter(Boolean).join(' ') || '—'},
        {label: 'Email', cell: (k) => k.email},
        {label: 'Phone', cell: (k) => k.phone_number || '—'},
        {label: 'Label', cell: (k) => k.label || '—'},
        {label: 'Communications', cell: (k) => k.communications.length
                ? k.communications.map((c) => LABELS[c] || c).join(', ') : 'None'},
        {label: 'Delivery', cell: (k) => h('span', {class: 'badge'}, k.delivery)},
    ];
    if (can('write')) {
        columns.push({label: 'Actions', cell: (k) => h('div', {class: 'row-actions'},
            h('button', {type: 'button', class: 'btn small', 'aria-label': `Edit contact ${k.email}`,
                onclick: () => openEditor(k)}, 'Edit'),
            h('button', {type: 'button', class: 'btn small danger', 'aria-label': `Remove contact ${k.email}`,
                onclick: async () => {
                    if (await confirmAction(`Remove ${k.email}?`, 'The contact stops receiving communications.',
                        'Remove')) {
                        await resources.contacts.remove(customer.id, k.id);
                        toast('Contact removed');
                        reload();
                    }
                }}, 'Remove'))});
    }
    return h('div', {},
        can('write') ? h('div', {class: 'section-actions'}, h('button', {type: 'button', class: 'btn primary',
            onclick: () => openEditor(null)}, '+ Add contact')) : null,
        editor,
        table('Contacts', columns, page.data, {empty: 'No secondary contacts yet.', className: 'contacts'}),
        recipientsLookup(customer));
}

function contactForm(customer, contact, reload, close) {
    const form = h('form', {class: 'card', novalidate: true, 'aria-label': contact ? 'Edit contact' : 'Add contact'},
        h('h3', {}, contact ? `Edit ${contact.email}` : 'Add contact'),
        h('div', {class: 'grid'},
            field({name: 'first_name', label: 'First name', value: contact?.first_name}),
            field({name: 'last_name', label: 'Last name', value: contact?.last_name}),
            field({name: 'email', label: 'Email', type: 'email', required: true, value: contact?.email}),
            field({name: 'phone_number', label: 'Phone number', type: 'tel', value: contact?.phone_number}),
            field({name: 'label', label: 'Label', value: contact?.label, hint: 'e.g. billing, finance'})),
        checkboxGroup('communications', 'Communications', COMMUNICATIONS, contact?.communications || []),
        radioGroup('delivery', 'Delivery', DELIVERY, contact?.delivery || 'to'),
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'btn primary'},
            contact ? 'Save contact' : 'Add contact'),
        h('button', {type: 'button', class: 'btn', onclick: close}, 'Cancel')));
    return onSubmit(form, () => {
        const body = {first_name: textOf(form, 'first_name'), last_name: textOf(form, 'last_name'),
            email: textOf(form, 'email'), phone_number: textOf(form, 'phone_number'), label: textOf(form, 'label'),
            communications: valueOf(form, 'communications'), delivery: valueOf(form, 'delivery')};
        if (!contact) {
            return resources.contacts.create(customer.id, body);
        }
        for (const name of ['first_name', 'last_name', 'phone_number', 'label']) {
            body[name] = body[name] ?? null;
        }
        return resources.contacts.update(customer.id, contact.id, body);
    }, () => {
        toast(contact ? 'Contact saved' : 'Contact added');
        reload();
    }, {conflicts: {contact_email_exists: 'email', contact_limit_reached: 'email'}});
}

/** Who receives one kind of message: the customer's own email and its subscribed contacts, as to, cc and bcc. */
function recipientsLookup(customer) {
    const result = h('div', {'aria-live': 'polite'});
    const form = h('form', {class: 'inline-form'},
        field({name: 'communication', label: 'Recipients of', type: 'select', options: COMMUNICATIONS}),
        h('button', {type: 'submit', class: 'btn'}, 'Show recipients'));
    onSubmit(form, () => resources.contacts.recipients(customer.id, valueOf(form, 'communication')),
        (recipients) => replace(result, h('dl', {class: 'details'}, DELIVERY.map(([key, label]) => [h('dt', {}, label),
            h('dd', {}, recipients[key].length ? recipients[key].map((r) => r.email).join(', ') : '—')]))));
    return h('div', {class: 'recipients'}, h('h3', {}, 'Recipients'), form, result);
}
