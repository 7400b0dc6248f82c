// Forms: every input has a label, a hint where useful, and a place for its error. The API's field errors (JSON paths
// such as address.country or tax_info[1].tax_id) are shown next to the inputs they name, all at once, and listed in a
// summary at the top of the form that links to each field and takes the focus.
import {h, replace, uid} from './dom.js';
import {ApiError} from './api.js';

/**
 * A labelled input. spec: {name (the API's field path), label, type, value, hint, required, options: [[value, label]],
 * autocomplete, inputmode, rows}.
 */
export function field(spec) {
    const inputId = uid('field');
    const errorId = `${inputId}-error`;
    const hintId = spec.hint ? `${inputId}-hint` : null;
    const describedBy = [hintId, errorId].filter(Boolean).join(' ');
    let input;
    if (spec.type === 'select') {
        input = h('select', {id: inputId, name: spec.name, 'aria-describedby': describedBy},
            (spec.options || []).map(([value, label]) => h('option', {value, selected: value === (spec.value ?? '')},
                label)));
    } else if (spec.type === 'textarea') {
        input = h('textarea', {id: inputId, name: spec.name, rows: spec.rows || 4, 'aria-describedby': describedBy,
            spellcheck: 'false'});
        input.value = spec.value ?? '';
    } else if (spec.type === 'checkbox') {
        input = h('input', {id: inputId, name: spec.name, type: 'checkbox', checked: Boolean(spec.value),
            'aria-describedby': describedBy, 'data-boolean': true});
        return h('div', {class: 'field checkbox', 'data-field': spec.name},
            input, h('label', {for: inputId}, spec.label),
            hintId && h('p', {class: 'hint', id: hintId}, spec.hint),
            h('p', {class: 'error', id: errorId}));
    } else {
        input = h('input', {id: inputId, name: spec.name, type: spec.type || 'text', value: spec.value ?? '',
            required: spec.required, autocomplete: spec.autocomplete || 'off', inputmode: spec.inputmode,
            list: spec.list, 'aria-describedby': describedBy, spellcheck: 'false'});
    }
    return h('div', {class: `field${spec.wide ? ' wide' : ''}`, 'data-field': spec.name},
        h('label', {for: inputId}, spec.label, spec.required ? h('span', {class: 'required'}, ' (required)') : null),
        hintId && h('p', {class: 'hint', id: hintId}, spec.hint),
        h('p', {class: 'error', id: errorId}),
        input);
}

/** A group of checkboxes (one field whose value is a list), with a legend. */
export function checkboxGroup(name, legend, options, selected = []) {
    return h('fieldset', {class: 'field choices', 'data-field': name},
        h('legend', {}, legend), h('p', {class: 'error'}),
        h('div', {class: 'choice-list'}, options.map(([value, label]) => {
            const inputId = uid('choice');
            return h('div', {class: 'choice'},
                h('input', {type: 'checkbox', id: inputId, name, value, checked: selected.includes(value)}),
                h('label', {for: inputId}, label));
        })));
}

/** A group of radio buttons, with a legend. */
export function radioGroup(name, legend, options, selected) {
    return h('fieldset', {class: 'field choices', 'data-field': name},
        h('legend', {}, legend), h('p', {class: 'error'}),
        h('div', {class: 'choice-list'}, options.map(([value, label]) => {
            const inputId = uid('choice');
            return h('div', {class: 'choice'},
                h('input', {type: 'radio', id: inputId, name, value, checked: value === selected}),
                h('label', {for: inputId}, label));
        })));
}

/** The value of the form control named {@code name}: trimmed text, a boolean for a checkbox, a list for a group. */
export function valueOf(form, name) {
    const controls = [...form.querySelectorAll(`[name="${CSS.escape(name)}"]`)];
    if (!controls.length) {
        return undefined;
    }
    if (controls[0].dataset.boolean !== undefined) {
        return controls[0].checked;
    }
    if (controls[0].type === 'checkbox') {
        return controls.filter((c) => c.checked).map((c) => c.value);
    }
    if (controls[0].type === 'radio') {
        return controls.find((c) => c.checked)?.value;
    }
    return controls[0].value.trim();
}

/** Text of a field, or undefined when empty (left out of a request). */
export function textOf(form, name) {
    const value = valueOf(form, name);
    return value === '' ? undefined : value;
}

/** The form's error summary, created on first use at the top of the form. */
function summaryOf(form) {
    let summary = form.querySelector(':scope > .error-summary');
    if (!summary) {
        summary = h('div', {class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true});
        form.prepend(summary);
    }
    return summary;
}

export function clearErrors(form) {
    form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
    form.querySelectorAll('.field.invalid').forEach((element) => element.classList.remove('invalid'));
    form.querySelectorAll('.error').forEach((element) => replace(element));
    const summary = summaryOf(form);
    summary.hidden = true;
    replace(summary);
}

/** The element showing a field path: the field itself, else the nearest enclosing one (tax_info[0].x -> tax_info[0]). */
function fieldElement(form, path, aliases) {
    for (let candidate = aliases[path] || path; candidate;) {
        const element = form.querySelector(`[data-field="${CSS.escape(candidate)}"]`);
        if (element) {
            return element;
        }
        const cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
        candidate = cut > 0 ? candidate.slice(0, cut) : null;
    }
    return null;
}

/**
 * Shows a failed request on its form: each field error next to its field (marked aria-invalid) and every error in
 * the summary, which takes the focus. conflicts maps a conflict's code (409) to the field it is about, e.g.
 * {email_in_use: 'email'}; aliases maps an API path to another field name of the form.
 */
export function showError(form, error, {conflicts = {}, aliases = {}} = {}) {
    clearErrors(form);
    const summary = summaryOf(form);
    const items = [];
    const errors = error instanceof ApiError && error.errors.length ? error.errors
        : error instanceof ApiError && conflicts[error.code]
            ? [{field: conflicts[error.code], code: error.code, message: error.message}] : [];
    for (const fieldError of errors) {
        const element = fieldElement(form, fieldError.field, aliases);
        const text = `${fieldError.field}: ${fieldError.message}`;
        if (element) {
            element.classList.add('invalid');
            const slot = element.querySelector(':scope > .error');
            slot.append(h('span', {}, element.dataset.field === fieldError.field ? fieldError.message : text));
            element.querySelectorAll(':scope > input, :scope > select, :scope > textarea')
                .forEach((input) => input.setAttribute('aria-invalid', 'true'));
            const target = element.querySelector('input, select, textarea');
            items.push(h('li', {}, target ? h('a', {href: `#${target.id}`, onclick: (event) => {
                event.preventDefault();
                target.focus();
            }}, text) : text));
        } else {
            items.push(h('li', {}, text));
        }
    }
    if (!errors.length) {
        items.push(h('li', {}, error.message || 'The request failed'));
    }
    replace(summary, h('h2', {}, errors.length > 1 ? `${errors.length} problems to fix` : 'There is a problem'),
        h('ul', {}, items));
    summary.hidden = false;
    summary.focus();
}

/**
 * Wires a form's submit: runs action(form) with the submit button disabled, shows the API's errors on the form, and
 * runs done(result) on success.
 */
export function onSubmit(form, action, done, options) {
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const buttons = form.querySelectorAll('button[type=submit]');
        buttons.forEach((button) => button.disabled = true);
        try {
            const result = await action(form);
            clearErrors(form);
            await done(result);
        } catch (error) {
            if (!(error instanceof ApiError)) {
                console.error(error);
            }
            showError(form, error, options);
        } finally {
            buttons.forEach((button) => button.disabled = false);
        }
    });
    return form;
}
