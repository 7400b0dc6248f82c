import {h, replace} from '../dom.js';
import {field, onSubmit, textOf, valueOf} from '../forms.js';
import {navigate, render} from '../router.js';
import {toast} from '../ui.js';
import * as resources from '../resources.js';

const ADDRESS_PARTS = [['line1', 'Address line 1'], ['line2', 'Address line 2'], ['line3', 'Address line 3'],
    ['city', 'City'], ['state', 'State'], ['zip_code', 'Zip code'], ['country', 'Country']];
const TAX_CODES = [['', 'Choose…'], ['IN_GST', 'India GST (IN_GST)'], ['AU_GST', 'Australia GST (AU_GST)'],
    ['EU_VAT', 'EU VAT (EU_VAT)'], ['FR_VAT', 'France VAT (FR_VAT)'], ['SG_GST', 'Singapore GST (SG_GST)'],
    ['US_EIN', 'US EIN (US_EIN)']];
/** Conflicts the API answers without a field list, shown next to the field they are about. */
export const CUSTOMER_CONFLICTS = {email_already_exists: 'email', external_id_already_exists: 'external_id',
    parent_not_found: 'parent_customer_id', parent_archived: 'parent_customer_id',
    hierarchy_cycle: 'parent_customer_id', hierarchy_too_deep: 'parent_customer_id',
    too_many_children: 'parent_customer_id'};

/**
 * Add customer (customerId null) and Edit customer: every field of the create call. Creating sends what is filled in;
 * editing sends a JSON merge patch of what changed (a cleared field is sent as null), and a new parent through its own
 * call. The API's errors are shown next to their fields, all at once.
 */
export async function customerFormScreen(main, customerId) {
    const existing = customerId ? await resources.customers.get(customerId) : null;
    const form = h('form', {class: 'customer-form', novalidate: true},
        h('fieldset', {class: 'group'}, h('legend', {}, 'Customer information'),
            h('div', {class: 'grid'},
                field({name: 'customer_name', label: 'Name', required: true, value: existing?.customer_name,
                    autocomplete: 'organization'}),
                field({name: 'external_id', label: 'Customer ID', value: existing?.external_id,
                    hint: 'Its ID in the system it comes from (a CRM, say); unique.'}),
                field({name: 'email', label: 'Email', type: 'email', value: existing?.email, autocomplete: 'email'}),
                field({name: 'phone_number', label: 'Phone number', type: 'tel', value: existing?.phone_number,
                    hint: 'With the country code, e.g. +1 415 555 0123', autocomplete: 'tel'}))),
        addressFieldset('address', 'Billing address', existing?.address),
        addressFieldset('ship_to_address', 'Shipping address', existing?.ship_to_address),
        taxInfoFieldset(existing?.tax_info || []),
        h('fieldset', {class: 'group'}, h('legend', {}, 'Business entity, connector and parent'),
            h('div', {class: 'grid'},
                field({name: 'business_entity_id', label: 'Business entity ID', value: existing?.business_entity_id}),
                field({name: 'connector.name', label: 'Connector name', value: existing?.connector?.name}),
                field({name: 'connector.reference_id', label: 'Connector reference ID',
                    value: existing?.connector?.reference_id}),
                field({name: 'parent_customer_id', label: 'Parent customer ID', value: existing?.parent_customer_id,
                    hint: 'The id (cus_…) of the customer this one belongs to.'}))),
        h('fieldset', {class: 'group'}, h('legend', {}, 'Custom data'),
            field({name: 'custom_data', label: 'Custom data (JSON object)', type: 'textarea', rows: 5, wide: true,
                value: existing?.custom_data ? JSON.stringify(existing.custom_data, null, 2) : '',
                hint: 'For example {"exempt_tax": true} exempts the customer from tax.'})),
        h('fieldset', {class: 'group'}, h('legend', {}, 'Settings'),
            field({name: 'communications_enabled', label: 'Email communications enabled', type: 'checkbox',
                value: existing ? existing.communications_enabled : true}),
            field({name: 'auto_charge_enabled', label: 'Auto-charge invoices', type: 'checkbox',
                value: existing ? existing.auto_charge_enabled : false})),
        h('div', {class: 'actions sticky'},
            h('button', {type: 'submit', class: 'btn primary'}, existing ? 'Save changes' : 'Add customer'),
            h('a', {href: existing ? `/console/customers/${encodeURIComponent(customerId)}` : '/console/customers',
                class: 'btn'}, 'Cancel')));

    onSubmit(form, async () => {
        const body = customerBody(form);
        if (!existing) {
            return resources.customers.create(body);
        }
        const changes = mergePatch(existing, body);
        const parentChanged = (body.parent_customer_id || null) !== (existing.parent_customer_id || null);
        delete changes.parent_customer_id;
        let saved = existing;
        if (Object.keys(changes).length) {
            saved = await resources.customers.update(customerId, changes);
        }
        if (parentChanged) {
            saved = await resources.customers.changeParent(customerId, body.parent_customer_id || null);
        }
        return saved;
    }, (customer) => {
        toast(existing ? 'Customer saved' : `Customer ${customer.customer_name} added`);
        navigate(`/console/customers/${encodeURIComponent(customer.id)}`);
    }, {conflicts: CUSTOMER_CONFLICTS});

    render(main, h('h1', {}, existing ? `Edit ${existing.customer_name}` : 'Add customer'), form);
}

function addressFieldset(prefix, legend, address) {
    return h('fieldset', {class: 'group', 'data-field': prefix}, h('legend', {}, legend), h('p', {class: 'error'}),
        h('div', {class: 'grid'}, ADDRESS_PARTS.map(([part, label]) => field({name: `${prefix}.${part}`, label,
            value: address?.[part], hint: part === 'country' ? 'ISO code, e.g. US or USA' : undefined}))));
}

function taxInfoFieldset(entries) {
    const rows = h('div', {class: 'tax-rows'});
    const renumber = () => [...rows.children].forEach((row, index) => {
        row.dataset.field = `tax_info[${index}]`;
        row.querySelector('.row-title').textContent = `Tax ID ${index + 1}`;
        row.querySelectorAll('[data-field^="tax_info["]').forEach((element) => {
            const part = element.dataset.field.replace(/^tax_info\[\d+]\./, '');
            element.dataset.field = `tax_info[${index}].${part}`;
            element.querySelector('input, select').name = `tax_info[${index}].${part}`;
        });
    });
    const addRow = (entry) => {
        const row = h('div', {class: 'tax-row', 'data-field': 'tax_info[x]'}, h('p', {class: 'row-title'}),
            h('p', {class: 'error'}),
            h('div', {class: 'grid'},
                field({name: 'tax_info[x].tax_code', label: 'Tax code', type: 'select', options: TAX_CODES,
                    value: entry?.tax_code}),
                field({name: 'tax_info[x].tax_id', label: 'Tax ID', value: entry?.tax_id}),
                field({name: 'tax_info[x].country_code', label: 'Country', value: entry?.country_code,
                    hint: 'Optional: found from the tax ID'})),
            h('button', {type: 'button', class: 'btn link', onclick: () => {
                row.remove();
                renumber();
            }}, 'Remove this tax ID'));
        rows.append(row);
        renumber();
        return row;
    };
    entries.forEach(addRow);
    return h('fieldset', {class: 'group', 'data-field': 'tax_info'}, h('legend', {}, 'Tax information'),
        h('p', {class: 'error'}),
        h('p', {class: 'hint'}, 'GST and VAT IDs: India, Australia, the EU, France, Singapore; US EIN.'), rows,
        h('button', {type: 'button', class: 'btn', onclick: () => addRow(null).querySelector('select').focus()},
            '+ Add tax ID'));
}

/** The create call's body from the form: empty fields left out. */
export function customerBody(form) {
    const body = {};
    for (const name of ['customer_name', 'external_id', 'email', 'phone_number', 'business_entity_id',
        'parent_customer_id']) {
        body[name] = textOf(form, name);
    }
    for (const prefix of ['address', 'ship_to_address']) {
        const address = {};
        for (const [part] of ADDRESS_PARTS) {
            address[part] = textOf(form, `${prefix}.${part}`);
        }
        body[prefix] = Object.values(address).some((value) => value !== undefined) ? address : undefined;
    }
    const taxInfo = [];
    form.querySelectorAll('.tax-row').forEach((row, index) => {
        const entry = {tax_code: textOf(form, `tax_info[${index}].tax_code`),
            tax_id: textOf(form, `tax_info[${index}].tax_id`),
            country_code: textOf(form, `tax_info[${index}].country_code`)};
        if (row && Object.values(entry).some((value) => value !== undefined)) {
            taxInfo.push(entry);
        }
    });
    body.tax_info = taxInfo.length ? taxInfo : undefined;
    const connector = {name: textOf(form, 'connector.name'), reference_id: textOf(form, 'connector.reference_id')};
    body.connector = connector.name || connector.reference_id ? connector : undefined;
    const customData = textOf(form, 'custom_data');
    // Text that is not JSON goes to the API as it is, so its error comes back with all the others.
    body.custom_data = customData === undefined ? undefined : parseJson(customData);
    body.communications_enabled = valueOf(form, 'communications_enabled');
    body.auto_charge_enabled = valueOf(form, 'auto_charge_enabled');
    return body;
}

function parseJson(text) {
    try {
        return JSON.parse(text);
    } catch (ignored) {
        return text;
    }
}

/** A JSON merge patch from the customer as it was to the form's values: changed members, null for cleared ones. */
function mergePatch(before, after) {
    const patch = {};
    for (const [name, value] of Object.entries(after)) {
        const old = before[name] ?? undefined;
        const normalisedOld = Array.isArray(old) && old.length === 0 ? undefined : old;
        if (JSON.stringify(normalisedOld) === JSON.stringify(value)) {
            continue;
        }
        if (value === undefined) {
            patch[name] = null;
        } else if (name === 'custom_data' && old && typeof old === 'object' && value && typeof value === 'object'
            && !Array.isArray(value)) {
            // Keys removed from the custom data are cleared one by one (merge patch merges objects).
            const changes = {...value};
            Object.keys(old).filter((key) => !(key in value)).forEach((key) => changes[key] = null);
            patch[name] = changes;
        } else if ((name === 'address' || name === 'ship_to_address' || name === 'connector') && old) {
            const changes = {};
            const keys = new Set([...Object.keys(old), ...Object.keys(value)]);
            keys.forEach((key) => changes[key] = value[key] ?? null);
            patch[name] = changes;
        } else {
            patch[name] = value;
        }
    }
    return patch;
}
