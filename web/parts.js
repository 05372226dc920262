// Loads the bundle's optional parts: classic scripts that sit beside dist/relu-lab.js
// (relu-lab-NAME.js) and hold what only some figures need, such as the digits data.
// Not here: what a part holds (its user reads the payload), when to load one (the engine asks).
//
// Why a classic <script> and not fetch() or import(): Chromium allows neither from
// file://, and a strict CSP that lets the page run relu-lab.js from its origin lets it
// run a second script from the same folder too (connect-src may still forbid fetch).
// A part hands over its payload by dispatching PART_EVENT on the global object while it
// runs, so it leaves nothing in the page's globals; `build` ties it to the bundle it came
// with, since a part copied from another build could hold other data or code.

export const PART_EVENT = 'relu-lab-part';

/** Where part `name` lives: beside the script at scriptUrl. */
export function partUrl(scriptUrl, name) {
  return new URL(`relu-lab-${name}.js`, scriptUrl).href;
}

export class PartLoader {
  /**
   * scriptUrl: the URL of relu-lab.js; build: the bundle's build id (parts must carry the same);
   * nonce: the CSP nonce of relu-lab.js's own tag, if the page uses nonces;
   * doc, target: the document that gets the <script> and the global the part dispatches on.
   */
  constructor({ scriptUrl, build, nonce = '', doc = globalThis.document, target = globalThis }) {
    Object.assign(this, { scriptUrl, build, nonce, doc, target });
    this.loading = new Map();  // name -> Promise of the payload: each part loads once per page
  }

  /** The part's payload (the detail it dispatched, less name and build), loaded once. */
  load(name) {
    if (!this.loading.has(name)) {
      const promise = this.fetchPart(name);
      promise.catch(() => this.loading.delete(name));  // a failure may be retried (e.g. the file appears later)
      this.loading.set(name, promise);
    }
    return this.loading.get(name);
  }

  fetchPart(name) {
    const file = `relu-lab-${name}.js`;
    if (!this.scriptUrl) {
      return Promise.reject(new Error(`${file}: the address of relu-lab.js is unknown, so ${file} cannot be found; ` +
        'load relu-lab.js with a <script src> tag'));
    }
    const url = partUrl(this.scriptUrl, name);
    return new Promise((resolve, reject) => {
      let payload = null;
      const onPart = (event) => {
        const detail = event.detail || {};
        if (detail.name === name) payload = detail;
      };
      const script = this.doc.createElement('script');
      const done = () => {
        this.target.removeEventListener(PART_EVENT, onPart);
        script.remove();
      };
      script.onload = () => {
        done();
        if (!payload) reject(new Error(`${url} ran but delivered no ${name} part: is it a ReLU Lab ${file}?`));
        else if (payload.build !== this.build) {
          reject(new Error(`${url} is from another build of ReLU Lab (${payload.build}, relu-lab.js is ${this.build}): ` +
            `copy ${file} and relu-lab.js from the same dist/ folder`));
        } else {
          const { name: _n, build: _b, ...rest } = payload;
          resolve(rest);
        }
      };
      script.onerror = () => {
        done();
        reject(new Error(`could not load ${url}: keep ${file} in the same folder as relu-lab.js`));
      };
      this.target.addEventListener(PART_EVENT, onPart);
      if (this.nonce) script.nonce = this.nonce;
      script.src = url;
      this.doc.head.append(script);
    });
  }
}
