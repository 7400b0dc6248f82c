import {h, replace} from '../dom.js';
import {render} from '../router.js';
import {confirmAction, progressBar, table, toast} from '../ui.js';
import * as resources from '../resources.js';

const REFRESH_MS = 2000;

/** The read models (operator only): how far behind each is, replays and their progress, parked events. */
export async function projectionsScreen(main) {
    const holder = h('div', {'aria-live': 'off'});
    const failure = h('p', {class: 'error-text', role: 'alert'});
    let stopped = false;
    let timer = null;
    const refresh = async () => {
        try {
            const projections = await resources.projections.list();
            if (stopped) {
                return;
            }
            replace(holder, table('Projections', [
                {label: 'Projection', cell: (p) => h('strong', {}, p.name)},
                {label: 'Status', cell: (p) => h('span', {class: `badge ${p.status}`}, p.status)},
                {label: 'Position', cell: (p) => String(p.position)},
                {label: 'Head', cell: (p) => String(p.head)},
                {label: 'Lag', cell: (p) => h('span', {class: p.lag > 0 ? 'lag behind' : 'lag'}, String(p.lag))},
                {label: 'Dead letters', cell: (p) => String(p.dead_letters)},
                {label: 'Replay', cell: (p) => p.replaying
                        ? progressBar(`Replay of ${p.name}`, p.replay_progress || 0) : 'Not replaying'},
                {label: 'Actions', cell: (p) => h('button', {type: 'button', class: 'btn small',
                    disabled: p.replaying, 'aria-label': `Replay ${p.name}`, onclick: async () => {
                        if (await confirmAction(`Replay ${p.name}?`, 'Its read model is rebuilt from the first event '
                            + 'beside the live one; queries keep answering until the new one swaps in.', 'Replay')) {
                            try {
                                await resources.projections.replay(p.name);
                                toast(`Replay of ${p.name} started`);
                            } catch (error) {
                                replace(failure, error.message);
                            }
                            refresh();
                        }
                    }}, 'Replay')},
            ], projections.data, {className: 'projections'}));
        } catch (error) {
            replace(failure, error.message);
        }
        if (!stopped) {
            clearTimeout(timer);
            timer = setTimeout(refresh, REFRESH_MS);
        }
    };
    render(main, h('h1', {}, 'Projections'),
        h('p', {class: 'hint'}, `Lag is how many events each read model has still to process. Refreshed every `
            + `${REFRESH_MS / 1000} s.`), failure, holder);
    await refresh();
    return () => {
        stopped = true;
        clearTimeout(timer);
    };
}
