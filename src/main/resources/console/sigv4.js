// AWS Signature Version 4 in the browser (WebCrypto), as the AWS SDKs sign: the console signs every call with the key
// its user typed, which never leaves this tab's memory.
const encoder = new TextEncoder();

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function sha256Hex(text) {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

async function hmac(key, text) {
  const imported = await crypto.subtle.importKey('raw', typeof key === 'string' ? encoder.encode(key) : key,
    { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', imported, encoder.encode(text));
}

/** RFC 3986 strict: every byte but A-Za-z0-9-._~ percent-encoded. */
export function strictEncode(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * The headers to send for a request: x-amz-date, x-amz-content-sha256 and authorization added to `headers`.
 * `path` is the path as sent (each segment already strictly encoded); `query` a list of [name, value] pairs.
 */
export async function sign({ method, path, query, headers, body, credentials, region, service }) {
  const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const date = amzDate.slice(0, 8);
  const payloadHash = await sha256Hex(body || '');
  const all = { ...headers, 'x-amz-date': amzDate, 'x-amz-content-sha256': payloadHash };
  const signing = { host: location.host };
  for (const [name, value] of Object.entries(all)) {
    signing[name.toLowerCase()] = String(value).trim();
  }
  const names = Object.keys(signing).sort();
  const canonicalUri = path.split('/').map((segment) => strictEncode(segment)).join('/');
  const canonicalQuery = (query || []).map(([k, v]) => [strictEncode(k), strictEncode(v)])
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : (a[0] < b[0] ? -1 : 1)))
    .map(([k, v]) => `${k}=${v}`).join('&');
  const canonicalRequest = [method, canonicalUri, canonicalQuery,
    names.map((n) => `${n}:${signing[n]}\n`).join(''), names.join(';'), payloadHash].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, await sha256Hex(canonicalRequest)].join('\n');
  let key = await hmac('AWS4' + credentials.secretAccessKey, date);
  key = await hmac(key, region);
  key = await hmac(key, service);
  key = await hmac(key, 'aws4_request');
  const signature = hex(await hmac(key, stringToSign));
  return {
    ...all,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, `
      + `SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}
