// The GP software's launch, as a SMART EHR launch with PKCE (S256): its backend (this page's own server) asks the
// portal for a launch id with the client's credentials — the NISS never goes into a URL — then the browser is sent to
// the portal's authorize endpoint. Test knobs (?mode=): forged-launch, wrong-redirect, no-pkce.
'use strict';

const base64url = bytes => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return response.json();
}

document.getElementById('niss').value = new URLSearchParams(location.search).get('niss') || '';
document.getElementById('open').addEventListener('click', () => open().catch((e) => {
  // What went wrong, on the page: a test that waits for the portal then says why it never came.
  document.getElementById('status').textContent = 'launch failed: ' + e;
}));

async function open() {
  const mode = new URLSearchParams(location.search).get('mode') || '';
  const status = document.getElementById('status');
  const config = await (await fetch('config')).json();
  const launched = await post('launch', { niss: document.getElementById('niss').value });
  if (!launched.launch) {
    status.textContent = launched.error + ': ' + launched.error_description;
    return;
  }

  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem('smart', JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: mode === 'wrong-redirect' ? config.redirectUri + 'x' : config.redirectUri,
    scope: 'launch openid fhirUser patient/*.read',
    state,
    aud: config.fhirBase,
    launch: mode === 'forged-launch' ? base64url(crypto.getRandomValues(new Uint8Array(32))) : launched.launch,
  });
  if (mode !== 'no-pkce') {
    query.set('code_challenge', challenge);
    query.set('code_challenge_method', 'S256');
  }

  location.assign(config.authorizationEndpoint + '?' + query);
}
