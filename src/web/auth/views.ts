import { html, type Html } from '../html.js';
import { page } from '../layout.js';
import { MIN_PASSWORD_LENGTH } from './password.js';

export interface SetupForm {
  readonly csrf: string;
  readonly username?: string;
  readonly error?: string | null;
}

/** First start: the one-time code from the server log, then the admin's username and password. */
export function setupPage(form: SetupForm): Html {
  return page(
    { title: 'Set up Patchbay' },
    html`<section class="card narrow">
      <h1>Welcome to Patchbay</h1>
      <p class="subtitle">
        Create the dashboard's admin account. The setup code is in the log of
        <span class="mono">patchbay serve</span>.
      </p>
      ${form.error && html`<p class="error" role="alert">${form.error}</p>`}
      <form class="stack" method="post" action="/setup">
        <input type="hidden" name="_csrf" value="${form.csrf}" />
        <label
          >Setup code <input name="code" required autocomplete="one-time-code" spellcheck="false"
        /></label>
        <label
          >Username
          <input name="username" required autocomplete="username" value="${form.username ?? ''}"
        /></label>
        <label
          >Password
          <input
            name="password"
            type="password"
            required
            minlength="${MIN_PASSWORD_LENGTH}"
            autocomplete="new-password"
        /></label>
        <label
          >Repeat password
          <input
            name="confirm"
            type="password"
            required
            minlength="${MIN_PASSWORD_LENGTH}"
            autocomplete="new-password"
        /></label>
        <button type="submit">Create admin</button>
      </form>
    </section>`,
  );
}

export interface LoginForm {
  readonly csrf: string;
  readonly next: string;
  readonly username?: string;
  readonly error?: string | null;
}

export function loginPage(form: LoginForm): Html {
  return page(
    { title: 'Sign in' },
    html`<section class="card narrow">
      <h1>Sign in</h1>
      <p class="subtitle">Patchbay dashboard</p>
      ${form.error && html`<p class="error" role="alert">${form.error}</p>`}
      <form class="stack" method="post" action="/login">
        <input type="hidden" name="_csrf" value="${form.csrf}" />
        <input type="hidden" name="next" value="${form.next}" />
        <label
          >Username
          <input name="username" required autocomplete="username" value="${form.username ?? ''}"
        /></label>
        <label
          >Password <input name="password" type="password" required autocomplete="current-password"
        /></label>
        <button type="submit">Sign in</button>
      </form>
    </section>`,
  );
}
