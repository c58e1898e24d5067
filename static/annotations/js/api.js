// Same-origin client of /api/v1/: JSON in and out, the CSRF token on writes, If-Match on edits.

import { gettext, interpolate } from "./i18n.js";
import { clientId } from "./live_socket.js";

export class ApiError extends Error {
  constructor(status, data) {
    super(interpolate(gettext("The server answered %(status)s."), { status }));
    this.status = status;
    this.data = data;
  }

  /** Return {field: [messages]} from a 400, or {non_field_errors: [detail]} for other errors. */
  get fieldErrors() {
    if (this.data && typeof this.data === "object" && !("detail" in this.data) && this.status === 400) {
      return this.data;
    }
    const detail = this.data && this.data.detail;
    return { non_field_errors: [detail || defaultMessage(this.status)] };
  }
}

function defaultMessage(status) {
  if (status === 0) return gettext("The server could not be reached. Check your connection and try again.");
  if (status === 403) return gettext("You may not do this.");
  if (status === 404) return gettext("This annotation no longer exists.");
  if (status >= 500) return gettext("The server failed to handle this. Try again later.");
  return interpolate(gettext("The request failed (%(status)s)."), { status });
}

export class Api {
  constructor({ base, csrfToken }) {
    this.base = base;
    this.csrfToken = csrfToken;
  }

  async request(method, path, { body, version, params } = {}) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET") {
      headers["X-CSRFToken"] = this.csrfToken;
      headers["X-Live-Client"] = clientId;  // the live desk does not echo this tab's changes to it
    }
    if (version !== undefined && version !== null) headers["If-Match"] = `"${version}"`;
    const url = new URL(this.base + path, window.location.origin);
    for (const [name, value] of Object.entries(params || {})) url.searchParams.set(name, value);
    let response;
    try {
      response = await fetch(url, {
        method, headers, credentials: "same-origin",
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, null);
    }
    const type = response.headers.get("Content-Type") || "";
    const data = response.status !== 204 && type.includes("json") ? await response.json() : null;
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }

  searchSources(search) {
    return this.request("GET", "sources/", { params: { search, limit: 10 } })
      .then((data) => (Array.isArray(data) ? data : data.results || []));
  }

  /** Stored sources whose name or an alias is close to a name about to be created. */
  similarSources(name) {
    return this.request("GET", "sources/", { params: { similar: name, limit: 5 } })
      .then((data) => (Array.isArray(data) ? data : data.results || []));
  }

  createAnnotation(fields) {
    return this.request("POST", "annotations/", { body: fields });
  }

  updateAnnotation(id, version, fields) {
    return this.request("PATCH", `annotations/${id}/`, { body: fields, version });
  }

  getAnnotation(id) {
    return this.request("GET", `annotations/${id}/`);
  }

  deleteAnnotation(id, version) {
    return this.request("DELETE", `annotations/${id}/`, { version });
  }

  transition(id, action, version, body = {}) {
    return this.request("POST", `annotations/${id}/${action}/`, { body, version });
  }

  published(id) {
    return this.request("GET", `annotations/${id}/published/`);
  }

  history(id) {
    return this.request("GET", `annotations/${id}/history/`);
  }
}
