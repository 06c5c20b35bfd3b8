// The redirect URI: checks the state, has the backend exchange the code (with the PKCE verifier), then opens the
// patient the portal named in the token response on the portal's own timeline. An OAuth error is shown as is.
'use strict';

(async () => {
  const result = document.getElementById('result');
  const query = new URLSearchParams(location.search);
  const saved = JSON.parse(sessionStorage.getItem('smart') || '{}');
  if (query.get('error')) {
    result.dataset.error = query.get('error');
    result.textContent = query.get('error') + ': ' + (query.get('error_description') || '');
    return;
  }

  if (!saved.state || query.get('state') !== saved.state) {
    result.dataset.error = 'state';
    result.textContent = 'state mismatch';
    return;
  }

  const config = await (await fetch('config')).json();
  const token = await (await fetch('token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: query.get('code'), verifier: saved.verifier }),
  })).json();
  if (!token.access_token) {
    result.dataset.error = token.error;
    result.textContent = token.error + ': ' + token.error_description;
    return;
  }

  result.textContent = 'patient ' + token.patient;
  location.assign(config.portal + '/patients/' + encodeURIComponent(token.patient));
})();
