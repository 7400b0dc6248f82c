// The console: one page, one screen at a time. Which screens and links exist is decided here, per permission; a
// section that lands later adds its link and its route below and a module under views/.
import {h, replace} from './dom.js';
import {ApiError} from './api.js';
import * as resources from './resources.js';
import {can, caller, setSignedIn} from './session.js';
import {navigate, route, show, start} from './router.js';
import {signInScreen} from './views/sign-in.js';
import {customerListScreen} from './views/customer-list.js';
import {customerFormScreen} from './views/customer-form.js';
import {customerScreen} from './views/customer.js';
import {walletScreen} from './views/wallet.js';
import {importScreen} from './views/imports.js';
import {auditScreen} from './views/audit.js';
import {apiKeysScreen} from './views/api-keys.js';
import {projectionsScreen} from './views/projections.js';
import {webhookScreen, webhooksScreen} from './views/webhooks.js';

const NAVIGATION = [
    {href: '/console/customers', label: 'Customers', permission: 'read'},
    {href: '/console/imports', label: 'Import', permission: 'write'},
    {href: '/console/audit', label: 'Audit trail', permission: 'read'},
    {href: '/console/api-keys', label: 'API keys', permission: 'admin'},
    {href: '/console/webhooks', label: 'Webhooks', permission: 'admin'},
    {href: '/console/projections', label: 'Projections', permission: 'operator'},
];

route(/^\/console\/customers\/?$/, 'read', customerListScreen);
route(/^\/console\/customers\/new$/, 'write', (main) => customerFormScreen(main, null));
route(/^\/console\/customers\/([^/]+)\/edit$/, 'write', (main, [id]) => customerFormScreen(main, id));
route(/^\/console\/customers\/([^/]+)(?:\/([a-z-]+))?$/, 'read', customerScreen);
route(/^\/console\/wallets\/([^/]+)$/, 'read', walletScreen);
route(/^\/console\/imports(?:\/([^/]+))?$/, 'write', importScreen);
route(/^\/console\/audit$/, 'read', auditScreen);
route(/^\/console\/api-keys$/, 'admin', apiKeysScreen);
route(/^\/console\/webhooks\/?$/, 'admin', webhooksScreen);
route(/^\/console\/webhooks\/([^/]+)$/, 'admin', webhookScreen);
route(/^\/console\/projections$/, 'operator', projectionsScreen);

/** The first screen after signing in: the operator has no customers, only projections. */
function home() {
    return can('operator') ? '/console/projections' : '/console/customers';
}

function showChrome() {
    const header = document.getElementById('top');
    header.hidden = false;
    const links = NAVIGATION.filter((item) => can(item.permission));
    replace(document.getElementById('nav-links'), links.map((item) => h('li', {}, h('a', {href: item.href},
        item.label))));
    const who = caller();
    replace(document.getElementById('who'),
        h('span', {class: 'key-name'}, who.key_name), ' ',
        h('span', {class: 'role'}, who.operator ? 'operator' : who.role),
        h('button', {type: 'button', class: 'btn link', id: 'sign-out', onclick: signOut}, 'Sign out'));
    const toggle = document.getElementById('menu-toggle');
    toggle.onclick = () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        document.getElementById('primary-nav').classList.toggle('open', open);
    };
    document.getElementById('primary-nav').onclick = (event) => {
        if (event.target.closest('a')) {
            toggle.setAttribute('aria-expanded', 'false');
            document.getElementById('primary-nav').classList.remove('open');
        }
    };
}

function hideChrome() {
    document.getElementById('top').hidden = true;
    replace(document.getElementById('nav-links'));
    replace(document.getElementById('who'));
}

async function signOut() {
    try {
        await resources.session.signOut();
    } finally {
        signedOut();
    }
}

/** Forgets who was signed in (the server has ended the session and cleared the cookie) and asks for a key. */
function signedOut(message) {
    setSignedIn(null);
    hideChrome();
    signInScreen(document.getElementById('main'), message, signedIn);
    history.replaceState(null, '', '/console/sign-in');
}

function signedIn(who, destination) {
    setSignedIn(who);
    showChrome();
    navigate(destination && !destination.startsWith('/console/sign-in') && destination !== '/console'
    && destination !== '/console/' ? destination : home(), {replaceState: true});
}

window.addEventListener('billfold:signed-out', () => {
    if (caller()) {
        signedOut('Your session has ended. Sign in again to continue.');
    }
});

async function boot() {
    start();
    // The skip link moves the focus itself: a fragment in the address would be taken for a new screen.
    document.querySelector('.skip-link').addEventListener('click', (event) => {
        event.preventDefault();
        document.getElementById('main').focus();
    });
    const requested = location.pathname + location.search;
    try {
        signedIn(await resources.session.current(), requested);
    } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 401) {
            console.error(error);
        }
        setSignedIn(null);
        hideChrome();
        signInScreen(document.getElementById('main'), null, (who) => signedIn(who, requested));
    }
}

boot();
export {show};
