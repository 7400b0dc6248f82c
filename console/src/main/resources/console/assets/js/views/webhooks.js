import {h, replace} from '../dom.js';
import {checkboxGroup, field, onSubmit, textOf, valueOf} from '../forms.js';
import {navigate, render} from '../router.js';
import {confirmAction, details, formatTime, pager, table, toast} from '../ui.js';
import * as resources from '../resources.js';

/** The public event types (docs/events.md); "*" is every type, those to come included. */
const EVENT_TYPES = ['customer.created', 'customer.updated', 'customer.archived', 'customer.unarchived',
    'customer.erased', 'contact.created', 'contact.updated', 'contact.deleted', 'wallet.created', 'wallet.updated',
    'wallet.transaction.created', 'wallet.hold.created', 'wallet.hold.captured', 'wallet.hold.released',
    'wallet.hold.expired', 'wallet.balance_low', 'customer_import.completed'];
const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'];

/** A signing secret, shown once: after creating an endpoint or rotating its secret. */
function secretNotice(holder, title, secret) {
    replace(holder, h('div', {class: 'notice', role: 'alert'},
        h('p', {}, h('strong', {}, `${title} `), 'Copy the signing secret now: it is shown this once and cannot be '
            + 'shown again.'),
        h('code', {class: 'secret', id: 'new-webhook-secret'}, secret),
        h('button', {type: 'button', class: 'btn small', onclick: async () => {
            await navigator.clipboard.writeText(secret);
            toast('Copied');
        }}, 'Copy')));
}

/** The organization's webhook endpoints (admins only): list and create (the secret is shown once). */
export async function webhooksScreen(main) {
    const issued = h('div', {'aria-live': 'polite'});
    const list = h('div', {});
    const form = h('form', {class: 'card', novalidate: true, 'aria-label': 'Add an endpoint'},
        h('h2', {}, 'Add an endpoint'),
        h('div', {class: 'grid'},
            field({name: 'url', label: 'URL', type: 'url', required: true, wide: true,
                hint: 'Where events are sent (POST, signed as Standard Webhooks), e.g. https://crm.example/hooks'}),
            field({name: 'description', label: 'Description', wide: true})),
        checkboxGroup('event_types', 'Event types', [['*', 'All events (those to come included)'],
            ...EVENT_TYPES.map((type) => [type, type])]),
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'btn primary'}, 'Add endpoint')));
    const listEndpoints = async () => {
        const page = await resources.webhooks.list({limit: 100});
        replace(list, table('Webhook endpoints', [
            {label: 'URL', cell: (e) => h('a', {href: `/console/webhooks/${encodeURIComponent(e.id)}`}, e.url)},
            {label: 'Status', cell: (e) => h('span', {class: `badge ${e.status}`}, e.status)},
            {label: 'Event types', cell: (e) => e.event_types.join(', ')},
            {label: 'Description', cell: (e) => e.description || '—'},
            {label: 'Created', cell: (e) => formatTime(e.created_at)},
        ], page.data, {empty: 'No endpoints yet.', className: 'webhooks'}));
    };
    onSubmit(form, () => resources.webhooks.create({url: textOf(form, 'url'),
        event_types: valueOf(form, 'event_types'), description: textOf(form, 'description')}), async (endpoint) => {
        secretNotice(issued, `Endpoint ${endpoint.url} added.`, endpoint.secret);
        form.reset();
        await listEndpoints();
    });
    render(main, h('h1', {}, 'Webhooks'),
        h('p', {class: 'hint'}, 'Every change is sent as a public event to the endpoints that subscribe to its type; '
            + 'a delivery not answered 2xx is retried with back-off.'),
        form, issued, h('section', {class: 'section', 'aria-labelledby': 'endpoints-title'},
            h('h2', {id: 'endpoints-title'}, 'Endpoints'), list));
    await listEndpoints();
}

/** One endpoint: its settings, enable or disable, rotate its secret, delete it, and its deliveries with retry. */
export async function webhookScreen(main, [endpointId]) {
    const endpoint = await resources.webhooks.get(endpointId);
    const reload = () => webhookScreen(main, [endpointId]);
    const issued = h('div', {'aria-live': 'polite'});
    const failure = h('p', {class: 'error-text', role: 'alert', tabindex: '-1', hidden: true});
    const act = (run) => async () => {
        failure.hidden = true;
        try {
            await run();
        } catch (error) {
            replace(failure, error.message);
            failure.hidden = false;
            failure.focus();
        }
    };
    const enabled = endpoint.status === 'enabled';
    const deliveryList = h('div', {});
    let status;
    const filter = h('form', {class: 'filters-inline', 'aria-label': 'Filter deliveries'},
        field({name: 'status', label: 'Status', type: 'select',
            options: [['', 'Any'], ...DELIVERY_STATUSES.map((value) => [value, value])]}),
        h('button', {type: 'submit', class: 'btn'}, 'Filter'));
    filter.addEventListener('submit', (event) => {
        event.preventDefault();
        status = filter.elements.status.value || undefined;
        deliveries(deliveryList, endpoint, status, act);
    });
    render(main,
        h('p', {class: 'breadcrumb'}, h('a', {href: '/console/webhooks'}, 'Webhooks'), ' / ', endpoint.url),
        h('div', {class: 'page-head'},
            h('h1', {}, endpoint.url, h('span', {class: `badge ${endpoint.status}`}, endpoint.status)),
            h('div', {class: 'page-actions'},
                h('button', {type: 'button', class: 'btn', onclick: act(async () => {
                    await resources.webhooks.update(endpoint.id, {status: enabled ? 'disabled' : 'enabled'});
                    toast(enabled ? 'Endpoint disabled' : 'Endpoint enabled');
                    reload();
                })}, enabled ? 'Disable' : 'Enable'),
                h('button', {type: 'button', class: 'btn', onclick: act(async () => {
                    if (await confirmAction('Rotate the signing secret?', 'A new secret signs every delivery from '
                        + 'now on; the current one still signs as well for the overlap (24 hours by default), so '
                        + 'receivers can switch.', 'Rotate secret')) {
                        const rotated = await resources.webhooks.rotateSecret(endpoint.id);
                        secretNotice(issued, 'Secret rotated.', rotated.secret);
                    }
                })}, 'Rotate secret'),
                h('button', {type: 'button', class: 'btn danger', onclick: act(async () => {
                    if (await confirmAction(`Delete the endpoint ${endpoint.url}?`, 'No event is sent to it any more '
                        + 'and its pending deliveries are dropped. This cannot be undone.', 'Delete')) {
                        await resources.webhooks.remove(endpoint.id);
                        toast('Endpoint deleted');
                        navigate('/console/webhooks');
                    }
                })}, 'Delete'))),
        failure, issued,
        details([
            ['Event types', endpoint.event_types.join(', ')],
            ['Description', endpoint.description],
            ['Disabled because', endpoint.disabled_reason],
            ['Billfold ID', h('code', {}, endpoint.id)],
            ['Created', formatTime(endpoint.created_at)],
            ['Updated', formatTime(endpoint.updated_at)],
        ]),
        h('section', {class: 'section', 'aria-labelledby': 'deliveries-title'},
            h('div', {class: 'page-head'}, h('h2', {id: 'deliveries-title'}, 'Deliveries'),
                h('button', {type: 'button', class: 'btn small',
                    onclick: () => deliveries(deliveryList, endpoint, status, act)}, 'Refresh')),
            filter, deliveryList));
    await deliveries(deliveryList, endpoint, status, act);
}

/** An endpoint's deliveries, newest first, in pages; any of them may be sent again now. */
async function deliveries(holder, endpoint, status, act) {
    const trail = [];
    const load = async (cursor) => {
        const page = await resources.webhooks.deliveries(endpoint.id, {status, limit: 20, starting_after: cursor});
        replace(holder, table('Deliveries', [
            {label: 'Event', cell: (d) => [h('code', {}, d.event_type), ' ', h('code', {class: 'hint'}, d.event_id)]},
            {label: 'Status', cell: (d) => h('span', {class: `badge ${d.status}`}, d.status)},
            {label: 'Attempts', cell: (d) => String(d.attempts)},
            {label: 'Last answer', cell: (d) => d.last_response_status ? String(d.last_response_status)
                : d.last_error || '—'},
            {label: 'Last attempt', cell: (d) => formatTime(d.last_attempt_at) || '—'},
            {label: 'Next attempt', cell: (d) => formatTime(d.next_attempt_at) || '—'},
            {label: 'Actions', cell: (d) => h('button', {type: 'button', class: 'btn small',
                'aria-label': `Retry delivery of ${d.event_type} ${d.event_id}`, onclick: act(async () => {
                    await resources.webhooks.retry(endpoint.id, d.id);
                    toast('Delivery sent again');
                    await load(cursor);
                })}, 'Retry')},
        ], page.data, {empty: 'No deliveries.', className: 'deliveries'}),
        page.has_more || trail.length ? pager('Delivery pages', page, trail, load) : null);
    };
    await load(undefined);
}
