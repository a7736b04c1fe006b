// The Corelink console: every view is made of public API calls signed with the signed-in key, so IAM policies decide
// what it shows and what it may change; a refused call shows the AWS error in words (role="alert").
import { all, AwsError, call, callerArn, metrics, segment, signIn, signOut, signedIn } from './api.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');

/** An element: h('a', {href: '#/x'}, 'text', child…). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

// Each route() is a generation: a view draws only while its generation is the current one and a key is signed in,
// so a slow view the user has left (or signed out of) never draws over the page that replaced it.
let generation = 0;

function drawer() {
  const mine = generation;
  return (...children) => {
    if (mine === generation && signedIn()) {
      main.replaceChildren(...children);
    }
  };
}

function show(...children) {
  main.replaceChildren(...children);
}

function alertOf(error) {
  const refused = error instanceof AwsError;
  const words = refused && (error.type === 'AccessDeniedException' || error.status === 403)
    ? `You may not do this: ${error.message}` : refused ? `${error.type}: ${error.message}` : String(error.message || error);
  return h('div', { role: 'alert' }, words);
}

function table(headings, rows, caption) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    caption ? h('caption', { class: 'note' }, caption) : null,
    h('thead', {}, h('tr', {}, headings.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.length ? rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, c))))
      : h('tr', {}, h('td', { colspan: headings.length, class: 'note' }, 'None')))));
}

function when(seconds) {
  return seconds ? new Date(seconds * 1000).toISOString().replace('.000', '') : '';
}

// ---- sign-in ------------------------------------------------------------------------------------------------

function signInView(problem) {
  const id = h('input', { id: 'access-key-id', name: 'accessKeyId', autocomplete: 'off', required: true, spellcheck: 'false' });
  const secret = h('input', { id: 'secret-access-key', name: 'secretAccessKey', type: 'password', autocomplete: 'off', required: true });
  const form = h('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      if (!window.isSecureContext || !window.crypto?.subtle) {
        signInView(new Error('This page can sign requests only over HTTPS or on localhost: serve the control plane '
          + 'with --control-plane-tls, or open it on 127.0.0.1.'));
        return;
      }
      signIn(id.value, secret.value);
      secret.value = '';
      try {
        const arn = await callerArn();
        nav.hidden = false;
        nav.dataset.who = arn;
        if (!location.hash || location.hash === '#/') {
          location.hash = '#/fleet';
        } else {
          route();
        }
      } catch (error) {
        signOut();
        signInView(error);
      }
    },
  },
  h('label', { for: 'access-key-id' }, 'Access key ID', id),
  h('label', { for: 'secret-access-key' }, 'Secret access key', secret),
  h('button', { type: 'submit' }, 'Sign in'));
  nav.hidden = true;
  show(h('h1', {}, 'Sign in'),
    h('p', { class: 'note' }, 'With an access key of this server (an IAM user\'s, or the administrator\'s in '
      + 'admin-credentials). The secret stays in this tab\'s memory and is gone when you sign out or close it.'),
    problem ? alertOf(problem) : null, form);
  id.focus();
}

// ---- views --------------------------------------------------------------------------------------------------

async function fleetView() {
  const show = drawer();
  const heading = h('h1', {}, 'Fleet');
  show(heading, h('p', { class: 'note' }, 'Counting…'));
  const problems = [];
  const attempt = async (work, fallback) => {
    try { return await work(); } catch (error) { problems.push(error); return fallback; }
  };
  const count = (items) => `${items.length}${items.truncated ? '+' : ''}`;
  const things = await attempt(() => all('iot', '/things', 'things', { query: [['maxResults', '250']] }), null);
  const certificates = await attempt(() => all('iot', '/certificates', 'certificates', {
    query: [['pageSize', '250']], tokenParameter: 'marker', tokenMember: 'nextMarker' }), null);
  const cores = await attempt(() => all('greengrass', '/greengrass/v2/coreDevices', 'coreDevices',
    { query: [['maxResults', '100']] }), null);
  let associations = null;
  if (cores) {
    let total = 0;
    let partial = false;
    for (const core of cores) {
      const devices = await attempt(() => all('greengrass', `/greengrass/v2/coreDevices/${segment(core.coreDeviceThingName)}/associatedClientDevices`,
        'associatedClientDevices', { query: [['maxResults', '100']] }), null);
      if (devices === null) {
        partial = true;
        break;
      }
      total += devices.length;
      partial = partial || Boolean(devices.truncated);
    }
    associations = partial && total === 0 ? 'not allowed' : `${total}${partial ? '+' : ''}`;
  }
  const byStatus = (items, key) => {
    const counts = {};
    for (const item of items) counts[item[key]] = (counts[item[key]] || 0) + 1;
    return Object.entries(counts).sort().map(([status, n]) => `${n} ${status}`).join(', ') || '0';
  };
  const discover = await attempt(async () => {
    const counts = {};
    for (const line of (await metrics()).split('\n')) {
      if (line.startsWith('corelink_requests_total{') && line.includes('operation="Discover"')) {
        const status = /status="(\d+)"/.exec(line)?.[1] || '?';
        counts[status] = (counts[status] || 0) + Number(line.slice(line.lastIndexOf(' ') + 1));
      }
    }
    return Object.entries(counts).sort().map(([s, n]) => `${Math.round(n)} × ${s}`).join(', ') || 'none yet';
  }, null);
  show(heading, h('dl', { class: 'counts' },
    h('dt', {}, 'Things'), h('dd', { 'data-count': 'things' }, things ? count(things) : 'not allowed'),
    h('dt', {}, 'Certificates'), h('dd', { 'data-count': 'certificates' }, certificates ? `${count(certificates)} (${byStatus(certificates, 'status')})` : 'not allowed'),
    h('dt', {}, 'Core devices'), h('dd', { 'data-count': 'core-devices' }, cores ? `${count(cores)} (${byStatus(cores, 'status')})` : 'not allowed'),
    h('dt', {}, 'Associations'), h('dd', { 'data-count': 'associations' }, associations ?? 'not allowed'),
    h('dt', {}, 'Discover answers on this node'), h('dd', {}, discover ?? 'not allowed (corelink:GetMetrics)')),
  problems.length ? h('p', { class: 'note' }, `Some counts need permissions this key lacks: ${problems[0].message}`) : null);
}

/** "First page" and "Next page" links of a list whose page token rides in the hash. */
function pager(base, parameters, nextToken) {
  const first = new URLSearchParams(parameters);
  first.delete('page');
  const next = new URLSearchParams(first);
  if (nextToken) next.set('page', nextToken);
  return h('p', {}, parameters.get('page') ? h('a', { href: `${base}?${first}` }, 'First page') : null, ' ',
    nextToken ? h('a', { href: `${base}?${next}` }, 'Next page') : null);
}

async function coreDevicesView() {
  const show = drawer();
  const parameters = hashParameters();
  const query = [['maxResults', '100']];
  if (parameters.get('status')) query.push(['status', parameters.get('status')]);
  if (parameters.get('page')) query.push(['nextToken', parameters.get('page')]);
  const page = await call('greengrass', 'GET', '/greengrass/v2/coreDevices', { query });
  const status = h('select', { id: 'core-status' }, ['', 'HEALTHY', 'UNHEALTHY'].map((value) =>
    h('option', { value, selected: value === (parameters.get('status') || '') }, value || 'Any')));
  show(h('h1', {}, 'Core devices'),
    h('form', { onsubmit: (event) => { event.preventDefault(); location.hash = `#/core-devices?${new URLSearchParams({ status: status.value })}`; } },
      h('label', { for: 'core-status' }, 'Status', status), h('button', { type: 'submit' }, 'Show')),
    table(['Name', 'Status', 'Last status update'], (page.coreDevices || []).map((core) => [
      h('a', { href: `#/core-devices/${encodeURIComponent(core.coreDeviceThingName)}` }, core.coreDeviceThingName),
      core.status, when(core.lastStatusUpdateTimestamp)])),
    pager('#/core-devices', parameters, page.nextToken));
}

/** The hash's query: #/view?name=value. */
function hashParameters() {
  return new URLSearchParams(location.hash.split('?')[1] || '');
}

async function coreDeviceView(name) {
  const show = drawer();
  const path = `/greengrass/v2/coreDevices/${segment(name)}`;
  const pageToken = hashParameters().get('page');
  const [core, connectivity, page, authorities] = await Promise.all([
    call('greengrass', 'GET', path),
    call('greengrass', 'GET', `/greengrass/things/${segment(name)}/connectivityInfo`),
    call('greengrass', 'GET', `${path}/associatedClientDevices`, {
      query: pageToken ? [['maxResults', '100'], ['nextToken', pageToken]] : [['maxResults', '100']] }),
    call('greengrass', 'GET', `/corelink/v1/coreDevices/${segment(name)}/certificateAuthorities`).catch((e) => e),
  ]);
  const devices = page.associatedClientDevices || [];
  const here = `#/core-devices/${encodeURIComponent(name)}`;
  const feedback = h('div');
  const act = async (work) => {
    feedback.replaceChildren();
    try {
      const answer = await work();
      const failed = answer?.errorEntries?.[0];
      if (failed) {
        feedback.replaceChildren(alertOf(new AwsError(failed.code, `${failed.thingName}: ${failed.message}`, 400)));
        return;
      }
      await route();
    } catch (error) {
      feedback.replaceChildren(alertOf(error));
    }
  };
  const thingName = h('input', { id: 'associate-thing-name', required: true, spellcheck: 'false' });
  const associateForm = h('form', {
    hidden: true,
    onsubmit: (event) => {
      event.preventDefault();
      act(() => call('greengrass', 'POST', `${path}/associateClientDevices`, { body: { entries: [{ thingName: thingName.value.trim() }] } }));
    },
  }, h('label', { for: 'associate-thing-name' }, 'Thing name', thingName), h('button', { type: 'submit' }, 'Associate'));
  show(h('h1', {}, `Core device ${name}`),
    h('p', {}, `Status: ${core.status} since ${when(core.lastStatusUpdateTimestamp)}`),
    h('h2', {}, 'Connectivity'),
    table(['Id', 'Host', 'Port', 'Metadata'], (connectivity.ConnectivityInfo || []).map((c) => [c.Id || '', c.HostAddress, c.PortNumber, c.Metadata || ''])),
    h('h2', {}, 'CA certificates'),
    authorities instanceof Error ? h('p', { class: 'note' }, `Not shown: ${authorities.message}`)
      : (authorities.coreDeviceCertificates || []).length === 0
        ? h('p', { class: 'note' }, 'None: the core has not called PutCertificateAuthorities, so its client devices cannot discover it.')
        : h('div', {}, authorities.coreDeviceCertificates.map((pem, i) => h('details', {},
          h('summary', {}, `CA certificate ${i + 1}`), h('pre', { class: 'mono' }, pem)))),
    h('h2', {}, 'Client devices'),
    feedback,
    h('button', { type: 'button', onclick: () => { associateForm.hidden = false; thingName.focus(); } }, 'Associate client device'),
    associateForm,
    table(['Thing', 'Associated', 'Action'], devices.map((d) => [
      h('a', { href: `#/things/${encodeURIComponent(d.thingName)}` }, d.thingName), when(d.associationTimestamp),
      h('button', { type: 'button', class: 'secondary', 'aria-label': `Disassociate ${d.thingName}`,
        onclick: () => act(() => call('greengrass', 'POST', `${path}/disassociateClientDevices`, { body: { entries: [{ thingName: d.thingName }] } })) }, 'Disassociate')])),
    h('p', {}, pageToken ? h('a', { href: here }, 'First page') : null, ' ',
      page.nextToken ? h('a', { href: `${here}?page=${encodeURIComponent(page.nextToken)}` }, 'Next page') : null));
}

async function thingsView() {
  const show = drawer();
  const parameters = hashParameters();
  const query = [['maxResults', '50']];
  for (const name of ['attributeName', 'attributeValue']) {
    if (parameters.get(name)) query.push([name, parameters.get(name)]);
  }
  if (parameters.get('page')) query.push(['nextToken', parameters.get('page')]);
  const page = await call('iot', 'GET', '/things', { query });
  const wanted = h('input', { id: 'open-thing', required: true, spellcheck: 'false' });
  const attributeName = h('input', { id: 'attribute-name', spellcheck: 'false', value: parameters.get('attributeName') || '' });
  const attributeValue = h('input', { id: 'attribute-value', spellcheck: 'false', value: parameters.get('attributeValue') || '' });
  show(h('h1', {}, 'Things'),
    h('form', { onsubmit: (event) => { event.preventDefault(); location.hash = `#/things/${encodeURIComponent(wanted.value.trim())}`; } },
      h('label', { for: 'open-thing' }, 'Thing name', wanted), h('button', { type: 'submit' }, 'Open')),
    h('form', { onsubmit: (event) => {
      event.preventDefault();
      location.hash = `#/things?${new URLSearchParams({ attributeName: attributeName.value.trim(), attributeValue: attributeValue.value.trim() })}`;
    } },
    h('label', { for: 'attribute-name' }, 'Attribute name', attributeName),
    h('label', { for: 'attribute-value' }, 'Attribute value', attributeValue), h('button', { type: 'submit' }, 'Filter')),
    table(['Name', 'Attributes'], (page.things || []).map((t) => [
      h('a', { href: `#/things/${encodeURIComponent(t.thingName)}` }, t.thingName),
      Object.entries(t.attributes || {}).map(([k, v]) => `${k}=${v}`).join(', ')])),
    pager('#/things', parameters, page.nextToken));
}

async function thingView(name) {
  const show = drawer();
  const thing = await call('iot', 'GET', `/things/${segment(name)}`);
  const principals = await all('iot', `/things/${segment(name)}/principals`, 'principals', { query: [['maxResults', '100']] });
  const feedback = h('div');
  const act = async (work) => {
    feedback.replaceChildren();
    try { await work(); await route(); } catch (error) { feedback.replaceChildren(alertOf(error)); }
  };
  const rows = [];
  for (const arn of principals) {
    const id = arn.slice(arn.lastIndexOf('/') + 1);
    const [described, policies] = await Promise.all([
      call('iot', 'GET', `/certificates/${segment(id)}`).catch(() => null),
      all('iot', `/attached-policies/${segment(arn)}`, 'policies', { method: 'POST', query: [['pageSize', '250']], tokenParameter: 'marker', tokenMember: 'nextMarker' }).catch(() => null),
    ]);
    const status = described?.certificateDescription?.status || 'not readable with this key';
    const short = id.slice(0, 12);
    const policyInput = h('input', { id: `policy-${id}`, required: true, spellcheck: 'false' });
    rows.push([h('span', { class: 'mono' }, id), status,
      policies === null ? h('span', { class: 'note' }, 'not readable with this key') : h('div', {}, policies.map((p) => h('div', {}, p.policyName, ' ',
        h('button', { type: 'button', class: 'secondary', 'aria-label': `Detach ${p.policyName}`,
          onclick: () => act(() => call('iot', 'POST', `/target-policies/${segment(p.policyName)}`, { body: { target: arn } })) }, 'Detach')))),
      h('form', { onsubmit: (event) => { event.preventDefault(); act(() => call('iot', 'PUT', `/target-policies/${segment(policyInput.value.trim())}`, { body: { target: arn } })); } },
        h('label', { for: `policy-${id}` }, 'Policy name', policyInput),
        h('button', { type: 'submit', 'aria-label': `Attach policy to certificate ${short}` }, 'Attach policy')),
      described === null ? '' : h('button', { type: 'button', class: 'secondary',
        'aria-label': `${status === 'ACTIVE' ? 'Deactivate' : 'Activate'} certificate ${short}`,
        onclick: () => act(() => call('iot', 'PUT', `/certificates/${segment(id)}`, { query: [['newStatus', status === 'ACTIVE' ? 'INACTIVE' : 'ACTIVE']] })) },
      status === 'ACTIVE' ? 'Deactivate' : 'Activate')]);
  }
  let diagnosis;
  try {
    const d = await call('greengrass', 'GET', `/corelink/v1/discoveryDiagnosis/${segment(name)}`);
    diagnosis = [h('p', {}, d.wouldDiscover ? `${name} would discover its core devices.` : `${name} would not discover any core device.`),
      d.reasons?.length ? h('ul', {}, d.reasons.map((r) => h('li', {}, r))) : null,
      table(['Core device', 'Connectivity info', 'CA certificate', 'Included'], (d.coreDevices || []).map((c) => [
        h('a', { href: `#/core-devices/${encodeURIComponent(c.coreDeviceThingName)}` }, c.coreDeviceThingName),
        c.hasConnectivityInfo ? 'yes' : 'no', c.hasCertificateAuthority ? 'yes' : 'no', c.included ? 'yes' : 'no']))];
  } catch (error) {
    diagnosis = [alertOf(error)];
  }
  show(h('h1', {}, `Thing ${name}`),
    h('p', { class: 'note' }, Object.entries(thing.attributes || {}).map(([k, v]) => `${k}=${v}`).join(', ') || 'No attributes'),
    h('h2', {}, 'Certificates'), feedback,
    table(['Certificate', 'Status', 'Policies', 'Attach', 'Status change'], rows),
    h('section', { 'aria-labelledby': 'diagnosis-heading' }, h('h2', { id: 'diagnosis-heading' }, 'Discovery diagnosis'), diagnosis));
}

async function auditView() {
  const show = drawer();
  const parameters = hashParameters();
  const eventName = h('input', { id: 'audit-event-name', spellcheck: 'false', value: parameters.get('eventName') || '' });
  const principal = h('input', { id: 'audit-principal', spellcheck: 'false', value: parameters.get('principal') || '' });
  const startTime = h('input', { id: 'audit-start', spellcheck: 'false', placeholder: '2026-12-02T10:00:00Z', value: parameters.get('startTime') || '' });
  const endTime = h('input', { id: 'audit-end', spellcheck: 'false', placeholder: '2026-12-02T18:00:00Z', value: parameters.get('endTime') || '' });
  const query = [['maxResults', '50']];
  for (const [name, value] of parameters) {
    if (value && ['eventName', 'principal', 'startTime', 'endTime', 'nextToken'].includes(name)) query.push([name, value]);
  }
  const page = await call('greengrass', 'GET', '/corelink/v1/auditEvents', { query });
  const filter = (extra = {}) => {
    const next = new URLSearchParams({ eventName: eventName.value.trim(), principal: principal.value.trim(),
      startTime: startTime.value.trim(), endTime: endTime.value.trim(), ...extra });
    return `#/audit?${next}`;
  };
  show(h('h1', {}, 'Audit log'),
    h('form', { onsubmit: (event) => { event.preventDefault(); location.hash = filter(); } },
      h('label', { for: 'audit-event-name' }, 'Event name', eventName),
      h('label', { for: 'audit-principal' }, 'Access key, certificate or ARN', principal),
      h('label', { for: 'audit-start' }, 'From', startTime),
      h('label', { for: 'audit-end' }, 'To', endTime),
      h('button', { type: 'submit' }, 'Filter')),
    table(['Time', 'Event', 'Outcome', 'Who', 'Request'], (page.events || []).map((e) => [
      e.eventTime, e.eventName, e.errorCode || 'OK', e.userIdentity?.arn || e.userIdentity?.principalId || '',
      h('span', { class: 'mono' }, JSON.stringify(e.requestParameters || {}).slice(0, 200))])),
    page.nextToken ? h('p', {}, h('a', { href: filter({ nextToken: page.nextToken }) }, 'Older records')) : null);
}

// ---- routing ------------------------------------------------------------------------------------------------

async function route() {
  generation += 1;
  if (!signedIn()) {
    signInView();
    return;
  }
  const show = drawer();
  const [path] = location.hash.replace(/^#/, '').split('?');
  try {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] === 'core-devices' && parts[1]) await coreDeviceView(parts[1]);
    else if (parts[0] === 'core-devices') await coreDevicesView();
    else if (parts[0] === 'things' && parts[1]) await thingView(parts[1]);
    else if (parts[0] === 'things') await thingsView();
    else if (parts[0] === 'audit') await auditView();
    else await fleetView();
  } catch (error) {
    show(h('h1', {}, 'Corelink'), alertOf(error));
  }
  main.focus();
}

document.getElementById('sign-out').addEventListener('click', () => {
  generation += 1;
  signOut();
  location.hash = '#/';
  signInView();
});
window.addEventListener('hashchange', route);
route();
