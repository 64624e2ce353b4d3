// The workspace's API calls; writes carry the session token from the page's <meta>.
const token = document.querySelector('meta[name="budgetpdf-token"]').getAttribute('content');

async function answer(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

export async function getJson(path) {
  return answer(await fetch(path, { headers: { accept: 'application/json' } }));
}

export async function send(method, path, body) {
  const headers = { 'x-budgetpdf-token': token };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return answer(await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
}
