import uPlot from '/console/vendor/uplot/1.6.30/dist/uPlot.esm.js';
import {h, replace} from '../dom.js';
import * as resources from '../resources.js';

/** How many of the newest ledger entries the chart shows (a page of the API is 100). */
const MAX_ENTRIES = 500;

/** Entries marked on the line, by kind: a hold's capture is a debit with reason hold_capture. */
const MARKERS = [
    {label: 'Credit', color: '#1a7f37', match: (t) => t.type === 'credit'},
    {label: 'Debit', color: '#b42318', match: (t) => t.type === 'debit' && t.reason !== 'hold_capture'},
    {label: 'Capture', color: '#8a4b00', match: (t) => t.type === 'debit' && t.reason === 'hold_capture'},
    {label: 'Expiry', color: '#5b5f6b', match: (t) => t.type === 'expiry'},
];

/**
 * The balance over time, from the ledger: one point per entry, at the balance it left (balance_after), drawn as steps
 * since a balance holds until the next entry. The amounts are plotted as numbers only to place pixels; every figure
 * shown as text comes from the API's decimal strings.
 */
export async function balanceChart(figure, wallet) {
    const entries = [];
    let cursor;
    do {
        const page = await resources.wallets.transactions(wallet.id, {limit: 100, starting_after: cursor});
        entries.push(...page.data);
        cursor = page.has_more ? page.next_cursor : null;
    } while (cursor && entries.length < MAX_ENTRIES);
    entries.reverse();
    figure.dataset.points = String(entries.length);
    const caption = entries.length
        ? `Balance of the ${wallet.currency} wallet over its ${entries.length === MAX_ENTRIES ? 'last ' : ''}`
        + `${entries.length} transaction${entries.length === 1 ? '' : 's'}: from ${entries[0].balance_after} to `
        + `${entries[entries.length - 1].balance_after} ${wallet.currency}.`
        : 'No transactions yet: the balance has always been zero.';
    const plot = h('div', {class: 'chart-plot', role: 'img', 'aria-label': caption});
    replace(figure, plot, h('figcaption', {}, caption));
    if (!entries.length) {
        return;
    }
    const times = entries.map((t) => new Date(t.occurred_at).getTime() / 1000);
    const balances = entries.map((t) => Number(t.balance_after));
    const series = [{}, {label: `Balance (${wallet.currency})`, stroke: '#2f5bd3', width: 2,
        fill: 'rgba(47, 91, 211, 0.08)', paths: uPlot.paths.stepped({align: 1}), points: {show: false}}];
    const data = [times, balances];
    for (const marker of MARKERS) {
        series.push({label: marker.label, stroke: marker.color, width: 0, paths: () => null,
            points: {show: true, size: 8, fill: marker.color, stroke: marker.color}});
        data.push(entries.map((t, index) => marker.match(t) ? balances[index] : null));
    }
    const width = () => Math.max(260, plot.clientWidth || figure.clientWidth || 600);
    const chart = new uPlot({width: width(), height: 240, series, scales: {x: {time: true}},
        axes: [{}, {size: 70}], legend: {show: true}, cursor: {drag: {x: false, y: false}}}, data, plot);
    new ResizeObserver(() => chart.setSize({width: width(), height: 240})).observe(figure);
}
