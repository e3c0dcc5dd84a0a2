// Signing in with an identity provider's token (a JWT) instead of an API key, in a real
// browser. The tests sign their tokens themselves, with the provider's private key
// (FLAREKIT_JWT_KEY, a JWK) and issuer (FLAREKIT_JWT_ISSUER): AdminBrowserTest makes that
// provider, serves its JWK set and points the service at it; its rules let the role
// viewer list and read users, and nothing else. Without FLAREKIT_JWT_KEY they are skipped
// (AdminBrowserTest fails on any skip).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { BASE, RUN, api, launch } from '../test-support/browser.mjs';

const JWK = process.env.FLAREKIT_JWT_KEY ? JSON.parse(process.env.FLAREKIT_JWT_KEY) : null;
const ISSUER = process.env.FLAREKIT_JWT_ISSUER;
const skip = JWK ? false : 'no identity provider: FLAREKIT_JWT_KEY and FLAREKIT_JWT_ISSUER are not set';
const STRANGER = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const FIELD = 'API key or token';

let browser;
let page;
let watch;

const base64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An RS256 token for `sub` with `roles`, expiring `expiresIn` seconds from now, signed by `key`. */
function token(sub, roles, { expiresIn = 300, key = createPrivateKey({ key: JWK, format: 'jwk' }) } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', kid: JWK.kid };
  const exp = now + expiresIn;
  const claims = { iss: ISSUER, sub, iat: Math.min(now, exp) - 60, exp, jti: randomUUID(), roles };
  const signed = `${base64url(header)}.${base64url(claims)}`;
  return `${signed}.${sign('sha256', Buffer.from(signed), key).toString('base64url')}`;
}

async function signIn(credential) {
  await page.goto(`${BASE}/admin/`);
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  await page.getByLabel(FIELD).fill(credential);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

before(async () => {
  if (skip) return;
  ({ browser, page, watch } = await launch());
});

after(async () => {
  await browser?.close();
});

test('a token with roles signs in like a key, and sees the users', { skip }, async () => {
  await api('POST', '/users', { name: `Tokenized ${RUN}`, email: `tokenized.${RUN}@example.com` });
  const admin = token(`jwt-admin-${RUN}`, ['admin']);
  await signIn(admin);
  await page.getByRole('menuitem', { name: 'Users' }).click();
  await page.getByPlaceholder('Search').fill(`Tokenized ${RUN}`);
  await page.getByRole('cell', { name: `Tokenized ${RUN}` }).waitFor();
  await page.getByText('1-1 of 1').waitFor();
  // who is signed in: the token's sub and roles, from GET /admin/session
  await page.getByText(`jwt-admin-${RUN} (admin)`).first().waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('flarekit.token')), admin);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  for (const name of ['Files', 'File descriptions']) {
    await page.getByRole('menuitem', { name }).waitFor();
  }
});

test('a viewer token lists and reads users, and is offered nothing the rules deny it', { skip }, async () => {
  const user = await api('POST', '/users', { name: `Viewed ${RUN}`, email: `viewed.${RUN}@example.com` });
  await signIn(token(`jwt-viewer-${RUN}`, ['viewer']));
  await page.getByRole('menuitem', { name: 'Users' }).click();
  await page.getByPlaceholder('Search').fill(`Viewed ${RUN}`);
  await page.getByRole('cell', { name: `Viewed ${RUN}` }).click(); // the row opens the record
  await page.waitForURL(new RegExp(`#/users/${user.id}/show`));
  await page.getByText(`viewed.${RUN}@example.com`).first().waitFor();
  // users: no create, edit, delete, permanent delete, select-for-delete or show-deleted
  for (const name of ['Edit', 'Create']) assert.equal(await page.getByRole('link', { name }).count(), 0, name);
  for (const name of [/^Delete/, /Restore/]) assert.equal(await page.getByRole('button', { name }).count(), 0, name);
  await page.getByRole('link', { name: 'List' }).click();
  await page.getByRole('cell', { name: `Viewed ${RUN}` }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Create' }).count(), 0, 'no Create on the list');
  assert.equal(await page.getByRole('checkbox').count(), 0, 'no row to select for a bulk delete');
  assert.equal(await page.getByLabel('Show deleted').count(), 0);
  // other resources: not in the menu at all
  assert.deepEqual(await page.getByRole('menuitem').allInnerTexts(), ['Users']);
});

test('an expired token or a wrong signature stays on the login page with a clear message', { skip }, async () => {
  watch.expected = /status of 401/;
  const refused = [
    [token(`late-${RUN}`, ['admin'], { expiresIn: -600 }), /expired/i],
    [token(`forger-${RUN}`, ['admin'], { key: STRANGER }), /signature/i],
  ];
  for (const [credential, message] of refused) {
    await signIn(credential);
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), message);
    assert.ok(await page.getByLabel(FIELD).isVisible());
    assert.equal(await page.getByRole('menuitem').count(), 0);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('flarekit.token')), null);
  }
  watch.expected = null;
});

test('a token that expires during the session returns to the login page, saying so', { skip }, async () => {
  // Spring Security allows 60 s of clock skew: a token whose exp passed 50 s ago is still
  // accepted for about 10 s, and refused (401) once it is more than 60 s old
  const expiresIn = -50;
  const refusedAfter = Date.now() + (60 + expiresIn + 2) * 1000;
  await signIn(token(`short-${RUN}`, ['admin'], { expiresIn }));
  await page.getByRole('menuitem', { name: 'Users' }).click();
  await page.getByText(/of \d+/).first().waitFor();
  await page.waitForTimeout(Math.max(0, refusedAfter - Date.now()));
  watch.expected = /status of 401/;
  await page.getByRole('button', { name: 'Refresh' }).click(); // the list asks again
  await page.getByLabel(FIELD).waitFor();
  // react-admin's own notification of the refused request may still be showing beside it
  const signedOut = page.getByRole('alert').filter({ hasText: /^Signed out:/ });
  assert.match(await signedOut.innerText(), /^Signed out: .*expired/i);
  assert.ok(await page.getByLabel(FIELD).isVisible());
  assert.equal(await page.evaluate(() => sessionStorage.getItem('flarekit.token')), null);
  await page.waitForTimeout(200); // the console reports the refused requests a little later
  watch.expected = null;
});

test('no console errors while signed in with tokens', { skip }, () => {
  assert.deepEqual(watch.errors, []);
});
