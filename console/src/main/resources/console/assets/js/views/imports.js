import {h, replace} from '../dom.js';
import {field, onSubmit, valueOf} from '../forms.js';
import {navigate, render} from '../router.js';
import {progressBar, table, toast} from '../ui.js';
import {saveBlob} from '../api.js';
import * as resources from '../resources.js';

/** How often a running import is looked at: often enough for the bar to move smoothly. */
const POLL_MS = 250;

/**
 * CSV import: the template, the upload (dry run, what to do with rows that match an existing customer), then the
 * import's progress while it runs in the background, its counts, and the rows it rejected. An import's page has its
 * own address (/console/imports/imp_…), so it can be left and looked at again.
 */
export async function importScreen(main, [importId]) {
    const status = h('section', {class: 'section import-status', 'aria-labelledby': 'status-title'});
    const form = uploadForm();
    render(main, h('h1', {}, 'Import customers'),
        h('section', {class: 'section', 'aria-labelledby': 'upload-title'},
            h('h2', {id: 'upload-title'}, 'Upload a CSV file'),
            h('p', {}, 'Columns mirror the Add customer form. ',
                h('button', {type: 'button', class: 'btn link', id: 'download-template', onclick: async () => {
                    saveBlob(await resources.imports.template(), 'customers-template.csv');
                }}, 'Download the sample CSV file'),
                ' and remove its example row before adding your customers.'),
            form),
        status);
    if (!importId) {
        return null;
    }
    return follow(status, importId);
}

function uploadForm() {
    const fileField = field({name: 'file', label: 'CSV file', type: 'file',
        hint: 'Click to choose a file, or drop it here. UTF-8, at most 50 MB.'});
    const input = fileField.querySelector('input');
    input.setAttribute('accept', '.csv,text/csv');
    fileField.classList.add('drop-zone');
    fileField.addEventListener('dragover', (event) => {
        event.preventDefault();
        fileField.classList.add('dragging');
    });
    fileField.addEventListener('dragleave', () => fileField.classList.remove('dragging'));
    fileField.addEventListener('drop', (event) => {
        event.preventDefault();
        fileField.classList.remove('dragging');
        if (event.dataTransfer.files.length) {
            input.files = event.dataTransfer.files;
        }
    });
    const form = h('form', {class: 'card', novalidate: true, 'aria-label': 'Upload a CSV file'},
        fileField,
        h('div', {class: 'grid'},
            field({name: 'on_conflict', label: 'Rows whose customer ID or email already exists', type: 'select',
                options: [['skip', 'Skip them'], ['update', 'Update the existing customer'],
                    ['fail', 'Reject them as errors']]}),
            field({name: 'dry_run', label: 'Dry run: check the file, change nothing', type: 'checkbox'})),
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'btn primary'}, 'Import CSV data')));
    return onSubmit(form, () => {
        if (!input.files.length) {
            return Promise.reject(new Error('Choose a CSV file first'));
        }
        return resources.imports.upload(input.files[0], {dry_run: String(valueOf(form, 'dry_run')),
            on_conflict: valueOf(form, 'on_conflict')});
    }, (accepted) => {
        toast('Import started');
        navigate(`/console/imports/${encodeURIComponent(accepted.id)}`, {replaceState: true});
    });
}

/** Shows an import and keeps looking at it until it has finished; answers how to stop looking. */
function follow(holder, importId) {
    let stopped = false;
    let timer = null;
    const look = async () => {
        try {
            const state = await resources.imports.status(importId);
            if (stopped) {
                return;
            }
            show(holder, state);
            if (state.status === 'queued' || state.status === 'running') {
                timer = setTimeout(look, POLL_MS);
            }
        } catch (error) {
            if (!stopped) {
                replace(holder, h('h2', {id: 'status-title'}, 'Import'), h('p', {role: 'alert'}, error.message));
            }
        }
    };
    look();
    return () => {
        stopped = true;
        clearTimeout(timer);
    };
}

function show(holder, state) {
    const fraction = state.status === 'succeeded' ? 1
        : state.total_rows > 0 ? state.processed_rows / state.total_rows : 0;
    const done = state.status === 'succeeded' || state.status === 'failed';
    replace(holder,
        h('h2', {id: 'status-title'}, state.dry_run ? 'Dry run' : 'Import', ' ', h('code', {}, state.id)),
        h('p', {class: `import-state ${state.status}`, 'data-status': state.status}, `Status: ${state.status}`,
            done ? '' : ' (updating)'),
        progressBar('Import progress', fraction),
        h('dl', {class: 'counts'}, [['Rows', state.total_rows], ['Processed', state.processed_rows],
            ['Created', state.created], ['Updated', state.updated], ['Skipped', state.skipped],
            ['Rejected', state.failed_rows]].map(([term, value]) => h('div', {}, h('dt', {}, term),
            h('dd', {}, String(value))))),
        state.errors.length ? h('div', {},
            h('h3', {}, `Rejected rows${state.failed_rows > state.errors.length
                ? ` (the first ${state.errors.length} of ${state.failed_rows})` : ''}`),
            table('Rejected rows', [
                {label: 'Row', cell: (e) => e.row === null ? 'file' : String(e.row)},
                {label: 'Column', cell: (e) => e.field || '—'},
                {label: 'Code', cell: (e) => h('code', {}, e.code)},
                {label: 'Message', cell: (e) => e.message},
            ], state.errors, {className: 'import-errors'})) : null,
        done ? h('p', {}, h('a', {href: '/console/customers'}, 'Go to customers')) : null);
}

