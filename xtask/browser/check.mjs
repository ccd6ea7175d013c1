// The API reference in a real browser: each HTML file given is opened in headless Chromium
// (driven by playwright-core) at a desktop's and at a phone's size, and must
// - load with no console error or warning, no uncaught exception and no failed request,
//   and ask for nothing outside itself;
// - have a table of contents (`nav#contents`), every link within the page (`href="#…"`)
//   leading to an element, and no id twice;
// - on the phone, be laid out at the phone's width (a viewport meta tag) with nothing wider
//   than the screen: wide tables and code scroll inside their own boxes.
// Prints one line per file and page size; exits 1 when anything is wrong.
//
// usage: node check.mjs CHROMIUM FILE...    (run by xtask/src/browser.rs)

import { chromium } from 'playwright-core';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [executablePath, ...files] = process.argv.slice(2);
if (!executablePath || files.length === 0) {
  console.error('usage: node check.mjs CHROMIUM FILE...');
  process.exit(2);
}
// Bounded whatever happens: a hung browser fails the check instead of the CI run.
setTimeout(() => {
  console.error('the browser check took over 120 s');
  process.exit(2);
}, 120_000).unref();

const sizes = [
  { name: 'desktop', viewport: { width: 1280, height: 900 }, isMobile: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true },
];

// Playwright gives every launch a fresh profile of its own. Without the networking flags
// Chromium tries to reach outside services at start, which a closed network refuses.
const browser = await chromium.launch({
  executablePath,
  headless: true,
  chromiumSandbox: false,
  timeout: 60_000,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

let failed = false;
try {
  for (const file of files) {
    const url = pathToFileURL(resolve(file)).href;
    for (const size of sizes) {
      const problems = await check(url, size);
      failed ||= problems.length > 0;
      const status = problems.length === 0 ? 'ok' : 'FAILED';
      console.log(`${status}: ${file} (${size.name})`);
      for (const problem of problems) {
        console.log(`  ${problem}`);
      }
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);

async function check(url, size) {
  const problems = [];
  const context = await browser.newContext({
    viewport: size.viewport,
    isMobile: size.isMobile,
    hasTouch: size.isMobile,
    deviceScaleFactor: 1,
  });
  try {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        problems.push(`console ${message.type()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
    page.on('requestfailed', (request) =>
      problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
    );
    page.on('request', (request) => {
      if (request.url() !== url) {
        problems.push(`asks for something outside the page: ${request.url()}`);
      }
    });
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    const found = await page.evaluate((screenWidth) => {
      const counts = new Map();
      for (const element of document.querySelectorAll('[id]')) {
        counts.set(element.id, (counts.get(element.id) ?? 0) + 1);
      }
      const links = [...document.querySelectorAll('a[href^="#"]')].map((a) =>
        a.getAttribute('href'),
      );
      const broken = links.filter((href) => {
        let id;
        try {
          id = decodeURIComponent(href.slice(1));
        } catch {
          return true;
        }
        return document.getElementById(id) === null;
      });
      // The elements that stick out past the screen's right edge, outermost only, outside
      // any box that scrolls.
      const sticking = [];
      const scrolls = (element) => {
        for (let e = element.parentElement; e; e = e.parentElement) {
          const overflow = getComputedStyle(e).overflowX;
          if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') {
            return true;
          }
        }
        return false;
      };
      for (const element of document.body.querySelectorAll('*')) {
        const box = element.getBoundingClientRect();
        if (box.right > screenWidth + 1 && !scrolls(element)) {
          if (!sticking.some((outer) => outer.contains(element))) {
            sticking.push(element);
          }
        }
      }
      return {
        contents: document.querySelector('nav#contents') !== null,
        links: links.length,
        broken: [...new Set(broken)],
        duplicates: [...counts].filter(([, n]) => n > 1).map(([id]) => id),
        viewportMeta: document.querySelector('meta[name="viewport"]') !== null,
        innerWidth: window.innerWidth,
        scrollWidth: document.documentElement.scrollWidth,
        sticking: sticking
          .slice(0, 5)
          .map((e) => `<${e.tagName.toLowerCase()}> ${(e.textContent ?? '').trim().slice(0, 60)}`),
      };
    }, size.viewport.width);
    if (!found.contents) {
      problems.push('no table of contents (nav#contents)');
    }
    if (found.links === 0) {
      problems.push('no links within the page');
    }
    for (const href of found.broken) {
      problems.push(`link to nothing: ${href}`);
    }
    for (const id of found.duplicates) {
      problems.push(`id used more than once: ${id}`);
    }
    if (size.isMobile) {
      if (!found.viewportMeta) {
        problems.push('no viewport meta tag: a phone lays the page out for a desktop');
      }
      // A phone widens the layout to fit what sticks out, so either width tells.
      const width = Math.max(found.innerWidth, found.scrollWidth);
      if (width > size.viewport.width) {
        problems.push(
          `laid out ${width} px wide on a ${size.viewport.width} px screen; sticking out: ${found.sticking.join('; ') || '(nothing found)'}`,
        );
      }
    }
  } finally {
    await context.close();
  }
  return problems;
}
