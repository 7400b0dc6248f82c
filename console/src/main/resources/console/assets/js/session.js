// Who is signed in, and what that allows the screens to show. The server decides what is allowed (the API answers
// 403 whatever the screen shows); this only keeps controls a key cannot use off the screen.

let signedIn = null;

export function setSignedIn(caller) {
    signedIn = caller;
}

export function caller() {
    return signedIn;
}

const RANK = {reader: 1, writer: 2, admin: 3};

/**
 * 'read': any key of an organization; 'write': writer and admin (creating and changing customers, contacts, wallets,
 * imports); 'admin': API keys (and webhooks once they land); 'operator': the platform operator key (projections).
 */
export function can(permission) {
    if (!signedIn) {
        return false;
    }
    if (permission === 'operator') {
        return signedIn.operator === true;
    }
    const rank = RANK[signedIn.role] || 0;
    return permission === 'read' ? rank >= 1 : permission === 'write' ? rank >= 2 : permission === 'admin' && rank >= 3;
}
