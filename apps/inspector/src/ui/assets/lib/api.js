/** Reads the inspector's JSON API; a non-2xx answer throws with the API's own error text. */
export async function api(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) {
    throw Object.assign(new Error(body.error || response.statusText), { status: response.status });
  }
  return body;
}
