// Addresses of screens (/console/customers/cus_…) without page loads: links under /console are followed here, the
// back button works, and each screen starts with its heading focused, so a screen reader announces where it is.
import {h, replace} from './dom.js';
import {can} from './session.js';

const routes = [];
let current = null;

/**
 * A screen: pattern (a RegExp on the path, groups are its parameters), permission (see session.can), render(main,
 * params, query) which may return a function to call when the screen is left (to stop polling).
 */
export function route(pattern, permission, render) {
    routes.push({pattern, permission, render});
}

export function navigate(path, {replaceState = false} = {}) {
    if (replaceState) {
        history.replaceState(null, '', path);
    } else {
        history.pushState(null, '', path);
    }
    return show();
}

export async function show() {
    const main = document.getElementById('main');
    if (current?.leave) {
        current.leave();
    }
    current = null;
    const url = new URL(location.href);
    for (const candidate of routes) {
        const match = url.pathname.match(candidate.pattern);
        if (!match) {
            continue;
        }
        if (!can(candidate.permission)) {
            render(main, h('h1', {tabindex: '-1'}, 'Not available'),
                h('p', {}, 'This screen is not available to the key you signed in with.'));
            return;
        }
        const screen = {leave: null};
        current = screen;
        replace(main, h('p', {class: 'loading'}, 'Loading…'));
        try {
            const params = match.slice(1).map((part) => part === undefined ? undefined : decodeURIComponent(part));
            const leave = await candidate.render(main, params, url.searchParams);
            if (current === screen) {
                screen.leave = leave;
            } else if (leave) {
                leave();
            }
        } catch (error) {
            if (current === screen) {
                render(main, h('h1', {tabindex: '-1'}, error.status === 404 ? 'Not found' : 'Something went wrong'),
                    h('p', {}, error.message));
            }
        }
        markCurrentLink(url.pathname);
        return;
    }
    render(main, h('h1', {tabindex: '-1'}, 'Not found'), h('p', {}, 'There is no such screen.'));
}

/** Fills the main region and moves the focus to its heading. */
export function render(main, ...content) {
    replace(main, ...content);
    const heading = main.querySelector('h1');
    if (heading) {
        heading.setAttribute('tabindex', '-1');
        document.title = `${heading.textContent} · Billfold console`;
        heading.focus({preventScroll: true});
    }
}

function markCurrentLink(path) {
    document.querySelectorAll('#nav-links a').forEach((link) => {
        const here = path === link.getAttribute('href') || path.startsWith(`${link.getAttribute('href')}/`);
        if (here) {
            link.setAttribute('aria-current', 'page');
        } else {
            link.removeAttribute('aria-current');
        }
    });
}

/** Follows same-origin links under /console without reloading the page. */
export function start() {
    document.addEventListener('click', (event) => {
        const link = event.target.closest('a[href^="/console"]');
        if (!link || link.target || link.hasAttribute('download') || event.defaultPrevented || event.button !== 0
            || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
            return;
        }
        event.preventDefault();
        navigate(link.getAttribute('href'));
    });
    window.addEventListener('popstate', show);
}
