import {h} from '../dom.js';
import {field, onSubmit} from '../forms.js';
import {render} from '../router.js';
import * as resources from '../resources.js';

/**
 * Sign-in with an API key. The key goes to the server once, in the body of one request, and is then dropped from the
 * page; the browser keeps only the session cookie, which no script can read.
 */
export function signInScreen(main, message, signedIn) {
    const form = h('form', {class: 'card narrow', novalidate: true},
        field({name: 'api_key', label: 'API key', type: 'password', required: true,
            hint: 'An API key of your organization, or the platform operator key. It is not stored in this browser.'}),
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'btn primary'}, 'Sign in')));
    onSubmit(form, async () => {
        const input = form.querySelector('[name=api_key]');
        const key = input.value.trim();
        input.value = '';
        return resources.session.signIn(key);
    }, (who) => signedIn(who), {conflicts: {unauthenticated: 'api_key'}});
    render(main, h('div', {class: 'sign-in'},
        h('h1', {}, 'Sign in to Billfold'),
        message ? h('p', {class: 'notice', role: 'status'}, message) : null,
        form));
}
