// The API's resources as the console uses them, one object per resource. A feature that lands later adds its object
// here and a section that uses it; nothing else moves.
import {del, get, patch, post, put} from './api.js';

const id = encodeURIComponent;

export const session = {
    current: () => get('/console/session'),
    signIn: (apiKey) => post('/console/session', {api_key: apiKey}),
    signOut: () => del('/console/session'),
};

export const customers = {
    list: (query) => get('/v1/customers', query),
    get: (customerId) => get(`/v1/customers/${id(customerId)}`),
    create: (body) => post('/v1/customers', body),
    update: (customerId, mergePatch) => patch(`/v1/customers/${id(customerId)}`, mergePatch),
    changeParent: (customerId, parentId) => put(`/v1/customers/${id(customerId)}/parent`,
        {parent_customer_id: parentId}),
    archive: (customerId) => post(`/v1/customers/${id(customerId)}/archive`),
    unarchive: (customerId) => post(`/v1/customers/${id(customerId)}/unarchive`),
    erase: (customerId) => post(`/v1/customers/${id(customerId)}/erase`),
    children: (customerId, query) => get(`/v1/customers/${id(customerId)}/children`, query),
    history: (customerId, query) => get(`/v1/customers/${id(customerId)}/history`, query),
};

export const contacts = {
    list: (customerId) => get(`/v1/customers/${id(customerId)}/contacts`),
    create: (customerId, body) => post(`/v1/customers/${id(customerId)}/contacts`, body),
    update: (customerId, contactId, body) => patch(`/v1/customers/${id(customerId)}/contacts/${id(contactId)}`, body),
    remove: (customerId, contactId) => del(`/v1/customers/${id(customerId)}/contacts/${id(contactId)}`),
    recipients: (customerId, communication) => get(`/v1/customers/${id(customerId)}/recipients`, {communication}),
};

export const wallets = {
    ofCustomer: (customerId) => get(`/v1/customers/${id(customerId)}/wallets`),
    create: (customerId, currency) => post(`/v1/customers/${id(customerId)}/wallets`, {currency}),
    get: (walletId) => get(`/v1/wallets/${id(walletId)}`),
    credit: (walletId, body) => post(`/v1/wallets/${id(walletId)}/credits`, body),
    debit: (walletId, body) => post(`/v1/wallets/${id(walletId)}/debits`, body),
    transfer: (walletId, body) => post(`/v1/wallets/${id(walletId)}/transfers`, body),
    transactions: (walletId, query) => get(`/v1/wallets/${id(walletId)}/transactions`, query),
};

export const holds = {
    ofWallet: (walletId, query) => get(`/v1/wallets/${id(walletId)}/holds`, query),
    create: (walletId, body) => post(`/v1/wallets/${id(walletId)}/holds`, body),
    capture: (holdId, body) => post(`/v1/holds/${id(holdId)}/capture`, body),
    release: (holdId) => post(`/v1/holds/${id(holdId)}/release`),
};

export const grants = {
    ofWallet: (walletId, query) => get(`/v1/wallets/${id(walletId)}/grants`, query),
};

export const imports = {
    template: () => get('/v1/customers/imports/template.csv', null, {accept: 'text/csv'}),
    upload: (file, query) => {
        const form = new FormData();
        form.append('file', file);
        return post(`/v1/customers/imports?${new URLSearchParams(query)}`, form);
    },
    status: (importId) => get(`/v1/customers/imports/${id(importId)}`),
};

export const audit = {
    list: (query) => get('/v1/audit/wallet-adjustments', query),
    csv: (query) => get('/v1/audit/wallet-adjustments', query, {accept: 'text/csv'}),
};

export const apiKeys = {
    list: () => get('/v1/api-keys'),
    create: (name, role) => post('/v1/api-keys', {name, role}),
    revoke: (keyId) => del(`/v1/api-keys/${id(keyId)}`),
};

export const projections = {
    list: () => get('/v1/admin/projections'),
    replay: (name) => post(`/v1/admin/projections/${id(name)}/replay`),
};

export const webhooks = {
    list: (query) => get('/v1/webhook-endpoints', query),
    get: (endpointId) => get(`/v1/webhook-endpoints/${id(endpointId)}`),
    create: (body) => post('/v1/webhook-endpoints', body),
    update: (endpointId, mergePatch) => patch(`/v1/webhook-endpoints/${id(endpointId)}`, mergePatch),
    remove: (endpointId) => del(`/v1/webhook-endpoints/${id(endpointId)}`),
    rotateSecret: (endpointId) => post(`/v1/webhook-endpoints/${id(endpointId)}/rotate-secret`),
    deliveries: (endpointId, query) => get(`/v1/webhook-endpoints/${id(endpointId)}/deliveries`, query),
    retry: (endpointId, deliveryId) => post(
        `/v1/webhook-endpoints/${id(endpointId)}/deliveries/${id(deliveryId)}/retry`),
};
