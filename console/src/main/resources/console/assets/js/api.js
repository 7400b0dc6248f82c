// The console's only way to the server: the same /v1 API every client uses, authenticated by the session cookie
// (HttpOnly, so this script never sees it) plus the CSRF header. Every rule, role and error of the API applies as is.

const CSRF_HEADER = 'X-Billfold-Console';

/** Reads wait for the console's own last write (Billfold-Await-Position), so a screen never shows stale data. */
let lastPosition = null;

/** A refused request: the API's problem response (status, code, detail and the invalid fields). */
export class ApiError extends Error {
    constructor(status, problem) {
        super(problem?.detail || problem?.title || `HTTP ${status}`);
        this.status = status;
        this.code = problem?.code || 'error';
        this.errors = problem?.errors || [];
    }
}

function url(path, query) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query || {})) {
        if (value !== undefined && value !== null && value !== '') {
            search.append(name, value);
        }
    }
    const text = search.toString();
    return text ? `${path}?${text}` : path;
}

/**
 * One API call. body: an object (sent as JSON), FormData or Blob. accept: 'json' (default) or a media type, then the
 * response comes back as a Blob. Answers the parsed body; throws ApiError for anything but a 2xx.
 */
export async function request(method, path, {query, body, accept = 'json', contentType} = {}) {
    const headers = {[CSRF_HEADER]: '1', 'Accept': accept === 'json' ? 'application/json' : accept};
    let payload;
    if (body instanceof FormData || body instanceof Blob) {
        payload = body;
    } else if (body !== undefined) {
        payload = JSON.stringify(body);
        headers['Content-Type'] = contentType || 'application/json';
    }
    if (method === 'GET' && lastPosition !== null) {
        headers['Billfold-Await-Position'] = lastPosition;
    }
    const response = await fetch(url(path, query), {method, headers, body: payload, credentials: 'same-origin',
        cache: 'no-store'});
    const position = response.headers.get('Billfold-Position');
    if (position !== null && (lastPosition === null || Number(position) > Number(lastPosition))) {
        lastPosition = position;
    }
    if (response.status === 401 && path !== '/console/session') {
        window.dispatchEvent(new CustomEvent('billfold:signed-out'));
    }
    if (!response.ok) {
        let problem = null;
        try {
            problem = await response.json();
        } catch (ignored) {
            // not a problem response (a proxy's page, say): the status says enough
        }
        throw new ApiError(response.status, problem);
    }
    if (response.status === 204) {
        return null;
    }
    return accept === 'json' ? response.json() : response.blob();
}

export const get = (path, query, options) => request('GET', path, {query, ...options});
export const post = (path, body, options) => request('POST', path, {body, ...options});
export const patch = (path, body) => request('PATCH', path, {body, contentType: 'application/merge-patch+json'});
export const put = (path, body) => request('PUT', path, {body});
export const del = (path) => request('DELETE', path);

/** Saves a response body as a file: the browser downloads it, nothing is navigated to. */
export function saveBlob(blob, filename) {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
