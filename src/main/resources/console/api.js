// The public API as the console calls it: signed with the signed-in key, AWS errors as AwsError.
import { sign, strictEncode } from './sigv4.js';

const region = document.querySelector('meta[name="corelink-region"]').content;
let credentials = null; // this tab's memory only: never storage, never a URL

export class AwsError extends Error {
  constructor(type, message, status) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

export function signIn(accessKeyId, secretAccessKey) {
  credentials = { accessKeyId: accessKeyId.trim(), secretAccessKey: secretAccessKey.trim() };
}

export function signOut() {
  credentials = null;
}

export function signedIn() {
  return credentials !== null;
}

/** A path segment as the AWS SDKs send it. */
export const segment = strictEncode;

async function send(service, method, path, query, body, contentType) {
  const headers = body ? { 'content-type': contentType } : {};
  const signed = await sign({ method, path, query, headers, body, credentials, region, service });
  const search = query && query.length ? '?' + query.map(([k, v]) => `${strictEncode(k)}=${strictEncode(v)}`).join('&') : '';
  const response = await fetch(path + search, {
    method, headers: signed, body: body || undefined, credentials: 'omit', cache: 'no-store',
  });
  const text = await response.text();
  if (!response.ok) {
    let type = (response.headers.get('x-amzn-ErrorType') || '').split(':')[0];
    let message = '';
    if (text.startsWith('{')) {
      try { message = JSON.parse(text).message || ''; } catch (e) { /* not JSON after all */ }
    } else if (text.startsWith('<')) {
      const xml = new DOMParser().parseFromString(text, 'application/xml');
      type = type || xml.querySelector('Code')?.textContent || '';
      message = xml.querySelector('Message')?.textContent || '';
    }
    throw new AwsError(type || `HTTP ${response.status}`, message || type || `HTTP ${response.status}`,
      response.status);
  }
  return text;
}

/** A REST-JSON call; `query` a list of [name, value] pairs. */
export async function call(service, method, path, { query = [], body } = {}) {
  const text = await send(service, method, path, query, body === undefined ? '' : JSON.stringify(body),
    'application/json');
  return text && text.startsWith('{') ? JSON.parse(text) : {};
}

/** Every item of a paged list. */
export async function all(service, path, itemsKey, { query = [], tokenParameter = 'nextToken',
  tokenMember = 'nextToken', method = 'GET', limit = 5000 } = {}) {
  const items = [];
  let token = null;
  do {
    const page = await call(service, method, path, { query: token ? [...query, [tokenParameter, token]] : query });
    items.push(...(page[itemsKey] || []));
    token = page[tokenMember] || null;
  } while (token && items.length < limit);
  items.truncated = Boolean(token); // more were there: a count says "5000+"
  return items;
}

/** Who signs: STS GetCallerIdentity (the AWS query protocol). */
export async function callerArn() {
  const text = await send('sts', 'POST', '/', [], 'Action=GetCallerIdentity&Version=2011-06-15',
    'application/x-www-form-urlencoded; charset=utf-8');
  const xml = new DOMParser().parseFromString(text, 'application/xml');
  return xml.querySelector('Arn')?.textContent || '';
}

/** This node's meters in Prometheus' text format. */
export async function metrics() {
  return send('greengrass', 'GET', '/_corelink/metrics', [], '', '');
}
