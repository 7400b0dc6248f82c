import {h, replace} from '../dom.js';
import {field, onSubmit, textOf} from '../forms.js';
import {render} from '../router.js';
import {caller} from '../session.js';
import {confirmAction, formatTime, table, toast} from '../ui.js';
import * as resources from '../resources.js';

/** The organization's API keys (admins only): list, issue (the key is shown once), revoke. */
export async function apiKeysScreen(main) {
    const reload = () => apiKeysScreen(main);
    const page = await resources.apiKeys.list();
    const issued = h('div', {'aria-live': 'polite'});
    const form = h('form', {class: 'card inline-form', novalidate: true, 'aria-label': 'Create an API key'},
        h('h2', {}, 'Create an API key'),
        field({name: 'name', label: 'Name', hint: 'What or who uses it, e.g. invoicing run'}),
        field({name: 'role', label: 'Role', type: 'select', options: [['reader', 'Reader (reads only)'],
            ['writer', 'Writer (reads and writes)'], ['admin', 'Admin (also keys and webhooks)']]}),
        h('button', {type: 'submit', class: 'btn primary'}, 'Create key'));
    onSubmit(form, () => resources.apiKeys.create(textOf(form, 'name'), textOf(form, 'role')), (key) => {
        const secret = h('code', {class: 'secret', id: 'new-api-key'}, key.api_key);
        replace(issued, h('div', {class: 'notice', role: 'alert'},
            h('p', {}, h('strong', {}, `Key "${key.name}" (${key.role}) created. `),
                'Copy it now: it is shown this once and cannot be shown again.'),
            secret,
            h('button', {type: 'button', class: 'btn small', onclick: async () => {
                await navigator.clipboard.writeText(key.api_key);
                toast('Copied');
            }}, 'Copy')));
        form.reset();
        listKeys();
    });
    const list = h('div', {});
    const listKeys = async () => {
        const keys = await resources.apiKeys.list();
        replace(list, keysTable(keys.data, reload));
    };
    render(main, h('h1', {}, 'API keys'), form, issued, list);
    replace(list, keysTable(page.data, reload));
}

function keysTable(keys, reload) {
    const own = caller()?.key_id;
    return table('API keys', [
        {label: 'Name', cell: (k) => [k.name, k.id === own ? h('span', {class: 'badge'}, 'this session') : null]},
        {label: 'Role', cell: (k) => k.role},
        {label: 'ID', cell: (k) => h('code', {}, k.id)},
        {label: 'Created', cell: (k) => formatTime(k.created_at)},
        {label: 'Actions', cell: (k) => h('button', {type: 'button', class: 'btn small danger',
            'aria-label': `Revoke key ${k.name}`, onclick: async () => {
                const warning = k.id === own ? 'This is the key you are signed in with: you will be signed out. '
                    : '';
                if (await confirmAction(`Revoke ${k.name}?`, `${warning}Every client using it is refused from now on, `
                    + 'on every node.', 'Revoke')) {
                    await resources.apiKeys.revoke(k.id);
                    toast('Key revoked');
                    reload();
                }
            }}, 'Revoke')},
    ], keys, {empty: 'No keys.'});
}
